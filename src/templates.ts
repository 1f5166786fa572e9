/**
 * The element's templates: pure functions of what they show and what a click should do. No state
 * of their own; the element and its controllers pass everything in.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { BackupApiError } from './backup-api.js';
import { effectiveStatus, expiryOf, instant, isCancellable, newestFirst, timeLeft } from './backup-rules.js';
import type { Backup, BackupList, DownloadCredentials, HostKey } from './backup-types.js';
import { backupFileName, keyFileName } from './key-file.js';
import { formatDate, formatSize, formatTimeLeftUntil, formatUtc, showsUtcCopy, type LocaleCode, type Strings } from './localize.js';
import { chmodCommand, getFileHashCommand, sftpCommand, sha256sumCommand } from './shell-quote.js';
import type { DownloadWindow } from './download-window.js';
import type { RequestWindow } from './request-window.js';
import type { CancelWindow } from './cancel-window.js';
import type { ActionTask } from './action-task.js';
import { knownHostsFileName } from './known-hosts.js';
import { formatWaited, waitingFor } from './ready-watch.js';

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

/** A date in the user's time zone; `withUtc`: its UTC copy beside it, unless the user's zone is UTC. */
export function time(view: View, ms: number | null, withUtc?: boolean): TemplateResult | string {
  if (ms === null) return '—';
  return html`<time datetime=${new Date(ms).toISOString()}>${date(view, ms)}</time>${withUtc && showsUtcCopy() ? ` (${formatUtc(view.locale, ms)})` : ''}`;
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
  /** Saves a calendar reminder for the next allowed request. */
  remind(): void;
  /** `notify` on, something pending, and the browser can ask: offer the notification (`granted`: already on). */
  notify?: { granted: boolean; ask(): void };
}

export function toolbar(view: View, { list, allowed, next, loading, notice, openRequest, refresh, remind, notify }: ToolbarProps): TemplateResult {
  const { t } = view;
  return html`<div part="toolbar" class="toolbar">
      <button part="button request-button" class="primary" aria-haspopup="dialog" ?disabled=${!allowed} aria-describedby="next-request" @click=${openRequest}>
        ${t.request}
      </button>
      <button part="button refresh-button" aria-disabled=${loading} @click=${() => loading || refresh()}>${t.refresh}</button>
      <p id="next-request" part="next-request">${allowed || !list ? nothing : html`${t.nextRequest} ${time(view, next, true)}`}</p>
      ${!allowed && next !== null ? html`<button part="button reminder-button" @click=${remind}>${t.remindNextRequest}</button>` : nothing}
      ${notify
        ? notify.granted
          ? html`<p class="muted">${t.notifyOn}</p>`
          : html`<button part="button notify-button" @click=${notify.ask}>${t.notifyOffer}</button>`
        : nothing}
    </div>
    ${notice ? html`<p part="notice" class="notice">${notice}</p>` : nothing}`;
}

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

/** The list, or the empty state. */
export function backupList(view: View, list: BackupList, loading: boolean, actions: RowActions): TemplateResult {
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
          const waited = waitingFor(backup, view.now);
          const requested = instant(backup.requestedAt);
          // A row's controls are named after the backup they act on: a screen reader's list of
          // buttons would otherwise read "Baixar arquivo" once per row. The name begins with the
          // visible label (WCAG 2.5.3).
          const named = (label: string) => `${label} (${date(view, requested)})`;
          // Cells of rows that are not ready stay empty (no whitespace either), so the narrow layout
          // can leave them out (`td:empty`).
          return html`<tr>
            <th scope="row" data-label=${columns[0]}>${requested === null ? '—' : html`<time datetime=${new Date(requested).toISOString()}>${date(view, requested)}</time>`}</th>
            <td data-label=${columns[1]} title=${backup.requestedBy ?? ''}>${backup.requestedBy || '—'}</td>
            <td data-label=${columns[2]}><span part="status" class="status ${status}">${t.status[status]}</span></td>
            <td data-label=${columns[3]}>${ready ? details(view, backup, actions, named) : waited !== null ? pending(view, backup, waited) : nothing}</td>
            <td data-label=${columns[4]}>${ready
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
    ${estimate !== null ? html`<div>${t.estimated} ${time(view, estimate)}</div>` : nothing}`;
}

/** Size, how long it stays downloadable, a reminder before it expires, and the checksum of a ready backup. */
function details(view: View, backup: Backup, { copier: copy, remindExpiry, checksumOpen, toggleChecksum }: RowActions, named: (label: string) => string): TemplateResult {
  const { t, locale, now } = view;
  const size = formatSize(locale, backup.sizeBytes);
  const left = timeLeft(backup, now);
  const expiry = expiryOf(backup);
  // The name the download window's sftp command saves the file under.
  const file = backupFileName(backup);
  // One template for what every ready row shows (fewer template instances per row: issue 15).
  return html`${size ? html`<div>${t.size}: ${size}</div>` : nothing}
    ${left !== null && expiry !== null
      ? html`<div>
            ${t.availableUntil} <time datetime=${new Date(expiry).toISOString()}>${date(view, expiry)}</time>
            <span class="left">(${formatTimeLeftUntil(locale, now, expiry)})</span>
          </div>
          <button part="button reminder-button" aria-label=${named(t.remindExpiry)} @click=${() => remindExpiry(backup)}>${t.remindExpiry}</button>`
      : nothing}
    ${backup.sha256
      ? // What a closed <details> holds costs nothing until it is opened: the checksum renders then.
        html`<details .open=${checksumOpen(backup.id)} @toggle=${(e: Event) => toggleChecksum(backup.id, (e.target as HTMLDetailsElement).open)}>
          <summary aria-label=${named(t.verify)}>${t.verify}</summary>
          ${checksumOpen(backup.id)
            ? html`<dl>${value(view, 'SHA-256', backup.sha256, copy, false, named)}</dl>
                <dl>
                  ${value(view, 'Linux, macOS', sha256sumCommand(file).display, copy, true, named)}
                  ${value(view, 'PowerShell', getFileHashCommand(file).display, copy, true, named)}
                </dl>`
            : nothing}
        </details>`
      : nothing}`;
}

