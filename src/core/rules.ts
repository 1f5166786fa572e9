/**
 * The product's rules, as pure functions of data and an instant (epoch milliseconds).
 * No DOM, no clock of their own: the element passes `Date.now()`, tests pass whatever they like.
 */
import { KNOWN_STATUSES, type Backup, type BackupList, type EffectiveStatus, type KnownStatus } from './types.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A new request is allowed 28 × 24 h after the last one (article: "após passarem 28 dias"). */
export const COOLDOWN_MS = 28 * DAY_MS;
/** A ready backup can be downloaded for 10 × 24 h (article: "os 10 dias"). */
export const DOWNLOAD_WINDOW_MS = 10 * DAY_MS;

/**
 * `ms + delay`, or `null` for no instant. Clamped at the last instant a `Date` can hold (8.64e15),
 * so every result stays a valid date.
 */
const after = (ms: number | null, delay: number): number | null => (ms === null ? null : Math.min(8.64e15, ms + delay));

const KNOWN: readonly string[] = KNOWN_STATUSES;
/** A latest request that ended this way does not count towards the cooldown (v1: server_error; v1.1: cancelled). */
const FREES_THE_COOLDOWN: readonly string[] = ['server_error', 'cancelled'] satisfies KnownStatus[];

/**
 * The contract's timestamps: RFC 3339, with `Z` or an offset (`T` and `Z` in either case, as RFC 3339
 * allows). A time without a zone would be read as the device's local time (hours off), so it is no
 * timestamp at all.
 */
const RFC_3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:Z|([+-])(\d\d):(\d\d))$/i;

/**
 * Epoch ms of a date and time of day in UTC, or `null` when no calendar has it (a 30 February, an
 * hour 24). Computed, not parsed: engines' Date.parse disagree on such dates (Chromium and Firefox
 * roll 30 February into March, WebKit refuses it), and read years below 100 as 19xx.
 */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number | null {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  const valid = date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  return valid ? date.getTime() : null;
}

/**
 * What each timestamp read says: a render asks for a row's dates many times (its status, its wait,
 * its expiry, the next redraw), and each is parsed once. Emptied past 1000, so a page open for
 * weeks keeps no more than a few lists' dates.
 */
const read = new Map<string, number | null>();

