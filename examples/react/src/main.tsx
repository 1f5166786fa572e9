import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BackupTab } from './BackupTab';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <h1>Gerenciar conta</h1>
    <BackupTab />
  </StrictMode>,
);
