/** The element's events: all bubbling and composed, prefixed `account-backup-` so a host app never collides. */
import type { ApiErrorKind } from './api/client.js';
import type { Backup } from './core/types.js';

export type BackupOperation = 'list' | 'request' | 'download' | 'cancel';

export interface BackupEventMap {
  /** A backup was requested (`POST /backups` answered 201). */
  'account-backup-requested': CustomEvent<{ backup: Backup }>;
  /** SFTP credentials were issued for a backup. The private key is deliberately not included. */
  'account-backup-credentials-issued': CustomEvent<{
    backupId: string;
    host: string;
    port: number;
    username: string;
    path: string;
    expiresAt: string | null;
  }>;
  /** A request awaiting release was cancelled (`DELETE /backups/{id}` answered 200; contract v1.1). */
  'account-backup-cancelled': CustomEvent<{ backup: Backup }>;
  /** A load showed a backup that had just become ready to download (never on the first load). */
  'account-backup-ready': CustomEvent<{ backup: Backup }>;
  /** The backend answered 401: the host page should renew the session. */
  'account-backup-unauthorized': CustomEvent<{ operation: BackupOperation }>;
  /** Any failure the user was told about. */
  'account-backup-error': CustomEvent<{ operation: BackupOperation; kind: ApiErrorKind; status: number | null }>;
}

/**
 * Every event's name, once: a new entry of BackupEventMap is a compile error here until listed (the
 * sandbox's log and the tests listen to these). Marked pure: the drop-in does not use it, so bundlers drop it.
 */
export const EVENT_NAMES = /* @__PURE__ */ Object.keys({
  'account-backup-requested': 1,
  'account-backup-credentials-issued': 1,
  'account-backup-cancelled': 1,
  'account-backup-ready': 1,
  'account-backup-unauthorized': 1,
  'account-backup-error': 1,
} satisfies Record<keyof BackupEventMap, 1>) as (keyof BackupEventMap)[];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends BackupEventMap {}
}

export function emit<K extends keyof BackupEventMap>(
  target: EventTarget,
  type: K,
  detail: BackupEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