/**
 * A labelled value with its copy button, and "Copiado" beside the button for a moment after a click.
 * `named`: the button is in a row, and its name says which backup the value is of.
 */
function value(view: View, label: string, text: string, copier: Copier, isCommand = false, named = (name: string) => name): TemplateResult {
  const { t } = view;
  // The name is the key of the feedback: two rows' SHA-256 are two values.
  const name = named(`${t.copy} ${label}`);
  const copied = copier.copied?.label === name ? copier.copied : undefined;
  return html`<div class="value ${isCommand ? 'command' : ''}">
    <dt>${label}</dt>
    <dd><code tabindex=${ifDefined(isCommand ? 0 : undefined)}>${text}</code></dd>
    <dd class="copy">
      <button part="button" aria-label=${name} @click=${() => copier.copy(name, text)}>${t.copy}</button>
      ${copied ? html`<span class="copied">${copied.ok ? t.copied : t.copyFailed}</span>` : nothing}
    </dd>
  </div>`;
}

/**
 * A command to paste, with its copy button. It never wraps inside an argument: it stays on one line
 * and scrolls in its own box (focusable, so the keyboard can scroll it too).
 */
const command = (view: View, label: string, text: string, copier: Copier): TemplateResult => value(view, label, text, copier, true);

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

/**
 * A confirmation window (*Solicitar backup*, *Cancelar solicitação*): its text, the call's error,
 * and one button that confirms with the window's own title or, after an error, retries; `final`:
 * nothing is left to retry, only closing.
 */
function confirmation(view: View, title: string, body: TemplateResult, action: ActionTask<unknown>, confirm: () => void, final = false): TemplateResult {
  const { error, busy } = action;
  return frame(
    view,
    title,
    html`${body}${error ? errorMessage(view, error, undefined, '', action.retryAt) : nothing}`,
    confirmButton(error && !final ? view.t.retry : title, busy, final, confirm),
    true,
  );
}

export const requestWindow = (view: View, win: RequestWindow): TemplateResult =>
  confirmation(view, view.t.request, html`<p>${view.t.confirmText}</p>`, win.action, win.confirm);

export const cancelWindow = (view: View, win: CancelWindow): TemplateResult =>
  confirmation(
    view,
    view.t.cancelRequest,
    html`<p>${view.t.cancelText}</p>
      <p>${view.t.requestedAt}: ${time(view, instant(win.backup.requestedAt))}</p>`,
    win.action,
    win.confirm,
    // Not cancellable any more: the window says so, and only closing is left.
    win.final,
  );

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

/** v1.1: the server's host keys, each fingerprint with its copy button, and the known_hosts file when there are public keys. */
function hostKeysView(view: View, hostKeys: readonly HostKey[], win: DownloadWindow, copy: Copier): TemplateResult {
  const { t } = view;
  return html`<dl>${hostKeys.map((key) => value(view, `${t.fingerprint} (${key.type})`, key.fingerprint, copy))}</dl>
    ${win.knownHosts
      ? html`<p class="save">
          <button part="button" @click=${win.saveKnownHosts}>${t.saveKnownHosts}</button>
          ${win.knownHostsSavedAs ? html`<span>${t.fileSaved(win.knownHostsSavedAs)}</span>` : nothing}
        </p>`
      : nothing}`;
}

function credentialsView(view: View, win: DownloadWindow, credentials: DownloadCredentials, copy: Copier): TemplateResult {
  const { t } = view;
  const { backup } = win;
  const { host, port, username, path, expiresAt, hostKeys = [] } = credentials;
  const keyName = keyFileName(backup);
  const until = instant(expiresAt);
  // With the server's public keys, the command pins them: the user is never asked to trust a key blindly.
  // The command saves one file, under the name shown; what it cannot carry safely, it refuses (shell-quote.ts).
  const knownHostsFile = win.knownHosts ? knownHostsFileName(backup) : undefined;
  const localFile = backupFileName(backup);
  const sftp = sftpCommand({ port, keyFile: keyName, user: username, host, path, localFile, ...(knownHostsFile && { knownHostsFile }) });
  return html`<dl>
      ${value(view, t.host, host, copy)} ${value(view, t.port, String(port), copy)} ${value(view, t.username, username, copy)}
      ${value(view, t.path, path, copy)}
    </dl>
    <p class="save">
      <button part="button" class="primary" @click=${win.saveKey}>${t.saveKey}</button>
      ${win.savedAs ? html`<span>${t.keySaved(win.savedAs)}</span>` : nothing}
    </p>
    ${hostKeys?.length ? hostKeysView(view, hostKeys, win, copy) : nothing}
    ${typeof sftp === 'string'
      ? html`<p>${t.unsafeCommand} ${t[sftp]}.</p>`
      : html`<dl>${command(view, t.command, sftp.display, copy)} ${value(view, t.localFile, localFile, copy)}</dl>`}
    <p>${t.chmod}</p>
    <dl>${command(view, 'chmod', chmodCommand(keyName).display, copy)}</dl>
    <p>${t.guiClients}${hostKeys?.length ? html` ${t.compareFingerprint(hostKeys.map((k) => k.fingerprint).join(' / '))}` : nothing}</p>
    <p>${t.resume}</p>
    <p>${until === null ? t.credentialsWithBackup : html`${t.credentialsUntil} ${time(view, until, true)}.`}</p>`;
}
