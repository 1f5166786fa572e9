/** Language resolution and locale-aware formatting (all through `Intl`). */
import { LOCALES, type Strings } from './locales.js';
import { DAY_MS } from './backup-rules.js';

export type { Strings };
export type LocaleCode = keyof typeof LOCALES;

/** `pt-BR`, `pt`, `en-US`, `es-419`… to a supported locale, or `null`. */
export function supportedLocale(tag: string | null | undefined): LocaleCode | null {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return language === 'pt' ? 'pt-BR' : language === 'en' || language === 'es' ? language : null;
}

/** The first supported tag among the candidates, in order; pt-BR when none is. */
export function resolveLocale(candidates: Iterable<string | null | undefined>): LocaleCode {
  for (const tag of candidates) {
    const code = supportedLocale(tag);
    if (code) return code;
  }
  return 'pt-BR';
}

export const stringsFor = (code: LocaleCode): Strings => LOCALES[code];

/**
 * Building an `Intl` formatter costs ~0.1–0.3 ms (Chromium); a 50-row list needs a few hundred
 * formats per render. One formatter per locale and kind, built on first use.
 */
const formatters = new Map<string, { format(value: number, unit?: Intl.RelativeTimeFormatUnit): string }>();
function formatter(key: string, make: () => { format(value: number, unit?: Intl.RelativeTimeFormatUnit): string }) {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatDate(locale: LocaleCode, ms: number): string {
  return formatter('d' + locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(ms);
}

export function formatUtc(locale: LocaleCode, ms: number): string {
  return formatter('u' + locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' })).format(ms) + ' UTC';
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'];

/** Decimal units (1 GB = 10⁹ bytes), as file managers show them; `null` for a size that makes no sense. */
export function formatSize(locale: LocaleCode, bytes: number | null | undefined): string | null {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return null;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return formatter(locale + unit, () =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit ? 1 : 0 }),
  ).format(value);
}

/** "in 3 days", "in 5 hours": the time left to download. */
export function formatTimeLeft(locale: LocaleCode, ms: number): string {
  const rtf = formatter('r' + locale, () => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }));
  return ms >= DAY_MS ? rtf.format(Math.floor(ms / DAY_MS), 'day') : rtf.format(Math.max(1, Math.ceil(ms / 3_600_000)), 'hour');
}
