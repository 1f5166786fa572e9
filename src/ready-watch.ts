/**
 * Watching the list between two loads: which backups just became ready to download, and how long a
 * pending one has been waiting. Pure functions of data and an instant (epoch ms), like backup-rules.
 */
import type { Backup } from './backup-types.js';
import { DAY_MS, effectiveStatus, instant, isPending } from './backup-rules.js';
import type { LocaleCode } from './localize.js';

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

const formatters: Partial<Record<LocaleCode, Intl.RelativeTimeFormat>> = {};

/**
 * "há 3 horas" / "3 hours ago" / "hace 3 horas": minutes under an hour, hours under two days,
 * days from then on; always whole units waited (rounded down), and at least "1 minute ago".
 */
export function formatWaited(locale: LocaleCode, ms: number): string {
  const waited = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    waited < HOUR_MS ? [Math.max(1, Math.floor(waited / MINUTE_MS)), 'minute'] : waited < 2 * DAY_MS ? [Math.floor(waited / HOUR_MS), 'hour'] : [Math.floor(waited / DAY_MS), 'day'];
  // `numeric: 'always'` (the default) says "1 day ago", never "yesterday", which would be wrong at 30 hours.
  return (formatters[locale] ??= new Intl.RelativeTimeFormat(locale)).format(-value, unit);
}
