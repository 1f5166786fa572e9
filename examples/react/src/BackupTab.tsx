// readme:react:start
import { useState } from 'react';
import '@softexpert/account-backup-tab/define';
import type {} from '@softexpert/account-backup-tab/react'; // <account-backup-tab> in TSX
import type { FetchLike } from '@softexpert/account-backup-tab';

// Every call carries the session's CSRF token (here, the server's `csrf` cookie).
const fetchWithSession: FetchLike = (url, init) => {
  const headers = new Headers(init.headers);
  headers.set('X-CSRF-Token', document.cookie.match(/(?:^|; )csrf=([^;]*)/)?.[1] ?? '');
  return fetch(url, { ...init, headers, credentials: 'same-origin' });
};

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
