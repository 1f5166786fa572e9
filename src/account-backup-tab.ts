import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  BackupApiError,
  issueDownload,
  listBackups,
  newIdempotencyKey,
  requestBackup,
  type ClientOptions,
  type FetchLike,
} from './backup-api.js';
import { canRequest, effectiveStatus, expiryOf, instant, isPending, newestFirst, nextChange, nextRequestAt, timeLeft } from './backup-rules.js';
import type { Backup, BackupList, DownloadCredentials } from './backup-types.js';
import { emit, type BackupOperation } from './events.js';
import { keyFileName, keyFileText } from './key-file.js';
import { formatDate, formatSize, formatTimeLeft, formatUtc, resolveLocale, stringsFor, type LocaleCode, type Strings } from './localize.js';
import { styles } from './account-backup-tab.styles.js';

/** The two windows; one `<dialog>` shows whichever is open. */
type WindowName = 'request' | 'download';

/** Answers that prove no backup was created: the next confirmation may use a new Idempotency-Key. */
const NOTHING_CREATED: readonly string[] = ['unauthorized', 'plan_not_eligible', 'forbidden', 'invalid_response'];

/** Polling backs off on errors, up to this. */
const MAX_BACKOFF_MS = 15 * 60_000;
/** Re-render at least this often so "in N days" stays true on a page left open. */
const MAX_TICK_MS = 60 * 60_000;
/** setTimeout's largest delay. */
const MAX_TIMEOUT = 2 ** 31 - 1;

interface DownloadState {
  backup: Backup;
  accepted: boolean;
  busy: boolean;
  error?: BackupApiError;
  credentials?: DownloadCredentials;
}

/** The client already asks for same-origin credentials; a late lookup lets tests and hosts patch window.fetch. */
const defaultFetch: FetchLike = (input, init) => fetch(input, init);

/**
 * The *Backup* tab of *Configuração > Gerenciar conta (CM056)*: administrators request a copy of
 * their database, follow its status and download it over SFTP.
 *
 * @summary Request, follow and download SoftExpert Suite cloud database backups.
 * @tag account-backup-tab
 *
 * @slot terms - The official download terms, shown in the download window before the user accepts them. A default text ships.
 *
 * @event {CustomEvent<{ backup: Backup }>} account-backup-requested - A backup was requested (the backend answered 201).
 * @event {CustomEvent<{ backupId: string, host: string, port: number, username: string, path: string, expiresAt: string | null }>} account-backup-credentials-issued - SFTP credentials were issued. The private key is never part of the detail.
 * @event {CustomEvent<{ operation: 'list' | 'request' | 'download' }>} account-backup-unauthorized - The backend answered 401: the session expired; the host page may renew it, then the user retries.
 * @event {CustomEvent<{ operation: 'list' | 'request' | 'download', kind: string, status: number | null }>} account-backup-error - A call failed and the user was told so. `kind` is one of unauthorized, plan_not_eligible, forbidden, not_ready, expired, rate_limited, server, network, timeout, invalid_response.
 *
 * @csspart heading - The tab's heading.
 * @csspart toolbar - The row with the request button and the next-request date.
 * @csspart request-button - *Solicitar backup*.
 * @csspart next-request - The date from which a new request can be made.
 * @csspart notice - Informational messages (e.g. someone else requested first).
 * @csspart error - An error message with its *Tentar novamente* button.
 * @csspart button - Every button.
 * @csspart retry-button - *Tentar novamente*.
 * @csspart table - The list of backups.
 * @csspart status - A status label.
 * @csspart download-button - *Baixar arquivo* on a ready backup.
 * @csspart dialog - Both windows (confirmation and download).
 *
 * @cssproperty [--abt-font=inherit] - Font of the element (the host page's by default).
 * @cssproperty [--abt-color=CanvasText] - Text colour.
 * @cssproperty [--abt-background=Canvas] - Background of the element and of its windows.
 * @cssproperty --abt-muted - Secondary text. Default #595959 in light, #bdbdbd in dark schemes.
 * @cssproperty --abt-border - Borders and rules. Default #767676 in light, #9a9a9a in dark schemes.
 * @cssproperty --abt-accent - Primary buttons. Default #0b5cad in light, #8cc4ff in dark schemes.
 * @cssproperty --abt-accent-text - Text on primary buttons. Default #fff in light, #00213f in dark schemes.
 * @cssproperty --abt-danger - Errors and the server-error status. Default #b3261e in light, #ffb4ab in dark schemes.
 * @cssproperty --abt-success - The ready status. Default #146c2e in light, #8fd9a0 in dark schemes.
 * @cssproperty --abt-focus - The focus ring. Default #0b5cad in light, #8cc4ff in dark schemes.
 * @cssproperty [--abt-radius=4px] - Corner radius of buttons, status labels and windows.
 */
