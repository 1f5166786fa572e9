// readme:session:start
import type { FetchLike } from '@softexpert/account-backup-tab';

// Adds the session's CSRF token (here, the `csrf` cookie). One function for good: a new `fetch` is a new session.
export const fetchWithSession: FetchLike = (url, init) => {
  const headers = new Headers(init.headers);
  headers.set('X-CSRF-Token', document.cookie.match(/(?:^|; )csrf=([^;]*)/)?.[1] ?? '');
  return fetch(url, { ...init, headers, credentials: 'same-origin' });
};
// readme:session:end
