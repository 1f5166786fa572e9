/** Language resolution and locale-aware formatting (all through `Intl`). */
import { LOCALES, type Strings } from './locales.js';
import { DAY_MS } from './backup-rules.js';

export type { Strings };
export type LocaleCode = keyof typeof LOCALES;

/** The first supported tag among the candidates, in order (`pt-BR`, `pt`, `en-US`, `es-419`…); pt-BR when none is. */
export function resolveLocale(candidates: Iterable<string | null | undefined>): LocaleCode {
  for (const tag of candidates) {
    const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
    if (language === 'en' || language === 'es') return language;
    if (language === 'pt') return 'pt-BR';
  }
  return 'pt-BR';
}

export const stringsFor = (code: LocaleCode): Strings => LOCALES[code];

/**
 * Building an `Intl` formatter costs ~0.1–0.3 ms (Chromium), and a page's first date formatter
 * 30–50 ms more (ICU's data loads; the element builds it while its first request is on the wire);
 * a 50-row list needs a few hundred formats per render. One formatter per kind and locale (and size unit), built on first use:
 * `formatters[key] ??= new …` builds only when the key is missing.
 */
const formatters: Record<string, { format(value: number, unit?: Intl.RelativeTimeFormatUnit): string }> = {};

export const formatDate = (locale: LocaleCode, ms: number): string =>
  (formatters['d' + locale] ??= new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(ms);

export const formatUtc = (locale: LocaleCode, ms: number): string =>
  (formatters['u' + locale] ??= new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' })).format(ms) + ' UTC';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'];

/** Decimal units (1 GB = 10⁹ bytes), as file managers show them; `null` for a size that makes no sense. */
export function formatSize(locale: LocaleCode, bytes: number | null | undefined): string | null {
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

/** "in 3 days", "in 5 hours": the time left to download. */
export function formatTimeLeft(locale: LocaleCode, ms: number): string {
  const days = ms >= DAY_MS;
  // `numeric: 'always'` ("in 1 day", never "tomorrow") is RelativeTimeFormat's default.
  return (formatters['r' + locale] ??= new Intl.RelativeTimeFormat(locale)).format(
    days ? Math.floor(ms / DAY_MS) : Math.max(1, Math.ceil(ms / 3_600_000)),
    days ? 'day' : 'hour',
  );
}