export class AccountBackupTab extends LitElement {
  static override styles = styles;

  static override properties = {
    baseUrl: { attribute: 'base-url' },
    lang: { reflect: true },
    pollInterval: { attribute: 'poll-interval', type: Number },
    fetch: { attribute: false },
    timeout: { type: Number },
    _list: { state: true },
    _listError: { state: true },
    _loading: { state: true },
    _requestBusy: { state: true },
    _requestError: { state: true },
    _notice: { state: true },
    _download: { state: true },
    _announcement: { state: true },
    _window: { state: true },
  };

  /** Where the backend contract lives (`GET {base-url}/backups`…). */
  baseUrl = '';
  /** Seconds between refreshes while a backup is awaiting release or in progress; `0` turns polling off. */
  pollInterval = 30;
  /**
   * Used for every call, so the host page can add its session headers or CSRF token.
   * @default window.fetch, same-origin credentials
   */
  fetch: FetchLike = defaultFetch;
  /** Milliseconds after which a call gives up with a timeout message. */
  timeout = 20_000;

  /** The language of the labels: `pt-BR`, `en` or `es`. Without it: the nearest ancestor's `lang`, the document's, the browser's, then pt-BR. */
  declare lang: string;
  /** @internal */
  declare _list?: BackupList;
  /** @internal */
  declare _listError?: BackupApiError;
  /** @internal */
  declare _loading: boolean;
  /** @internal */
  declare _requestBusy: boolean;
  /** @internal */
  declare _requestError?: BackupApiError;
  /** @internal */
  declare _notice?: string;
  /** @internal */
  declare _download?: DownloadState;
  /** @internal */
  declare _announcement: string;
  /** @internal The open window, if any: the page behind it is inert and hidden from assistive technology. */
  declare _window?: WindowName;

  #loadController?: AbortController;
  /** The call of the open window; closing the window aborts it. */
  #actionController?: AbortController;
  #pollTimer?: ReturnType<typeof setTimeout>;
  #tickTimer?: ReturnType<typeof setTimeout>;
  #failures = 0;
  /** One per confirmation; kept until the server has answered for sure, so a retry never creates a second backup. */
  #idempotencyKey?: string;
  #opener?: HTMLElement | null;
  #keyUrl?: string;
  /** Resolved once per update (see willUpdate), not once per formatted cell. */
  #locale: LocaleCode = 'pt-BR';
  /** Counts the instants the clock crossed (see #scheduleTick): part of the list's cache key. */
  #clockTicks = 0;
  #listView?: { key: unknown[]; view: TemplateResult };

