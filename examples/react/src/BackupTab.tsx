// readme:react:start
import { useState } from 'react';
import '@softexpert/account-backup-tab/define';
import type {} from '@softexpert/account-backup-tab/react'; // <account-backup-tab> in TSX
import { fetchWithSession } from './session';

export function BackupTab() {
  const [requested, setRequested] = useState<string>();
  return (
    <>
      <account-backup-tab
        base-url="/api/account/backup"
        lang="pt-BR"
        fetch={fetchWithSession}
        onaccount-backup-requested={(e) => setRequested(e.detail.backup.id)}
      />
      {requested && <p role="status">Backup {requested} requested</p>}
    </>
  );
}
// readme:react:end
