/**
 * The shapes of the backend contract (v1.1, whose new fields are all optional). They come from the OpenAPI document in
 * `contract/backup-api.openapi.yaml` through the generated `generated/contract.ts`, so the code
 * and the contract cannot drift apart.
 */
import type { components } from '../api/generated/contract.js';

type Schemas = components['schemas'];

export type Backup = Schemas['Backup'];
export type BackupList = Schemas['BackupList'];
export type DownloadCredentials = Schemas['DownloadCredentials'];
/** v1.1: one of the SFTP server's host keys, on the download answer's `hostKeys`. */
export type HostKey = Schemas['HostKey'];

/**
 * The statuses the product knows, the one list of them; anything else the backend sends is shown
 * as invalid. Adding one: here, its label in each of `i18n/locales/` (the compiler asks for it),
 * and the rules that treat it specially (core/rules.ts).
 */
export const KNOWN_STATUSES = ['awaiting_release', 'in_progress', 'ready', 'expired', 'server_error', 'cancelled'] as const;
export type KnownStatus = (typeof KNOWN_STATUSES)[number];

/** A status as the user sees it: a known one, or `invalid` for values the product does not know. */
export type EffectiveStatus = KnownStatus | 'invalid';