  constructor() {
    super();
    this._loading = this._requestBusy = false;
    this._announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    // A reconnect resumes where a disconnect stopped.
    if (this.hasUpdated) this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#loadController?.abort();
    clearTimeout(this.#pollTimer);
    clearTimeout(this.#tickTimer);
    // Removed from the page: the window closes and forgets the key (a detached element may be kept
    // alive by the host, and an open dialog would show again on reconnect).
    this.#forgetWindow();
    this._window = undefined;
    this.#dialog?.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const ancestor = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    this.#locale = resolveLocale([this.lang, ancestor, document.documentElement.lang, ...navigator.languages]);
    if (changed.has('baseUrl') && this.isConnected) this.refresh();
  }

  protected override updated(): void {
    this.#scheduleTick();
  }

  /** Reloads the list now (also what *Tentar novamente* does). */
  async refresh(): Promise<void> {
    clearTimeout(this.#pollTimer);
    if (!this.baseUrl) return; // nothing to ask until the host says where the backend is
    this.#loadController?.abort();
    const controller = (this.#loadController = new AbortController());
    this._loading = true;
    const answer = listBackups(this.#client(controller));
    // The first Intl date formatter of a page loads ICU's data: 30–50 ms on a slow machine. Built in
    // a task of its own while the request is on the wire, it does not lengthen the render of the rows.
    if (!this._list) setTimeout(() => this.#date(0));
    try {
      const list = await answer;
      this.#announceChanges(this._list, list);
      this._list = list;
      this._listError = undefined;
      this.#failures = 0;
    } catch (error) {
      if (controller.signal.aborted) return;
      this._listError = this.#fail('list', error);
      this.#failures++;
    }
    if (controller.signal.aborted) return;
    this._loading = false;
    this.#schedulePoll();
  }

  #client({ signal }: AbortController): ClientOptions {
    return { baseUrl: this.baseUrl, fetch: this.fetch ?? defaultFetch, signal, timeoutMs: this.timeout };
  }

  #fail(operation: BackupOperation, error: unknown): BackupApiError {
    const failure = error instanceof BackupApiError ? error : new BackupApiError('invalid_response');
    if (failure.kind === 'unauthorized') emit(this, 'account-backup-unauthorized', { operation });
    emit(this, 'account-backup-error', { operation, kind: failure.kind, status: failure.status ?? null });
    return failure;
  }

  #pending(): boolean | undefined {
    return this.pollInterval > 0 && this._list?.backups.some((b) => isPending(b, Date.now()));
  }

  /** Polls while something is pending and the page is visible; backs off on errors; waits out a 429. */
  #schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    if (!this.isConnected || document.hidden) return;
    const error = this._listError;
    const delay =
      error?.kind === 'rate_limited'
        ? retryDelay(error)
        : // At least a second apart, whatever the attribute says: the backend is shared by every admin.
          this.#pending()
          ? Math.min(Math.max(this.pollInterval, 1) * 1000 * 2 ** this.#failures, MAX_BACKOFF_MS)
          : -1;
    if (delay >= 0) this.#pollTimer = setTimeout(() => this.refresh(), Math.min(delay, MAX_TIMEOUT));
  }

  /** Re-renders at the next instant the screen changes by itself: the button comes back, a backup expires. */
  #scheduleTick(): void {
    clearTimeout(this.#tickTimer);
    if (!this._list || !this.isConnected) return;
    const now = Date.now();
    const delay = Math.min((nextChange(this._list, now) ?? Infinity) - now, MAX_TICK_MS);
    this.#tickTimer = setTimeout(this.#clockMoved, delay);
  }

  #clockMoved = (): void => {
    this.#clockTicks++;
    this.requestUpdate();
  };

  #onVisibility = (): void => {
    if (document.hidden) return clearTimeout(this.#pollTimer);
    // The clock may have jumped (sleep, a background tab): re-render, and catch up on polling.
    this.#clockMoved();
    if (this.#pending()) this.refresh();
    else this.#schedulePoll();
  };

  #announceChanges(before: BackupList | undefined, after: BackupList): void {
    const t = this.#strings;
    const now = Date.now();
    const status = (b: Backup) => effectiveStatus(b, now);
    this._announcement = before
      ? after.backups
          .filter((b) => before.backups.some((old) => old.id === b.id && status(old) !== status(b)))
          .map((b) => `${this.#date(instant(b.requestedAt))}: ${t.status[status(b)]}`)
          .join('. ') || this._announcement
      : t.loaded(after.backups.length);
  }

  get #strings(): Strings {
    return stringsFor(this.#locale);
  }

  #date(ms: number | null): string {
    return ms === null ? '—' : formatDate(this.#locale, ms);
  }

  #time(ms: number | null, withUtc?: boolean): TemplateResult | string {
    if (ms === null) return '—';
    const utc = formatUtc(this.#locale, ms);
    return html`<time datetime=${new Date(ms).toISOString()} title=${utc}>${this.#date(ms)}</time>${withUtc ? ` (${utc})` : ''}`;
  }

  // ——— Windows ———

  get #dialog(): HTMLDialogElement | null | undefined {
    return this.renderRoot?.querySelector('dialog');
  }

  /** Opens a window, forgetting everything of the one before (its call, its key). */
  async #open(name: WindowName, event: Event, download?: Backup): Promise<void> {
    this.#forgetWindow();
    this.#opener = event.currentTarget as HTMLElement;
    this._requestError = undefined;
    this._download = download && { backup: download, accepted: false, busy: false };
    this._window = name;
    await this.updateComplete;
    const dialog = this.#dialog;
    if (dialog && !dialog.open) dialog.showModal();
  }

