// The page's own script: every call carries the session's CSRF token (here, the server's `csrf`
// cookie), and the page says when a backup was requested.
const tab = document.querySelector('account-backup-tab');
tab.fetch = (url, init) => {
  const headers = new Headers(init.headers);
  headers.set('X-CSRF-Token', document.cookie.match(/(?:^|; )csrf=([^;]*)/)?.[1] ?? '');
  return fetch(url, { ...init, headers, credentials: 'same-origin' });
};
tab.addEventListener('account-backup-requested', (e) => {
  const status = document.querySelector('[role="status"]');
  status.textContent = `Backup ${e.detail.backup.id} requested`;
  status.hidden = false;
});
