/** The two calendar reminders the tab offers, worded in the page's language and saved as `.ics` files. */
import { expiryOf, newestFirst } from '../core/rules.js';
import type { Backup, BackupList } from '../core/types.js';
import { ICS_MIME, expiryReminder, icsFileName, nextRequestReminder } from './calendar.js';
import { formatDate } from '../i18n/format.js';
import { saveFile } from './save-file.js';
import type { View } from '../templates/parts.js';

/** "Remind me before it expires": a day before the expiry, or halfway when less is left. */
export function saveExpiryReminder({ t, locale, now }: View, backup: Backup): void {
  const expiresAt = expiryOf(backup);
  if (expiresAt === null) return;
  const text = expiryReminder({
    backup: { id: backup.id, fileName: backup.fileName, expiresAt },
    now,
    lang: locale,
    // The page to come back to (a reminder opened days later links to it); calendar.ts keeps it
    // only when it is a web page.
    url: location.href,
    texts: { summary: t.expirySummary, description: t.expiryDescription(formatDate(locale, expiresAt)) },
  });
  if (text) saveFile(icsFileName('expiry', backup), text, ICS_MIME);
}

/** "Remind me when I can request again": at the next allowed request. */
export function saveNextRequestReminder({ t, locale, now }: View, nextRequestAt: number, list: BackupList): void {
  const [latest] = newestFirst(list.backups);
  const text = nextRequestReminder({
    nextRequestAt,
    backupId: latest?.id,
    now,
    lang: locale,
    url: location.href,
    texts: { summary: t.nextRequestSummary, description: t.nextRequestDescription(formatDate(locale, nextRequestAt)) },
  });
  if (text) saveFile(icsFileName('next-request', latest), text, ICS_MIME);
}