  #forgetWindow(): void {
    this.#actionController?.abort();
    this._download = undefined;
    this._requestBusy = false;
    this.#forgetKey();
  }

  #forgetKey(): void {
    if (this.#keyUrl) URL.revokeObjectURL(this.#keyUrl);
    this.#keyUrl = undefined;
  }

  #close = (): void => this.#dialog?.close();

  /** Every way the window closes (button, Escape) ends here: forget the key, give focus back. */
  #onClose = async (): Promise<void> => {
    // The close event is queued: when it arrives after a window was opened again, it is stale.
    if (this.#dialog?.open) return;
    this.#forgetWindow();
    this._window = undefined;
    const opener = this.#opener;
    this.#opener = undefined;
    // Focus goes back to what opened the window once the page is no longer inert; when that is now
    // disabled (a request was just made), to the line that says until when.
    await this.updateComplete;
    if (opener?.isConnected && !(opener as HTMLButtonElement).disabled) opener.focus();
    else if (this.isConnected) this.renderRoot.querySelector<HTMLElement>('#next-request')?.focus();
  };

  /** A new call for the open window (closing the window aborts it). */
  #startAction(): AbortController {
    this.#actionController?.abort();
    return (this.#actionController = new AbortController());
  }

  // ——— Request ———

  #confirmRequest = async (): Promise<void> => {
    if (this._requestBusy) return; // a double click sends one request
    this._requestBusy = true;
    this._requestError = undefined;
    const controller = this.#startAction();
    const t = this.#strings;
    let list: BackupList | undefined;
    try {
      const backup = await requestBackup(this.#client(controller), (this.#idempotencyKey ??= newIdempotencyKey()));
      const backups = [backup, ...(this._list?.backups ?? []).filter((b) => b.id !== backup.id)];
      // Until the server's own answer arrives, the brief's fallback gives the next date.
      list = { backups, nextRequestAt: new Date(nextRequestAt({ backups }) ?? Date.now()).toISOString() };
      this._notice = undefined;
      this._announcement = t.requested;
      emit(this, 'account-backup-requested', { backup });
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof BackupApiError && error.kind === 'cooldown') {
        // Another tab or administrator was first: not an error, show the date.
        list = { backups: this._list?.backups ?? [], nextRequestAt: error.nextRequestAt ?? null };
        this._notice = this._announcement = t.cooldown;
      } else {
        const failure = (this._requestError = this.#fail('request', error));
        // Only an answer that proves nothing was created frees the key; otherwise a retry reuses it.
        if (NOTHING_CREATED.includes(failure.kind)) this.#idempotencyKey = undefined;
        // Retried by itself only while the confirmation is still open: closing it means "not now".
        this.#retryLater(failure, controller, this.#confirmRequest);
      }
    }
    this._requestBusy = false;
    if (list) {
      this.#idempotencyKey = undefined;
      this._list = list;
      this.#close();
      this.refresh();
    }
  };

  /** After a 429, the same action again once the wait is over, unless its window closed meanwhile. */
  #retryLater(failure: BackupApiError, controller: AbortController, action: () => void): void {
    // Shares the poll's timer on purpose: while a 429 is waited out, nothing else is sent either.
    if (failure.kind === 'rate_limited') {
      clearTimeout(this.#pollTimer);
      this.#pollTimer = setTimeout(() => controller.signal.aborted || action(), retryDelay(failure));
    }
  }

  // ——— Download ———

  #confirmDownload = async (): Promise<void> => {
    const state = this._download;
    if (!state || state.busy || !state.accepted) return;
    this._download = { ...state, busy: true, error: undefined };
    const controller = this.#startAction();
    try {
      const credentials = await issueDownload(this.#client(controller), state.backup.id);
      if (controller.signal.aborted) return; // the window closed meanwhile: forget them
      this._download = { ...state, credentials };
      const { host, port, username, path, expiresAt = null } = credentials;
      emit(this, 'account-backup-credentials-issued', { backupId: state.backup.id, host, port, username, path, expiresAt });
      this._announcement = this.#strings.credentials;
    } catch (error) {
      if (controller.signal.aborted) return;
      const failure = this.#fail('download', error);
      this._download = { ...state, error: failure };
      if (failure.kind === 'not_ready' || failure.kind === 'expired') this.refresh();
      this.#retryLater(failure, controller, this.#confirmDownload);
    }
  };

  #saveKey = (): void => {
    const state = this._download;
    if (!state?.credentials) return;
    this.#forgetKey();
    const url = (this.#keyUrl = URL.createObjectURL(new Blob([keyFileText(state.credentials.privateKey)], { type: 'application/x-pem-file' })));
    const link = document.createElement('a');
    link.href = url;
    link.download = keyFileName(state.backup);
    link.click();
    // The browser has taken the file once the click is handled; the URL must not outlive that.
    setTimeout(() => url === this.#keyUrl && this.#forgetKey(), 1000);
  };

  async #copy(text: string): Promise<void> {
    const t = this.#strings;
    try {
      await navigator.clipboard.writeText(text);
      this._announcement = t.copied;
    } catch {
      this._announcement = t.copyFailed;
    }
  }

  // ——— Templates ———

  protected override render(): TemplateResult {
    const t = this.#strings;
    const list = this._list;
    const now = Date.now();
    const next = list ? nextRequestAt(list) : null;
    const allowed = !!list && canRequest(list, now);
    const modal = !!this._window;
    // Behind an open window the page is inert (showModal) and, for tools that read only ARIA,
    // hidden too: the confirmation's *Solicitar backup* is then the only one there is.
    return html`<div .inert=${modal} aria-hidden=${modal}>
        <h2 part="heading">${t.heading}</h2>
        <div part="toolbar" class="toolbar">
          <button
            part="button request-button"
            class="primary"
            aria-haspopup="dialog"
            ?disabled=${!allowed}
            aria-describedby="next-request"
            @click=${(e: Event) => this.#open('request', e)}
          >
            ${t.request}
          </button>
          <button part="button" ?disabled=${this._loading} @click=${() => this.refresh()}>${t.refresh}</button>
          <p id="next-request" part="next-request" tabindex="-1">${allowed || !list ? nothing : html`${t.nextRequest} ${this.#time(next, true)}`}</p>
        </div>
        ${this._notice && !allowed ? html`<p part="notice" class="notice">${this._notice}</p>` : nothing}
        ${this._listError ? this.#renderError(this._listError, () => this.refresh(), list ? t.staleList : '') : nothing}
        ${list ? this.#renderList(list, now) : this._loading ? html`<p class="muted" aria-busy="true">${t.loading}</p>` : nothing}
      </div>
      <div role="status" class="visually-hidden">${this._announcement}</div>
      <dialog part="dialog" aria-labelledby="window-title" @close=${this.#onClose}>
        ${this._window === 'request' ? this.#renderRequestWindow() : this._download ? this.#renderDownloadWindow(this._download) : nothing}
      </dialog>`;
  }

  /**
   * The rows change only with the data, the language, the loading flag, or the clock crossing an
   * instant (see #scheduleTick): opening a window or announcing something does not format them again.
   */
  #renderList(list: BackupList, now: number): TemplateResult {
    const key = [list, this.#locale, this._loading, this.#clockTicks];
    if (!this.#listView || key.some((value, i) => value !== this.#listView!.key[i])) {
      const rows = newestFirst(list.backups);
      this.#listView = { key, view: rows.length ? this.#renderTable(rows, now) : html`<p class="empty">${this.#strings.empty}</p>` };
    }
    return this.#listView.view;
  }

  #renderError(error: BackupApiError, retry?: () => void, lead = ''): TemplateResult {
    const t = this.#strings;
    return html`<div part="error" class="error" role="alert">
      <p>${lead} ${t.errors[error.kind]}${error.kind === 'rate_limited' ? ` ${Math.ceil(retryDelay(error) / 1000)} s.` : ''}</p>
      ${retry ? html`<button part="button retry-button" @click=${retry}>${t.retry}</button>` : nothing}
    </div>`;
  }

  #renderTable(rows: Backup[], now: number): TemplateResult {
    const t = this.#strings;
    const columns = [t.requestedAt, t.requestedBy, t.statusColumn, t.details, t.actions];
    return html`<table part="table" aria-busy=${this._loading}>
      <caption>${t.caption}</caption>
      <thead>
        <tr>
          ${columns.map((name) => html`<th scope="col">${name}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map((backup) => {
          const status = effectiveStatus(backup, now);
          const ready = status === 'ready';
          return html`<tr>
            <th scope="row" data-label=${columns[0]}>${this.#time(instant(backup.requestedAt))}</th>
            <td data-label=${columns[1]}>${backup.requestedBy || '—'}</td>
            <td data-label=${columns[2]}><span part="status" class="status ${status}">${t.status[status]}</span></td>
            <td data-label=${columns[3]}>${ready ? this.#renderDetails(backup, now) : nothing}</td>
            <td data-label=${columns[4]}>${ready
                ? html`<button part="button download-button" class="primary" aria-haspopup="dialog" @click=${(e: Event) => this.#open('download', e, backup)}>
                    ${t.download}
                  </button>`
                : nothing}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  /** Size, how long it stays downloadable, and the checksum of a ready backup. The cells of other rows
   * stay empty (no whitespace either), so the narrow layout can leave them out (`td:empty`). */
  #renderDetails(backup: Backup, now: number): TemplateResult {
    const t = this.#strings;
    const size = formatSize(this.#locale, backup.sizeBytes);
    const left = timeLeft(backup, now);
    const file = backup.fileName || 'backup';
    return html`${size ? html`<div>${t.size}: ${size}</div>` : nothing}
      ${left !== null ? html`<div>${t.availableUntil} ${this.#time(expiryOf(backup))} (${formatTimeLeft(this.#locale, left)})</div>` : nothing}
      ${backup.sha256
        ? html`<details>
            <summary>${t.verify}</summary>
            <dl>${this.#renderValue('SHA-256', backup.sha256)}</dl>
            <pre><code>sha256sum ${file}</code></pre>
            <pre><code>Get-FileHash ${file} -Algorithm SHA256</code></pre>
          </details>`
        : nothing}`;
  }

  #renderValue(label: string, value: string): TemplateResult {
    const copy = this.#strings.copy;
    return html`<div class="value">
      <dt>${label}</dt>
      <dd><code>${value}</code></dd>
      <dd><button part="button" aria-label="${copy} ${label}" @click=${() => this.#copy(value)}>${copy}</button></dd>
    </div>`;
  }

  /** The window's frame: its title, its content, and its buttons (closing first). */
  #renderWindow(title: string, content: unknown, close: string, confirm?: TemplateResult): TemplateResult {
    return html`<h2 id="window-title">${title}</h2>
      ${content}
      <div class="actions">
        <button part="button" ?autofocus=${this._window === 'request'} @click=${this.#close}>${close}</button>
        ${confirm || nothing}
      </div>`;
  }

  #renderConfirm(label: string, busy: boolean, disabled: boolean, confirm: () => void): TemplateResult {
    return html`<button part="button" class="primary" ?disabled=${busy || disabled} aria-busy=${busy} @click=${confirm}>${label}</button>`;
  }

  #renderRequestWindow(): TemplateResult {
    const t = this.#strings;
    const error = this._requestError;
    return this.#renderWindow(
      t.request,
      html`<p>${t.confirmText}</p>
        ${error ? this.#renderError(error, this.#confirmRequest) : nothing}`,
      t.cancel,
      this.#renderConfirm(t.request, this._requestBusy, false, this.#confirmRequest),
    );
  }

  #renderDownloadWindow(state: DownloadState): TemplateResult {
    const t = this.#strings;
    const { credentials, error } = state;
    if (credentials) return this.#renderWindow(t.credentials, this.#renderCredentials(state.backup, credentials), t.close);
    // Not ready or expired: the window says so, with nothing to retry (the list refreshes).
    const final = error?.kind === 'not_ready' || error?.kind === 'expired';
    return this.#renderWindow(
      t.downloadConfirm,
      html`<div class="terms" tabindex="0" role="region" aria-label=${t.downloadConfirm}>
          <slot name="terms"><p>${t.defaultTerms}</p></slot>
        </div>
        <label class="accept">
          <input
            type="checkbox"
            autofocus
            .checked=${state.accepted}
            @change=${(e: Event) => (this._download = { ...state, accepted: (e.target as HTMLInputElement).checked })}
          />
          ${t.accept}
        </label>
        ${error ? this.#renderError(error, final ? undefined : this.#confirmDownload) : nothing}`,
      t.close,
      this.#renderConfirm(t.downloadConfirm, state.busy, !state.accepted, this.#confirmDownload),
    );
  }

  #renderCredentials(backup: Backup, { host, port, username, path, expiresAt }: DownloadCredentials): TemplateResult {
    const t = this.#strings;
    const keyName = keyFileName(backup);
    const until = instant(expiresAt);
    return html`<dl>
        ${this.#renderValue(t.host, host)} ${this.#renderValue(t.port, String(port))} ${this.#renderValue(t.username, username)}
        ${this.#renderValue(t.path, path)}
      </dl>
      <p><button part="button" class="primary" @click=${this.#saveKey}>${t.saveKey}</button></p>
      <dl>${this.#renderValue(t.command, `sftp -P ${port} -i ${keyName} ${username}@${host}:${path}`)}</dl>
      <p>${t.chmod} <code>chmod 600 ${keyName}</code></p>
      <p>${t.guiClients}</p>
      <p>${until === null ? t.credentialsWithBackup : html`${t.credentialsUntil} ${this.#time(until, true)}.`}</p>`;
  }
}

/** How long a 429 asks to wait; 30 s when it names no usable `Retry-After`. */
const retryDelay = (error: BackupApiError): number => error.retryAfterMs ?? 30_000;
