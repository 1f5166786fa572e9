/**
 * Watching the list between two loads: which backups just became ready to download, and how long a
 * pending one has been waiting. Pure functions of data and an instant (epoch ms), like backup-rules.
 */
import type { Backup, BackupList } from './backup-types.js';
import { DAY_MS, effectiveStatus, expiryOf, instant, isPending, nextChange } from './backup-rules.js';
import { nextTimeLeftChange, type LocaleCode } from './localize.js';

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

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The unit {@link formatWaited} counts `waited` ms in. */
const waitedUnit = (waited: number): number => (waited < HOUR_MS ? MINUTE_MS : waited < 2 * DAY_MS ? HOUR_MS : DAY_MS);

/** The next instant after `now` at which how long a pending backup has waited reads differently; `null` when it shows no wait. */
export function nextWaitedChange(backup: Backup, now: number): number | null {
  const waited = waitingFor(backup, now);
  if (waited === null) return null;
  const unit = waitedUnit(waited);
  return now - waited + (Math.floor(waited / unit) + 1) * unit;
}

/**
 * The next instant after `now` at which the list looks different with no new data: the request
 * button comes back, a backup expires, a wait or a time left reads differently. `null`: never.
 */
export function nextRedraw(list: BackupList, now: number): number | null {
  const instants = [nextChange(list, now)];
  for (const backup of list.backups) {
    instants.push(nextWaitedChange(backup, now));
    const expiry = expiryOf(backup);
    if (expiry !== null && effectiveStatus(backup, now) === 'ready') instants.push(nextTimeLeftChange(now, expiry));
  }
  const soonest = Math.min(...instants.filter((at): at is number => at !== null && at > now));
  return soonest < Infinity ? soonest : null;
}

const formatters: Partial<Record<LocaleCode, Intl.RelativeTimeFormat>> = {};

/**
 * "há 3 horas" / "3 hours ago" / "hace 3 horas": minutes under an hour, hours under two days,
 * days from then on; always whole units waited (rounded down), and at least "1 minute ago".
 */
export function formatWaited(locale: LocaleCode, ms: number): string {
  const waited = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const unit = waitedUnit(waited);
  const value = Math.max(1, Math.floor(waited / unit));
  // `numeric: 'always'` (the default) says "1 day ago", never "yesterday", which would be wrong at 30 hours.
  return (formatters[locale] ??= new Intl.RelativeTimeFormat(locale)).format(-value, unit === MINUTE_MS ? 'minute' : unit === HOUR_MS ? 'hour' : 'day');
}
