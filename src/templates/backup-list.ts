/**
 * The list of backups (or the empty state), and what the live region says after a load. Rows are
 * built from the rules of core/rules.ts at the view's instant (server time).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { effectiveStatus, expiryOf, instant, isCancellable, newestFirst, waitingFor } from '../core/rules.js';
import type { Backup, BackupList } from '../core/types.js';
import { backupFileName } from '../files/key-file.js';
import { getFileHashCommand, sha256sumCommand } from '../files/commands.js';
import { formatSize, formatTimeLeftUntil, formatWaited } from '../i18n/format.js';
import { date, iso, value, type Announcement, type Copier, type View } from './parts.js';

/** What a row's buttons do. */
export interface RowActions {
  openDownload(event: Event, backup: Backup): void;
  openCancel(event: Event, backup: Backup): void;
  remindExpiry(backup: Backup): void;
  /** Whether the checksum of a backup is shown (its <details> open). */
  checksumOpen(id: string): boolean;
  toggleChecksum(id: string, open: boolean): void;
  copier: Copier;
}

/** After a load: the statuses that changed, or else how many backups the list has. */
export function announceList(before: BackupList | undefined, after: BackupList, now: number): Announcement {
  const status = (b: Backup) => effectiveStatus(b, now);
  const changed = before ? after.backups.filter((b) => before.backups.some((old) => old.id === b.id && status(old) !== status(b))) : [];
  return (view) =>
    changed.length
      ? changed.map((b) => `${date(view, instant(b.requestedAt))}: ${view.t.status[status(b)]}`).join('. ')
      : after.backups.length
        ? view.t.loaded(after.backups.length)
        : view.t.empty;
}

/**
 * The cells' classes (the styles address cells by them, never by position) and their column labels.
 * Below the table's width each row becomes a card that labels its cells: the labels reach the
 * cards' CSS once, as custom properties of the table, not as an attribute on every cell.
 */
const COLUMNS = [
  ['requested', 'requestedAt'],
  ['by', 'requestedBy'],
  ['state', 'statusColumn'],
  ['details', 'details'],
  ['actions', 'actions'],
] as const;

/** The list, or the empty state. */
export function backupList(view: View, list: BackupList, loading: boolean, actions: RowActions): TemplateResult {
  const rows = newestFirst(list.backups);
  if (!rows.length) return html`<p class="empty">${view.t.empty}</p>`;
  const { t } = view;
  // Set through the CSSOM (`table.style = text` sets its cssText), which a page's CSP allows where a
  // style attribute may not be; hence the cast for the template's type check.
  const labels = COLUMNS.map(([cell, label]) => `--_${cell}:${JSON.stringify(t[label])}`).join(';') as unknown as CSSStyleDeclaration;
  return html`<table part="table" aria-busy=${loading} .style=${labels}>
    <caption>${t.caption}</caption>
    <thead>
      <tr>
        ${COLUMNS.map(([, label]) => html`<th scope="col">${t[label]}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map((backup) => {
        const status = effectiveStatus(backup, view.now);
        const ready = status === 'ready';
        const waited = waitingFor(backup, view.now);
        const requested = instant(backup.requestedAt);
        const when = date(view, requested);
        // A row's controls are named after the backup they act on: a screen reader's list of
        // buttons would otherwise read "Baixar arquivo" once per row. The name begins with the
        // visible label (WCAG 2.5.3).
        const named = (label: string) => `${label} (${when})`;
        // Cells of rows that are not ready stay empty (no whitespace either), so the narrow layout
        // can leave them out (`td:empty`). Dates are written in the row's own template, not through
        // time(): a template of its own per date would be two more per row to build.
        return html`<tr>
          <th scope="row" class="requested"><time datetime=${requested === null ? nothing : iso(requested)}>${when}</time></th>
          <td class="by" title=${backup.requestedBy ?? ''}>${backup.requestedBy || '—'}</td>
          <td class="state"><span part="status" class="status ${status}">${t.status[status]}</span></td>
          <td class="details">${ready ? details(view, backup, actions, named) : waited !== null ? pending(view, backup, waited) : nothing}</td>
          <td class="actions">${ready
              ? html`<button part="button download-button" class="primary" aria-haspopup="dialog" aria-label=${named(t.download)} @click=${(e: Event) => actions.openDownload(e, backup)}>
                  ${t.download}
                </button>`
              : isCancellable(backup, view.now)
                ? html`<button part="button cancel-button" aria-haspopup="dialog" aria-label=${named(t.cancelRequest)} @click=${(e: Event) => actions.openCancel(e, backup)}>
                    ${t.cancelRequest}
                  </button>`
                : nothing}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** How long a pending request has waited, and when the backend expects it ready (v1.1 `estimatedReadyAt`). */
function pending(view: View, backup: Backup, waited: number): TemplateResult {
  const { t, locale } = view;
  const estimate = instant(backup.estimatedReadyAt);
  return html`<div>${t.waited(formatWaited(locale, waited))}</div>
    ${estimate !== null ? html`<div>${t.estimated} <time datetime=${iso(estimate)}>${date(view, estimate)}</time></div>` : nothing}`;
}

/** Size, how long it stays downloadable, a reminder before it expires, and the checksum of a ready backup. */
function details(view: View, backup: Backup, { copier, remindExpiry, checksumOpen, toggleChecksum }: RowActions, named: (label: string) => string): TemplateResult {
  const { t, locale, now } = view;
  const size = formatSize(locale, backup.sizeBytes);
  // A ready backup's expiry, when known, is still ahead (else it would show as expired).
  const expiry = expiryOf(backup);
  const open = checksumOpen(backup.id);
  // One template for what every ready row shows (fewer template instances per row).
  return html`${size ? html`<div>${t.size}: ${size}</div>` : nothing}
    ${expiry !== null
      ? html`<div>
            ${t.availableUntil} <time datetime=${iso(expiry)}>${date(view, expiry)}</time> <span class="left">(${formatTimeLeftUntil(locale, now, expiry)})</span>
          </div>
          <button part="button reminder-button" aria-label=${named(t.remindExpiry)} @click=${() => remindExpiry(backup)}>${t.remindExpiry}</button>`
      : nothing}
    ${backup.sha256
      ? // What a closed <details> holds costs nothing until it is opened: the checksum renders then.
        html`<details .open=${open} @toggle=${(e: Event) => toggleChecksum(backup.id, (e.target as HTMLDetailsElement).open)}>
          <summary aria-label=${named(t.verify)}>${t.verify}</summary>
          ${open
            ? html`<dl>${value(view, 'SHA-256', backup.sha256, copier, false, named)}</dl>
                <dl>
                  ${value(view, 'Linux, macOS', sha256sumCommand(backupFileName(backup)).display, copier, true, named)}
                  ${value(view, 'PowerShell', getFileHashCommand(backupFileName(backup)).display, copier, true, named)}
                </dl>`
            : nothing}
        </details>`
      : nothing}`;
}
