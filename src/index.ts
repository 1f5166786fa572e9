/** The class and its types, with no side effects: import `./define` (or the bundle) to register the tag. */
export { AccountBackupTab } from './account-backup-tab.js';
export { BackupApiError, type ApiErrorKind, type FetchLike } from './api/client.js';
export type { Backup, BackupList, DownloadCredentials, EffectiveStatus, KnownStatus } from './core/types.js';
export type { BackupEventMap, BackupOperation } from './events.js';
export type { LocaleCode } from './i18n/resolve.js';
