/**
 * Reminders as iCalendar files (RFC 5545), made in the browser: pure functions of data and an
 * instant, no DOM. Every text comes from the caller, already in the page's language, so this module
 * has no labels of its own.
 */
import { DAY_MS } from '../core/rules.js';
import { fileStem } from './key-file.js';

/** What to offer a download as: `new Blob([text], { type: ICS_MIME })`. */
export const ICS_MIME = 'text/calendar;charset=utf-8';

/** The words of one reminder, in the page's language. */
export interface ReminderTexts {
  summary: string;
  description: string;
  /** What the alarm shows when it goes off; the summary when absent. */
  alarm?: string;
}

interface ReminderCommon {
  /** The instant the file is made (`Date.now()`): its DTSTAMP, and where the expiry's window starts. */
  now: number;
  texts: ReminderTexts;
  /** The page to come back to (http or https); left out when it is not one. */
  url?: string | null;
  /** The language of the texts (`pt-BR`, `en`, `es`), written as their LANGUAGE parameter. */
  lang?: string | null;
}

export interface ExpiryReminderInput extends ReminderCommon {
  /**
   * A ready backup; `expiresAt` is its effective expiry in epoch ms (`expiryOf` in backup-rules).
   * `readyAt` is accepted but not used: the window runs from `now` (see expiryReminderStart).
   */
  backup: { id: string; fileName?: string | null; expiresAt: number; readyAt?: number | null };
}

export interface NextRequestReminderInput extends ReminderCommon {
  /** Epoch ms from which a new request is allowed. */
  nextRequestAt: number;
  /**
   * The backup whose request started the wait: its id makes the UID, so downloading the reminder
   * again (even after the server moved the date) updates the same calendar event instead of adding one.
   * Without it the UID comes from the instant.
   */
  backupId?: string | null;
}

export type ReminderKind = 'expiry' | 'next-request';

/** A reminder is a short event: long enough to be seen in a day view, not long enough to block a calendar. */
const EVENT_MS = 15 * 60 * 1000;
const UID_DOMAIN = 'account-backup-tab.softexpert';

/**
 * When the expiry reminder goes off: one day before the backup expires; when less than a day is
 * left, halfway through what is left. The window is the time from `now` (when the user asks for the
 * file) to the expiry, not from `readyAt`: a reminder must land in the future. `null` when the
 * backup has expired at `now`. Exported so the caller can word its texts for the instant chosen.
 */
export function expiryReminderStart(expiresAt: number, now: number): number | null {
  const window = expiresAt - now;
  if (!(window > 0)) return null;
  return window < DAY_MS ? now + window / 2 : expiresAt - DAY_MS;
}

/**
 * The expiry reminder, at `expiryReminderStart`. `null` when the backup has already expired at
 * `now` (nothing left to remind of) or an instant cannot be written.
 */
export function expiryReminder({ backup, now, texts, url, lang }: ExpiryReminderInput): string | null {
  const start = expiryReminderStart(backup.expiresAt, now);
  return start === null ? null : calendar({ uid: uidFor('expiry', backup.id), now, start, texts, url, lang });
}

/** The reminder that a new backup can be requested, at `nextRequestAt`; `null` when that is not after `now`. */
export function nextRequestReminder({ nextRequestAt, backupId, now, texts, url, lang }: NextRequestReminderInput): string | null {
  if (!(nextRequestAt > now)) return null;
  const key = backupId || utc(nextRequestAt);
  if (key === null) return null;
  return calendar({ uid: uidFor('next-request', key), now, start: nextRequestAt, texts, url, lang });
}

/**
 * `<backup>-expiry.ics` / `<backup>-next-request.ics`, named after the backup like its key file
 * (same characters, safe on every OS); `next-request.ics` without a backup.
 */
export function icsFileName(kind: ReminderKind, backup?: { id: string; fileName?: string | null } | null): string {
  return backup ? `${fileStem(backup)}-${kind}.ics` : `${kind}.ics`;
}

/**
 * The same kind and key always give the same UID. The key is percent-encoded so that any id stays
 * one unambiguous token (no `@`, `,` or `;` of its own) and two ids never share a UID.
 */
const uidFor = (kind: ReminderKind, key: string): string => `${kind}-${encodeURIComponent(key)}@${UID_DOMAIN}`;

/** RFC 5545 UTC date-time, `20261124T130500Z` (seconds truncated); `null` outside years 0000–9999. */
function utc(ms: number): string | null {
  if (!(ms >= -62167219200000 && ms < 253402300800000)) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** A TEXT value: backslash, semicolon, comma and every kind of line break escaped; other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/[\\;,]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex -- TEXT allows no control character but HTAB (RFC 5545 §3.3.11).
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}


/**
 * One content line folded at 75 octets of UTF-8 (RFC 5545 §3.1): each continuation starts with one
 * space, which counts in its 75, and a character is never split across lines. Lines end in CRLF.
 */
export function foldLine(line: string): string {
  const utf8 = new TextEncoder();
  let out = '';
  let octets = 0;
  // for…of walks code points, so a surrogate pair (4 octets in UTF-8) stays together.
  for (const char of line) {
    const size = utf8.encode(char).length;
    if (octets + size > 75) {
      out += '\r\n ';
      octets = 1;
    }
    out += char;
    octets += size;
  }
  return out + '\r\n';
}

/** A language tag as a parameter value: only letters, digits and hyphens, so it needs no quoting. */
const languageParam = (lang: string | null | undefined): string => (lang && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? `;LANGUAGE=${lang}` : '');

function httpUrl(url: string | null | undefined): string | null {
  try {
    const parsed = new URL(url ?? '');
    // href is percent-encoded: no space, quote or line break can reach the file.
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

interface EventParts {
  uid: string;
  now: number;
  start: number;
  texts: ReminderTexts;
  url: string | null | undefined;
  lang: string | null | undefined;
}

function calendar({ uid, now, start, texts, url, lang }: EventParts): string | null {
  const [stamp, dtStart, dtEnd] = [utc(now), utc(start), utc(start + EVENT_MS)];
  if (stamp === null || dtStart === null || dtEnd === null) return null;
  const language = languageParam(lang);
  const link = httpUrl(url);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//SoftExpert//account-backup-tab//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${dtStart}`,
    `DTEND:${dtEnd}`,
    `SUMMARY${language}:${escapeText(texts.summary)}`,
    `DESCRIPTION${language}:${escapeText(texts.description)}`,
    ...(link ? [`URL:${link}`] : []),
    // A reminder should not show the user as busy.
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION${language}:${escapeText(texts.alarm ?? texts.summary)}`,
    'TRIGGER:PT0S',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('');
}
