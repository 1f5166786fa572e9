/**
 * Locale-aware formatting, all through `Intl`: dates, sizes, how long a request has waited, how long
 * a backup stays downloadable, plurals; and the instants at which those texts change.
 */
import { DAY_MS } from '../core/rules.js';

/** `one` or `other` by the language's plural rules (Intl.PluralRules: pt and es count 0 differently from en). */
const pluralRules: Record<string, Intl.PluralRules> = {};
export const plural = (locale: string, n: number, one: string, other: string): string =>
  (pluralRules[locale] ??= new Intl.PluralRules(locale)).select(n) === 'one' ? one : other;

/**
 * Building an `Intl` formatter costs ~0.1–0.3 ms (Chromium), and a page's first date formatter
 * 30–50 ms more (ICU's data loads; the element builds it while its first request is on the wire);
 * a 50-row list needs a few hundred formats per render. One formatter per kind and locale (and size unit), built on first use:
 * `formatters[key] ??= new …` builds only when the key is missing.
 */
const formatters: Record<string, { format(value: number, unit?: Intl.RelativeTimeFormatUnit): string }> = {};

export const formatDate = (locale: string, ms: number): string =>
  (formatters['d' + locale] ??= new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(ms);

/**
 * The UTC copy of a date: numeric, with a four-digit year in every language (en's short style has
 * "12/29/26"), and hours as each language writes them ("01:00" in pt-BR and es, "1:00 AM" in en).
 */
export const formatUtc = (locale: string, ms: number): string =>
  (formatters['u' + locale] ??= new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: locale === 'en' ? 'numeric' : '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  })).format(ms) + ' UTC';

/** The user's time zone (the browser's), as an IANA name. */
let zone: string | undefined;
/** Asked of Intl once per page: building a formatter for it on every date cost a formatter per row. */
export const userTimeZone = (): string => (zone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone);

/**
 * Whether a date needs its UTC copy beside it: not when the user's time zone is UTC itself (the
 * copy would repeat the date). Names as `Intl` resolves them (`Etc/UTC`, `GMT`, `Zulu`…).
 */
export const showsUtcCopy = (timeZone: string = userTimeZone()): boolean =>
  !/^(Etc\/)?(UTC|UCT|GMT([+-]?0)?|Universal|Zulu|Greenwich)$/i.test(timeZone);

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const dayFormatters: Record<string, Intl.DateTimeFormat> = {};

/**
 * Days since 1970-01-01 of the calendar date an instant has in `timeZone`; without one, in the
 * user's own zone, which a `Date`'s local fields give with no formatter (the engines' `Date` and
 * `Intl` share the zone).
 */
function calendarDay(ms: number, timeZone?: string): number {
  if (!timeZone) {
    const date = new Date(ms);
    return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS;
  }
  const parts = (dayFormatters[timeZone] ??= new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS;
}

/**
 * The time left until `until`, as the date shown beside it reads: under a day, whole hours
 * (rounded up, at least 1); else the calendar days between today and that date in `timeZone`
 * (the user's when none is given), so on 1 Dec "available until 9 Dec, 08:00" says "in 8 days" whatever the hour.
 */
export function timeLeftUntil(now: number, until: number, timeZone?: string): { value: number; unit: 'day' | 'hour' } {
  const ms = until - now;
  if (ms < DAY_MS) return { value: Math.max(1, Math.ceil(ms / HOUR_MS)), unit: 'hour' };
  return { value: calendarDay(until, timeZone) - calendarDay(now, timeZone), unit: 'day' };
}

/** Zones' days start on a quarter hour (Kolkata at :30, Kathmandu and the Chatham Islands at :45). */
const QUARTER_MS = 15 * MINUTE_MS;

/** The first instant after `now` on another calendar day in `timeZone` (the user's when none is given). */
export function nextMidnight(now: number, timeZone?: string): number {
  const today = calendarDay(now, timeZone);
  // By hours to the day after, then back by quarters to its first one.
  let at = Math.ceil((now + 1) / QUARTER_MS) * QUARTER_MS;
  while (calendarDay(at, timeZone) === today) at += HOUR_MS;
  while (at - QUARTER_MS > now && calendarDay(at - QUARTER_MS, timeZone) !== today) at -= QUARTER_MS;
  return at;
}

/**
 * The next instant after `now` at which {@link timeLeftUntil} reads differently: the next whole
 * hour before `until` under a day, else the next midnight or the moment only a day is left.
 */
export function nextTimeLeftChange(now: number, until: number, timeZone?: string): number {
  const ms = until - now;
  if (ms < DAY_MS) return until - (Math.ceil(ms / HOUR_MS) - 1) * HOUR_MS;
  // Hours from the first instant with less than a day left.
  return Math.min(nextMidnight(now, timeZone), until - DAY_MS + 1);
}

/** One relative-time formatter per locale, for the time left and the time waited alike. */
const relative = (locale: string) => (formatters['r' + locale] ??= new Intl.RelativeTimeFormat(locale));

/** "in 8 days", "in 5 hours": {@link timeLeftUntil}, worded in the locale. */
export function formatTimeLeftUntil(locale: string, now: number, until: number, timeZone?: string): string {
  const { value, unit } = timeLeftUntil(now, until, timeZone);
  return relative(locale).format(value, unit);
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'];

/** Decimal units (1 GB = 10⁹ bytes), as file managers show them; `null` for a size that makes no sense. */
export function formatSize(locale: string, bytes: number | null | undefined): string | null {
  // Number.isFinite is false for anything that is not a number (null, undefined, NaN, ±Infinity).
  if (!Number.isFinite(bytes) || bytes! < 0) return null;
  let value = bytes!;
  let unit = 0;
  // Up to the largest unit there is.
  for (; value >= 1000 && UNITS[unit + 1]; unit++) value /= 1000;
  return (formatters[locale + unit] ??= new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit ? 1 : 0,
  })).format(value);
}

/** The unit {@link formatWaited} counts a wait of `waited` ms in. */
const waitedUnit = (waited: number): number => (waited < HOUR_MS ? MINUTE_MS : waited < 2 * DAY_MS ? HOUR_MS : DAY_MS);

/**
 * "há 3 horas" / "3 hours ago" / "hace 3 horas": minutes under an hour, hours under two days,
 * days from then on; always whole units waited (rounded down), and at least "1 minute ago".
 */
export function formatWaited(locale: string, ms: number): string {
  const waited = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const unit = waitedUnit(waited);
  const value = Math.max(1, Math.floor(waited / unit));
  // `numeric: 'always'` (the default) says "1 day ago", never "yesterday", which would be wrong at 30 hours.
  return relative(locale).format(-value, unit === MINUTE_MS ? 'minute' : unit === HOUR_MS ? 'hour' : 'day');
}

/** The next instant at which a wait that has lasted `waited` ms at `now` reads differently in {@link formatWaited}. */
export function nextWaitedChange(now: number, waited: number): number {
  const unit = waitedUnit(waited);
  return now - waited + (Math.floor(waited / unit) + 1) * unit;
}