/** Epoch ms of an RFC 3339 timestamp, or `null` when it is missing, has no zone, or is no valid date. */
export function instant(timestamp: string | null | undefined): number | null {
  if (typeof timestamp !== 'string') return null;
  let ms = read.get(timestamp);
  if (ms === undefined) {
    const parts = RFC_3339.exec(timestamp);
    const [, year, month, day, hour, minute, second, fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = parts ?? [];
    const at = parts && +offsetHours < 24 && +offsetMinutes < 60 ? utc(+year!, +month!, +day!, +hour!, +minute!, +second!, Math.floor(+`0.${fraction}` * 1000)) : null;
    ms = at === null ? null : at - (sign === '-' ? -1 : 1) * (+offsetHours * 60 + +offsetMinutes) * 60_000;
    if (read.size > 999) read.clear();
    read.set(timestamp, ms);
  }
  return ms;
}

/** When a ready backup stops being downloadable: `expiresAt`, else `readyAt` + 10 days. */
export const expiryOf = (backup: Backup): number | null => instant(backup.expiresAt) ?? after(instant(backup.readyAt), DOWNLOAD_WINDOW_MS);

/**
 * The status the user sees at `now`: unknown values become `invalid`, and a `ready` backup whose
 * expiry has passed is `expired` even before the backend says so.
 */
export function effectiveStatus(backup: Backup, now: number): EffectiveStatus {
  const { status } = backup;
  if (!KNOWN.includes(status)) return 'invalid';
  const expiry = status === 'ready' ? expiryOf(backup) : null;
  return expiry !== null && now >= expiry ? 'expired' : (status as KnownStatus);
}

/** Milliseconds left to download a backup at `now`: never negative; `null` when not downloadable or unknown. */
export function timeLeft(backup: Backup, now: number): number | null {
  const expiry = expiryOf(backup);
  // Still `ready` at `now` means the expiry is unknown or after `now`, so the difference is positive.
  return effectiveStatus(backup, now) === 'ready' && expiry !== null ? expiry - now : null;
}

/**
 * Whether the row offers *Cancelar solicitação* at `now` (v1.1): only a request still awaiting
 * release whose backend says `cancellable: true`. A v1 backend sends no `cancellable`, so never.
 */
export const isCancellable = (backup: Backup, now: number): boolean =>
  effectiveStatus(backup, now) === 'awaiting_release' && backup.cancellable === true;

/** Whether a backup is still moving through the cloud team's hands (the list should refresh). */
export const isPending = (backup: Backup, now: number): boolean => ['awaiting_release', 'in_progress'].includes(effectiveStatus(backup, now));

/** Newest request first; rows whose `requestedAt` is not a date go last, in the order received. */
export const newestFirst = (backups: readonly Backup[]): Backup[] =>
  backups
    // Each date is read once, not once per comparison.
    .map((backup): [number, Backup] => [instant(backup.requestedAt) ?? -Infinity, backup])
    // The sort is stable, and two undated rows compare as NaN (-Infinity minus -Infinity), which
    // sort() takes as "equal": equal instants keep the order received.
    .sort(([a], [b]) => b - a)
    .map(([, backup]) => backup);

type ListLike = Pick<BackupList, 'backups'> & { nextRequestAt?: string | null };

/**
 * Epoch ms from which a new request is allowed, or `null` when it is allowed now regardless of
 * the clock. The server's `nextRequestAt` is authoritative when the field is present (`null`
 * included); an older backend that omits it gets the brief's fallback: no backups, or a latest
 * request that ended in `server_error` or was `cancelled`, allows a request now; otherwise latest
 * `requestedAt` + 28 days.
 */
export function nextRequestAt(list: ListLike): number | null {
  // A present but unreadable timestamp must not lock the user out for good: allow now and let
  // the server answer 409 with a readable date if it disagrees.
  if (list.nextRequestAt !== undefined) return instant(list.nextRequestAt);
  // Undated rows sort last, so the first row is dated whenever any is.
  const [latest] = newestFirst(list.backups);
  return latest && FREES_THE_COOLDOWN.includes(latest.status) ? null : after(instant(latest?.requestedAt), COOLDOWN_MS);
}

/** Whether the *Solicitar backup* button is enabled at `now`. */
export function canRequest(list: ListLike, now: number): boolean {
  const at = nextRequestAt(list);
  return at === null || now >= at;
}

/**
 * The next instant after `now` at which what the user sees changes without any new data: the
 * request button comes back, or a ready backup expires. `null` when nothing is scheduled.
 */
export const nextChange = (list: ListLike, now: number): number | null =>
  soonestAfter(now, [nextRequestAt(list), ...list.backups.map((b) => (b.status === 'ready' ? expiryOf(b) : null))]);

/** The soonest of `instants` after `now`, or `null` when none is. */
export function soonestAfter(now: number, instants: readonly (number | null)[]): number | null {
  const soonest = Math.min(...instants.filter((at): at is number => at !== null && at > now));
  // Math.min() of nothing is Infinity; every instant is finite.
  return soonest < Infinity ? soonest : null;
}

/**
 * A write the list may not show yet: a `201` or a `409 cooldown` comes from the write path, while a
 * `GET` may be answered by a read replica a moment behind it. Until the list catches up, the write's
 * date is a floor under the list's own `nextRequestAt`, and a backup just created stays in view.
 */
export interface PendingWrite {
  /** No new request before this instant (epoch ms). */
  nextRequestAt: number;
  /** The request behind the write was made at or after this instant: a list with such a row has caught up. */
  requestedSince: number;
  /** The backup the write created (`201`), shown until the list has it. */
  backup?: Backup;
}

/** The write a `201` proves: the new backup, and its 28 days. */
export const writeOfCreated = (backup: Backup, now: number): PendingWrite => {
  const requestedAt = instant(backup.requestedAt) ?? now;
  return { nextRequestAt: after(requestedAt, COOLDOWN_MS)!, requestedSince: requestedAt, backup };
};

/** The write a `409 cooldown` proves: someone requested 28 days before its date. */
export const writeOfCooldown = (nextRequestAt: number): PendingWrite => ({
  nextRequestAt,
  requestedSince: nextRequestAt - COOLDOWN_MS,
});

/** Whether the write no longer matters at `now`: its date has passed, or the list shows its request. */
export const writeSettled = (write: PendingWrite, list: Pick<BackupList, 'backups'>, now: number): boolean =>
  now >= write.nextRequestAt ||
  list.backups.some((b) => (write.backup ? b.id === write.backup.id : (instant(b.requestedAt) ?? -Infinity) >= write.requestedSince));

/** The list as the user should see it while a write is not settled: its row in, its date as a floor. */
export function withWrite(list: BackupList, write: PendingWrite): BackupList {
  const listed = nextRequestAt(list);
  const backups = write.backup && !list.backups.some((b) => b.id === write.backup!.id) ? [write.backup, ...list.backups] : list.backups;
  return { backups, nextRequestAt: new Date(Math.max(listed ?? -Infinity, write.nextRequestAt)).toISOString() };
}

/**
 * The backups of `after` that are ready to download at `now` but were not ready in `before`, in the
 * order of `after`. The first load (`before` undefined) reports nothing: what was already ready
 * when the page opened is no news. A backup absent from `before` that appears ready is news. One
 * the backend already called `ready` in `before` is not, even if its old expiry has passed by `now`
 * and the new list extends it: the user already heard of it.
 */
export function becameReady(before: readonly Backup[] | undefined, after: readonly Backup[], now: number): Backup[] {
  if (before === undefined) return [];
  const wasReady = new Set(before.filter((b) => b.status === 'ready').map((b) => b.id));
  return after.filter((b) => effectiveStatus(b, now) === 'ready' && !wasReady.has(b.id));
}

/**
 * Milliseconds since a pending backup (awaiting release or in progress) was requested; `null` for
 * any other status or an unreadable `requestedAt`. A request dated after `now` (a server clock
 * ahead of the user's) has waited 0, never a negative time.
 */
export function waitingFor(backup: Backup, now: number): number | null {
  const requested = instant(backup.requestedAt);
  return requested === null || !isPending(backup, now) ? null : Math.max(0, now - requested);
}
