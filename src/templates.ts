/**
 * The element's templates: pure functions of what they show and what a click should do. No state
 * of their own; the element and its controllers pass everything in.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { BackupApiError } from './backup-api.js';
import { effectiveStatus, expiryOf, instant, newestFirst, timeLeft } from './backup-rules.js';
import type { Backup, BackupList, DownloadCredentials } from './backup-types.js';
import { keyFileName } from './key-file.js';
import { formatDate, formatSize, formatTimeLeft, formatUtc, type LocaleCode, type Strings } from './localize.js';
import type { DownloadWindow } from './download-window.js';
import type { RequestWindow } from './request-window.js';

/** What every template needs: the labels, the language, and the instant shown. */
export interface View {
  t: Strings;
  locale: LocaleCode;
  now: number;
}

/** A copy button's action, and what it shows after a click. */
export interface Copier {
  copy(label: string, text: string): void;
  copied?: { label: string; ok: boolean } | undefined;
}

const date = ({ locale }: View, ms: number | null): string => (ms === null ? '—' : formatDate(locale, ms));

/** A date in the user's time zone, with its UTC copy as a tooltip, or beside it. */
export function time(view: View, ms: number | null, withUtc?: boolean): TemplateResult | string {
  if (ms === null) return '—';
  const utc = formatUtc(view.locale, ms);
  return html`<time datetime=${new Date(ms).toISOString()} title=${utc}>${date(view, ms)}</time>${withUtc ? ` (${utc})` : ''}`;
}

/** Something for the live region to say, in whatever language the page has when it is shown. */
export type Announcement = (view: View) => string;

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

/** An error, what it means for the user, and the way forward: a retry button, or a retry on its own (`retryAt`, counted down). */
export function errorMessage(view: View, error: BackupApiError, retry?: () => void, lead = '', retryAt?: number): TemplateResult {
  const { t } = view;
  const wait = retryAt && Math.max(1, Math.ceil((retryAt - view.now) / 1000));
  return html`<div part="error" class="error" role="alert">
    <p>${lead} ${t.errors[error.kind]}${wait ? html` <span class="countdown">${t.retryIn(wait)}</span>` : nothing}</p>
    ${retry ? html`<button part="button retry-button" @click=${retry}>${t.retry}</button>` : nothing}
  </div>`;
}

export interface ToolbarProps {
  list?: BackupList;
  allowed: boolean;
  next: number | null;
  loading: boolean;
  notice?: string;
  openRequest(event: Event): void;
  refresh(): void;
}

export function toolbar(view: View, { list, allowed, next, loading, notice, openRequest, refresh }: ToolbarProps): TemplateResult {
  const { t } = view;
  return html`<div part="toolbar" class="toolbar">
      <button part="button request-button" class="primary" aria-haspopup="dialog" ?disabled=${!allowed} aria-describedby="next-request" @click=${openRequest}>
        ${t.request}
      </button>
      <button part="button" ?disabled=${loading} @click=${refresh}>${t.refresh}</button>
      <p id="next-request" part="next-request" tabindex="-1">${allowed || !list ? nothing : html`${t.nextRequest} ${time(view, next, true)}`}</p>
    </div>
    ${notice && !allowed ? html`<p part="notice" class="notice">${notice}</p>` : nothing}`;
}

