/**
 * The product's rules, as pure functions of data and an instant (epoch milliseconds).
 * No DOM, no clock of their own: the element passes `Date.now()`, tests pass whatever they like.
 */
import type { Backup, BackupList, EffectiveStatus, KnownStatus } from './backup-types.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A new request is allowed 28 × 24 h after the last one (article: "após passarem 28 dias"). */
export const COOLDOWN_MS = 28 * DAY_MS;
/** A ready backup can be downloaded for 10 × 24 h (article: "os 10 dias"). */
export const DOWNLOAD_WINDOW_MS = 10 * DAY_MS;

/** The last instant a `Date` can hold; sums past it are clamped so every result stays a valid date. */
const MAX_INSTANT = 8.64e15;
const after = (ms: number, delay: number): number => Math.min(MAX_INSTANT, ms + delay);

const KNOWN: readonly string[] = ['awaiting_release', 'in_progress', 'ready', 'expired', 'server_error'] satisfies KnownStatus[];

/** Epoch ms of an ISO timestamp, or `null` when it is missing or not a valid date. */
export function instant(iso: string | null | undefined): number | null {
  if (typeof iso !== 'string' || iso === '') return null;
  const ms = Date.parse(iso);
  // Date only represents ±8.64e15 ms; Date.parse already yields NaN beyond that.
  return Number.isFinite(ms) ? ms : null;
}

/** When a ready backup stops being downloadable: `expiresAt`, else `readyAt` + 10 days. */
export function expiryOf(backup: Backup): number | null {
  const explicit = instant(backup.expiresAt);
  if (explicit !== null) return explicit;
  const ready = instant(backup.readyAt);
  return ready === null ? null : after(ready, DOWNLOAD_WINDOW_MS);
}

/**
 * The status the user sees at `now`: unknown values become `invalid`, and a `ready` backup whose
 * expiry has passed is `expired` even before the backend says so.
 */
export function effectiveStatus(backup: Backup, now: number): EffectiveStatus {
  const status = backup.status;
  if (!KNOWN.includes(status)) return 'invalid';
  if (status === 'ready') {
    const expiry = expiryOf(backup);
    if (expiry !== null && now >= expiry) return 'expired';
  }
  return status as KnownStatus;
}

/** Milliseconds left to download a backup at `now`: never negative; `null` when not downloadable or unknown. */
export function timeLeft(backup: Backup, now: number): number | null {
  if (effectiveStatus(backup, now) !== 'ready') return null;
  const expiry = expiryOf(backup);
  return expiry === null ? null : Math.max(0, expiry - now);
}

/** Whether a backup is still moving through the cloud team's hands (the list should refresh). */
export function isPending(backup: Backup, now: number): boolean {
  const status = effectiveStatus(backup, now);
  return status === 'awaiting_release' || status === 'in_progress';
}

/** Newest request first; rows whose `requestedAt` is not a date go last, in the order received. */
export function newestFirst(backups: readonly Backup[]): Backup[] {
  return backups
    .map((backup, index) => ({ backup, index, at: instant(backup.requestedAt) }))
    .sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity) || a.index - b.index)
    .map((entry) => entry.backup);
}

/**
 * Epoch ms from which a new request is allowed, or `null` when it is allowed now regardless of
 * the clock. The server's `nextRequestAt` is authoritative when the field is present (`null`
 * included); an older backend that omits it gets the brief's fallback: no backups, or a latest
 * request that ended in `server_error`, allows a request now; otherwise latest `requestedAt` + 28 days.
 */
export function nextRequestAt(list: Pick<BackupList, 'backups'> & { nextRequestAt?: string | null }): number | null {
  if ('nextRequestAt' in list && list.nextRequestAt !== undefined) {
    // A present but unreadable timestamp must not lock the user out for good: allow now and let
    // the server answer 409 with a readable date if it disagrees.
    return instant(list.nextRequestAt);
  }
  const latest = newestFirst(list.backups).find((backup) => instant(backup.requestedAt) !== null);
  if (!latest || latest.status === 'server_error') return null;
  return after(instant(latest.requestedAt) as number, COOLDOWN_MS);
}

/** Whether the *Solicitar backup* button is enabled at `now`. */
export function canRequest(list: Parameters<typeof nextRequestAt>[0], now: number): boolean {
  const at = nextRequestAt(list);
  return at === null || now >= at;
}

/**
 * The next instant after `now` at which what the user sees changes without any new data: the
 * request button comes back, or a ready backup expires. `null` when nothing is scheduled.
 */
export function nextChange(list: Parameters<typeof nextRequestAt>[0], now: number): number | null {
  const candidates = [nextRequestAt(list), ...list.backups.map((b) => (b.status === 'ready' ? expiryOf(b) : null))];
  let soonest: number | null = null;
  for (const at of candidates) {
    if (at !== null && at > now && (soonest === null || at < soonest)) soonest = at;
  }
  return soonest;
}