/** The list, or the empty state. */
export function backupList(view: View, list: BackupList, loading: boolean, openDownload: (event: Event, backup: Backup) => void, copy: Copier): TemplateResult {
  const rows = newestFirst(list.backups);
  if (!rows.length) return html`<p class="empty">${view.t.empty}</p>`;
  const { t } = view;
  const columns = [t.requestedAt, t.requestedBy, t.statusColumn, t.details, t.actions];
  return html`<table part="table" aria-busy=${loading}>
    <caption>${t.caption}</caption>
    <thead>
      <tr>
        ${columns.map((name) => html`<th scope="col">${name}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map((backup) => {
        const status = effectiveStatus(backup, view.now);
        const ready = status === 'ready';
        // Cells of rows that are not ready stay empty (no whitespace either), so the narrow layout
        // can leave them out (`td:empty`).
        return html`<tr>
          <th scope="row" data-label=${columns[0]}>${time(view, instant(backup.requestedAt))}</th>
          <td data-label=${columns[1]} title=${backup.requestedBy ?? ''}>${backup.requestedBy || '—'}</td>
          <td data-label=${columns[2]}><span part="status" class="status ${status}">${t.status[status]}</span></td>
          <td data-label=${columns[3]}>${ready ? details(view, backup, copy) : nothing}</td>
          <td data-label=${columns[4]}>${ready
              ? html`<button part="button download-button" class="primary" aria-haspopup="dialog" @click=${(e: Event) => openDownload(e, backup)}>
                  ${t.download}
                </button>`
              : nothing}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** Size, how long it stays downloadable, and the checksum of a ready backup. */
function details(view: View, backup: Backup, copy: Copier): TemplateResult {
  const { t, locale, now } = view;
  const size = formatSize(locale, backup.sizeBytes);
  const left = timeLeft(backup, now);
  const file = backup.fileName || 'backup';
  return html`${size ? html`<div>${t.size}: ${size}</div>` : nothing}
    ${left !== null ? html`<div>${t.availableUntil} ${time(view, expiryOf(backup))} <span class="left">(${formatTimeLeft(locale, left)})</span></div>` : nothing}
    ${backup.sha256
      ? html`<details>
          <summary>${t.verify}</summary>
          <dl>${value(view, 'SHA-256', backup.sha256, copy)}</dl>
          <pre><code>sha256sum ${file}</code></pre>
          <pre><code>Get-FileHash ${file} -Algorithm SHA256</code></pre>
        </details>`
      : nothing}`;
}

/** A labelled value with its copy button, and "Copiado" beside the button for a moment after a click. */
function value(view: View, label: string, text: string, copier: Copier): TemplateResult {
  const { t } = view;
  const copied = copier.copied?.label === label ? copier.copied : undefined;
  return html`<div class="value">
    <dt>${label}</dt>
    <dd><code>${text}</code></dd>
    <dd class="copy">
      <button part="button" aria-label="${t.copy} ${label}" @click=${() => copier.copy(label, text)}>${t.copy}</button>
      ${copied ? html`<span class="copied">${copied.ok ? t.copied : t.copyFailed}</span>` : nothing}
    </dd>
  </div>`;
}

/** The window's frame: its title, its content, and its buttons (closing first: `method="dialog"` closes it). */
function frame(view: View, title: string, content: unknown, confirm?: TemplateResult, autofocusClose?: boolean): TemplateResult {
  return html`<h2 id="window-title">${title}</h2>
    ${content}
    <form method="dialog" class="actions">
      <button part="button" ?autofocus=${autofocusClose}>${view.t.close}</button>
      ${confirm || nothing}
    </form>`;
}

const confirmButton = (label: string, busy: boolean, disabled: boolean, confirm: () => void): TemplateResult =>
  html`<button type="button" part="button" class="primary" ?disabled=${busy || disabled} aria-busy=${busy} @click=${confirm}>${label}</button>`;

export function requestWindow(view: View, win: RequestWindow): TemplateResult {
  const { t } = view;
  const { error, busy } = win.action;
  return frame(
    view,
    t.request,
    html`<p>${t.confirmText}</p>
      ${error ? errorMessage(view, error, undefined, '', win.action.retryAt) : nothing}`,
    confirmButton(error ? t.retry : t.request, busy, false, win.confirm),
    true,
  );
}

export function downloadWindow(view: View, win: DownloadWindow, copy: Copier): TemplateResult {
  const { t } = view;
  const { credentials } = win;
  const { error, busy } = win.action;
  if (credentials) return frame(view, t.credentials, credentialsView(view, win, credentials, copy));
  return frame(
    view,
    t.downloadConfirm,
    html`<div class="terms" tabindex="0" role="region" aria-label=${t.downloadConfirm}>
        <slot name="terms"><p>${t.defaultTerms}</p></slot>
      </div>
      <label class="accept">
        <input type="checkbox" autofocus .checked=${win.accepted} @change=${win.accept} />
        ${t.accept}
      </label>
      ${error ? errorMessage(view, error, undefined, '', win.action.retryAt) : nothing}`,
    // Not ready or expired: nothing to retry; the window says so and only closing is left.
    confirmButton(error && !win.final ? t.retry : t.downloadConfirm, busy, !win.accepted || win.final, win.confirm),
  );
}

function credentialsView(view: View, win: DownloadWindow, credentials: DownloadCredentials, copy: Copier): TemplateResult {
  const { t } = view;
  const { backup } = win;
  const { host, port, username, path, expiresAt } = credentials;
  const keyName = keyFileName(backup);
  const until = instant(expiresAt);
  return html`<dl>
      ${value(view, t.host, host, copy)} ${value(view, t.port, String(port), copy)} ${value(view, t.username, username, copy)}
      ${value(view, t.path, path, copy)}
    </dl>
    <p class="save">
      <button part="button" class="primary" @click=${win.saveKey}>${t.saveKey}</button>
      ${win.savedAs ? html`<span>${t.keySaved(win.savedAs)}</span>` : nothing}
    </p>
    <dl>${value(view, t.command, `sftp -P ${port} -i ${keyName} ${username}@${host}:${path}`, copy)}</dl>
    <p>${t.chmod} <code>chmod 600 ${keyName}</code></p>
    <p>${t.guiClients}</p>
    <p>${until === null ? t.credentialsWithBackup : html`${t.credentialsUntil} ${time(view, until, true)}.`}</p>`;
}
