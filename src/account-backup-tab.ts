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
import { effectiveStatus, expiryOf, instant, isPending, newestFirst, nextChange, nextRequestAt, timeLeft } from './backup-rules.js';
import type { Backup, BackupList, DownloadCredentials } from './backup-types.js';
import { emit, type BackupOperation } from './events.js';
import { keyFileName, keyFileText } from './key-file.js';
import { formatDate, formatSize, formatTimeLeft, formatUtc, resolveLocale, stringsFor, type LocaleCode, type Strings } from './localize.js';
import { styles } from './account-backup-tab.styles.js';

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

const defaultFetch: FetchLike = (input, init) => window.fetch(input, { credentials: 'same-origin', ...init });


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
    _modal: { state: true },
  };

  /** Where the backend contract lives (`GET {base-url}/backups`…). */
  baseUrl = '';
  /** Seconds between refreshes while a backup is awaiting release or in progress; `0` turns polling off. */
  pollInterval = 30;
  /** Used for every call, so the host page can add its session headers or CSRF token. Default: `window.fetch` with same-origin credentials. */
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
  /** @internal A window is open: the page behind it is inert and hidden from assistive technology. */
  declare _modal: boolean;

  #loadController?: AbortController;
  #actionController?: AbortController;
  #pollTimer?: ReturnType<typeof setTimeout>;
  #tickTimer?: ReturnType<typeof setTimeout>;
  #failures = 0;
  /** One per confirmation; kept until the server has answered for sure, so a retry never creates a second backup. */
  #idempotencyKey?: string;
  #opener?: HTMLElement | null;
  #keyUrl?: string;

  constructor() {
    super();
    this._loading = false;
    this._requestBusy = false;
    this._announcement = '';
    this._modal = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    // A reconnect resumes where a disconnect stopped.
    if (this.hasUpdated) {
      this._requestBusy = false;
      this.refresh();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#loadController?.abort();
    this.#actionController?.abort();
    clearTimeout(this.#pollTimer);
    clearTimeout(this.#tickTimer);
    this.#forgetKey();
    // Removed from the page: the windows close and the private key is not kept in memory (a detached
    // element may be kept alive by the host, and an open dialog would show again on reconnect).
    this._download = undefined;
    this._requestBusy = false;
    this._modal = false;
    this.renderRoot?.querySelectorAll('dialog').forEach((dialog) => dialog.open && dialog.close());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#locale = this.#resolveLocale();
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
    try {
      const list = await listBackups(this.#client(controller.signal));
      const before = this._list;
      this._list = list;
      this._listError = undefined;
      this.#failures = 0;
      this.#announceChanges(before, list);
    } catch (error) {
      if (controller.signal.aborted) return;
      this._listError = this.#fail('list', error);
      this.#failures++;
    } finally {
      if (!controller.signal.aborted) {
        this._loading = false;
        this.#schedulePoll();
      }
    }
  }

  #client(signal: AbortSignal): ClientOptions {
    return { baseUrl: this.baseUrl, fetch: this.fetch ?? defaultFetch, signal, timeoutMs: this.timeout };
  }

  #fail(operation: BackupOperation, error: unknown): BackupApiError {
    const failure = error instanceof BackupApiError ? error : new BackupApiError('invalid_response');
    if (failure.kind === 'unauthorized') emit(this, 'account-backup-unauthorized', { operation });
    emit(this, 'account-backup-error', { operation, kind: failure.kind, status: failure.status ?? null });
    return failure;
  }

  /** Polls while something is pending and the page is visible; backs off on errors; waits out a 429. */
  #schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    if (!this.isConnected || document.hidden) return;
    const error = this._listError;
    let delay: number | undefined;
    if (error?.kind === 'rate_limited') {
      delay = error.retryAfterMs ?? 30_000;
    } else if (this.pollInterval > 0 && this._list?.backups.some((b) => isPending(b, Date.now()))) {
      // At least a second apart, whatever the attribute says: the backend is shared by every admin.
      delay = Math.min(Math.max(this.pollInterval, 1) * 1000 * 2 ** this.#failures, MAX_BACKOFF_MS);
    }
    if (delay !== undefined) this.#pollTimer = setTimeout(() => this.refresh(), Math.min(delay, MAX_TIMEOUT));
  }

  /** Re-renders at the next instant the screen changes by itself: the button comes back, a backup expires. */
  #scheduleTick(): void {
    clearTimeout(this.#tickTimer);
    if (!this._list || !this.isConnected) return;
    const now = Date.now();
    const at = nextChange(this._list, now);
    const delay = Math.min(at === null ? MAX_TICK_MS : at - now, MAX_TICK_MS);
    this.#tickTimer = setTimeout(() => this.#clockMoved(), delay);
  }

  #clockMoved(): void {
    this.#clockTicks++;
    this.requestUpdate();
  }

  #onVisibility = (): void => {
    if (document.hidden) {
      clearTimeout(this.#pollTimer);
    } else {
      // The clock may have jumped (sleep, a background tab): re-render, and catch up on polling.
      this.#clockMoved();
      if (this._list?.backups.some((b) => isPending(b, Date.now())) && this.pollInterval > 0) this.refresh();
      else this.#schedulePoll();
    }
  };

  #announceChanges(before: BackupList | undefined, after: BackupList): void {
    const t = this.#strings;
    if (!before) {
      this._announcement = t.loaded(after.backups.length);
      return;
    }
    const now = Date.now();
    const changed = after.backups.filter((b) => {
      const old = before.backups.find((o) => o.id === b.id);
      return old && effectiveStatus(old, now) !== effectiveStatus(b, now);
    });
    if (changed.length) {
      this._announcement = changed
        .map((b) => `${this.#date(instant(b.requestedAt))}: ${t.status[effectiveStatus(b, now)]}`)
        .join('. ');
    }
  }

  /** Resolved once per update (see willUpdate), not once per formatted cell. */
  #locale: LocaleCode = 'pt-BR';

  #resolveLocale(): LocaleCode {
    const ancestor = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    return resolveLocale([this.lang, ancestor, document.documentElement.lang, ...navigator.languages]);
  }

  get #strings(): Strings {
    return stringsFor(this.#locale);
  }

  #date(ms: number | null): string {
    return ms === null ? '—' : formatDate(this.#locale, ms);
  }

  #time(ms: number | null, withUtc = false): TemplateResult | string {
    if (ms === null) return '—';
    const utc = formatUtc(this.#locale, ms);
    return html`<time datetime=${new Date(ms).toISOString()} title=${utc}>${this.#date(ms)}</time>${withUtc ? html` <span class="muted">(${utc})</span>` : nothing}`;
  }

  // ——— Request ———

  #openRequest(event: Event): void {
    this._requestError = undefined;
    this.#open('request', event);
  }

  async #confirmRequest(): Promise<void> {
    if (this._requestBusy) return; // a double click sends one request
    this._requestBusy = true;
    this._requestError = undefined;
    this.#idempotencyKey ??= newIdempotencyKey();
    const controller = (this.#actionController = new AbortController());
    try {
      const backup = await requestBackup(this.#client(controller.signal), this.#idempotencyKey);
      this.#idempotencyKey = undefined;
      const backups = [backup, ...(this._list?.backups ?? []).filter((b) => b.id !== backup.id)];
      // Until the server's own answer arrives, the brief's fallback gives the next date.
      this._list = { backups, nextRequestAt: new Date(nextRequestAt({ backups }) ?? Date.now()).toISOString() };
      this._notice = undefined;
      this._announcement = this.#strings.requested;
      emit(this, 'account-backup-requested', { backup });
      this.#close('request');
      this.refresh();
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof BackupApiError && error.kind === 'cooldown') {
        // Another tab or administrator was first: not an error, show the date.
        this.#idempotencyKey = undefined;
        this._list = { backups: this._list?.backups ?? [], nextRequestAt: error.nextRequestAt ?? null };
        this._notice = this.#strings.cooldown;
        this._announcement = this.#strings.cooldown;
        this.#close('request');
        this.refresh();
      } else {
        this._requestError = this.#fail('request', error);
        // Only an answer that proves nothing was created frees the key; otherwise a retry reuses it.
        if (['unauthorized', 'plan_not_eligible', 'forbidden', 'invalid_response'].includes(this._requestError.kind)) {
          this.#idempotencyKey = undefined;
        }
        // Retried by itself only while the confirmation is still open: closing it means "not now".
        if (this._requestError.kind === 'rate_limited') {
          this.#retryLater(this._requestError, () => this.#dialog('request')?.open && this.#confirmRequest());
        }
      }
    } finally {
      if (!controller.signal.aborted) this._requestBusy = false;
    }
  }

  /** Shares the poll's timer on purpose: while a 429 is waited out, nothing else is sent either. */
  #retryLater(error: BackupApiError, action: () => void): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = setTimeout(action, error.retryAfterMs ?? 30_000);
  }

  // ——— Download ———

  #openDownload(backup: Backup, event: Event): void {
    this._download = { backup, accepted: false, busy: false };
    this.#open('download', event);
  }

  async #confirmDownload(): Promise<void> {
    const state = this._download;
    if (!state || state.busy || !state.accepted) return;
    this._download = { ...state, busy: true, error: undefined };
    const controller = (this.#actionController = new AbortController());
    try {
      const credentials = await issueDownload(this.#client(controller.signal), state.backup.id);
      if (this._download?.backup !== state.backup) return; // closed meanwhile: forget them
      this._download = { ...state, busy: false, credentials };
      const { host, port, username, path, expiresAt = null } = credentials;
      emit(this, 'account-backup-credentials-issued', { backupId: state.backup.id, host, port, username, path, expiresAt });
      this._announcement = this.#strings.credentials;
    } catch (error) {
      if (controller.signal.aborted || this._download?.backup !== state.backup) return;
      const failure = this.#fail('download', error);
      this._download = { ...state, busy: false, error: failure };
      if (failure.kind === 'not_ready' || failure.kind === 'expired') this.refresh();
      if (failure.kind === 'rate_limited') this.#retryLater(failure, () => this.#confirmDownload());
    }
  }

  #saveKey(): void {
    const state = this._download;
    if (!state?.credentials) return;
    this.#forgetKey();
    const url = (this.#keyUrl = URL.createObjectURL(
      new Blob([keyFileText(state.credentials.privateKey)], { type: 'application/x-pem-file' }),
    ));
    const link = document.createElement('a');
    link.href = url;
    link.download = keyFileName(state.backup);
    link.click();
    // The browser has taken the file once the click is handled; the URL must not outlive that.
    setTimeout(() => url === this.#keyUrl && this.#forgetKey(), 1000);
  }

  #forgetKey(): void {
    if (this.#keyUrl) URL.revokeObjectURL(this.#keyUrl);
    this.#keyUrl = undefined;
  }

  async #copy(text: string): Promise<void> {
    const t = this.#strings;
    try {
      await navigator.clipboard.writeText(text);
      this._announcement = t.copied;
    } catch {
      this._announcement = t.copyFailed;
    }
  }

  // ——— Windows ———

  #dialog(name: string): HTMLDialogElement | null | undefined {
    return this.renderRoot.querySelector<HTMLDialogElement>(`dialog[data-name=${name}]`);
  }

  async #open(name: string, event: Event): Promise<void> {
    this.#opener = event.currentTarget as HTMLElement;
    await this.updateComplete;
    const dialog = this.#dialog(name);
    if (dialog && !dialog.open) dialog.showModal();
    this._modal = true;
  }

  #close(name: string): void {
    const dialog = this.#dialog(name);
    if (dialog?.open) dialog.close();
  }

  /** Every way a window closes (button, Escape, form) ends here: forget the key, give focus back. */
  async #onDialogClose(name: string): Promise<void> {
    // The close event is queued: when it arrives after the window was opened again, it is stale.
    if (this.#dialog(name)?.open) return;
    if (name === 'download') {
      this.#actionController?.abort();
      this._download = undefined;
      this.#forgetKey();
    } else if (this._requestBusy) {
      this.#actionController?.abort();
      this._requestBusy = false;
    }
    const opener = this.#opener;
    this.#opener = undefined;
    this._modal = false;
    // Focus goes back to what opened the window once the page is no longer inert; when that is now
    // disabled (a request was just made), to the line that says until when.
    await this.updateComplete;
    if (opener?.isConnected && !(opener as HTMLButtonElement).disabled) opener.focus();
    else if (this.isConnected) this.renderRoot.querySelector<HTMLElement>('[data-focus-after-request]')?.focus();
  }

  // ——— Templates ———

  protected override render(): TemplateResult {
    const t = this.#strings;
    const list = this._list;
    const now = Date.now();
    const next = list ? nextRequestAt(list) : null;
    const allowed = !!list && (next === null || now >= next);
    // Behind an open window the page is inert (showModal) and, for tools that read only ARIA,
    // hidden too: the confirmation's *Solicitar backup* is then the only one there is.
    return html`<div .inert=${this._modal} aria-hidden=${this._modal ? 'true' : 'false'}>
      <h2 part="heading">${t.heading}</h2>
      <p class="muted">${t.intro}</p>
      <div part="toolbar" class="toolbar">
        <button
          part="button request-button"
          class="primary"
          aria-haspopup="dialog"
          ?disabled=${!allowed || this._requestBusy}
          aria-describedby="next-request"
          @click=${this.#openRequest}
        >
          ${t.request}
        </button>
        <button part="button" ?disabled=${this._loading} @click=${() => this.refresh()}>${t.refresh}</button>
        <p id="next-request" part="next-request" tabindex="-1" data-focus-after-request>
          ${list && !allowed && next !== null ? html`${t.nextRequest} ${this.#time(next, true)}` : nothing}
        </p>
      </div>
      ${this._notice && !allowed ? html`<p part="notice" class="notice">${this._notice}</p>` : nothing}
      ${this._listError ? this.#renderError(this._listError, () => this.refresh(), list ? t.staleList : '') : nothing}
      ${list
        ? this.#renderList(list, now)
        : this._loading
          ? html`<p class="muted" aria-busy="true">${t.loading}</p>`
          : nothing}
      </div>
      <div role="status" class="visually-hidden">${this._announcement}</div>
      ${this.#renderRequestDialog()} ${this.#renderDownloadDialog()}
    `;
  }

  /**
   * The rows change only with the data, the language, the loading flag, or the clock crossing an
   * instant (see #scheduleTick): opening a window or announcing something does not format them again.
   */
  #listView?: { key: unknown[]; view: TemplateResult };
  #clockTicks = 0;

  #renderList(list: BackupList, now: number): TemplateResult {
    const key = [list, this.#locale, this._loading, this.#clockTicks];
    if (!this.#listView || key.some((value, i) => value !== this.#listView!.key[i])) {
      const rows = newestFirst(list.backups);
      this.#listView = { key, view: rows.length ? this.#renderTable(rows, now) : html`<p class="empty">${this.#strings.empty}</p>` };
    }
    return this.#listView.view;
  }

  #renderError(error: BackupApiError, retry: () => void, lead = ''): TemplateResult {
    const t = this.#strings;
    const seconds = error.kind === 'rate_limited' ? Math.ceil((error.retryAfterMs ?? 30_000) / 1000) : 0;
    return html`<div part="error" class="error" role="alert">
      <p>${lead} ${t.errors[error.kind]}${seconds ? ` ${seconds} s.` : ''}</p>
      <button part="button retry-button" @click=${retry}>${t.retry}</button>
    </div>`;
  }

  #renderTable(rows: Backup[], now: number): TemplateResult {
    const t = this.#strings;
    return html`<table part="table" aria-busy=${this._loading ? 'true' : 'false'}>
      <caption>${t.caption}</caption>
      <thead>
        <tr>
          <th scope="col">${t.requestedAt}</th>
          <th scope="col">${t.requestedBy}</th>
          <th scope="col">${t.statusColumn}</th>
          <th scope="col">${t.details}</th>
          <th scope="col">${t.actions}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((backup) => {
          const status = effectiveStatus(backup, now);
          const left = timeLeft(backup, now);
          const size = formatSize(this.#locale, backup.sizeBytes);
          return html`<tr>
            <th scope="row" data-label=${t.requestedAt}>${this.#time(instant(backup.requestedAt))}</th>
            <td data-label=${t.requestedBy}>${backup.requestedBy || '—'}</td>
            <td data-label=${t.statusColumn}><span part="status" class="status ${status}">${t.status[status]}</span></td>
            <td data-label=${t.details}>
              ${status === 'ready'
                ? html`${size ? html`<div>${t.size}: ${size}</div>` : nothing}
                    ${left !== null
                      ? html`<div>${t.availableUntil} ${this.#time(expiryOf(backup))} (${formatTimeLeft(this.#locale, left)})</div>`
                      : nothing}
                    ${backup.sha256 ? this.#renderChecksum(backup) : nothing}`
                : nothing}
            </td>
            <td data-label=${t.actions}>
              ${status === 'ready'
                ? html`<button part="button download-button" class="primary" aria-haspopup="dialog" @click=${(e: Event) => this.#openDownload(backup, e)}>
                    ${t.download}
                  </button>`
                : nothing}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  #renderChecksum(backup: Backup): TemplateResult {
    const t = this.#strings;
    const file = backup.fileName || 'backup';
    return html`<details>
      <summary>${t.verify}</summary>
      <dl>${this.#renderValue('SHA-256', backup.sha256 ?? '')}</dl>
      <pre><code>sha256sum ${file}</code></pre>
      <pre><code>Get-FileHash ${file} -Algorithm SHA256</code></pre>
    </details>`;
  }

  #renderValue(label: string, value: string): TemplateResult {
    return html`<div class="value">
      <dt>${label}</dt>
      <dd><code>${value}</code></dd>
      <dd>
        <button part="button" class="copy" aria-label="${this.#strings.copy} ${label}" @click=${() => this.#copy(value)}>
          ${this.#strings.copy}
        </button>
      </dd>
    </div>`;
  }

  #renderRequestDialog(): TemplateResult {
    const t = this.#strings;
    const error = this._requestError;
    return html`<dialog part="dialog" data-name="request" aria-labelledby="request-title" @close=${() => this.#onDialogClose('request')}>
      <h2 id="request-title">${t.request}</h2>
      <p>${t.confirmText}</p>
      ${error ? this.#renderError(error, () => this.#confirmRequest()) : nothing}
      <div class="actions">
        <button part="button" autofocus @click=${() => this.#close('request')}>${t.cancel}</button>
        <button part="button" class="primary" ?disabled=${this._requestBusy} aria-busy=${this._requestBusy ? 'true' : 'false'} @click=${() => this.#confirmRequest()}>
          ${t.request}
        </button>
      </div>
    </dialog>`;
  }

  #renderDownloadDialog(): TemplateResult {
    const t = this.#strings;
    const state = this._download;
    return html`<dialog part="dialog" data-name="download" aria-labelledby="download-title" @close=${() => this.#onDialogClose('download')}>
      <h2 id="download-title">${state?.credentials ? t.credentials : t.downloadConfirm}</h2>
      ${state?.credentials ? this.#renderCredentials(state.backup, state.credentials) : state ? this.#renderTerms(state) : nothing}
      <div class="actions">
        <button part="button" @click=${() => this.#close('download')}>${t.close}</button>
        ${state && !state.credentials
          ? html`<button
              part="button"
              class="primary"
              ?disabled=${!state.accepted || state.busy}
              aria-busy=${state.busy ? 'true' : 'false'}
              @click=${() => this.#confirmDownload()}
            >
              ${t.downloadConfirm}
            </button>`
          : nothing}
      </div>
    </dialog>`;
  }

  #renderTerms(state: DownloadState): TemplateResult {
    const t = this.#strings;
    const error = state.error;
    const final = error?.kind === 'not_ready' || error?.kind === 'expired';
    return html`<div class="terms" tabindex="0" role="region" aria-label=${t.downloadConfirm}>
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
      ${error
        ? final
          ? html`<p part="error" class="error" role="alert">${t.errors[error.kind]}</p>`
          : this.#renderError(error, () => this.#confirmDownload())
        : nothing}`;
  }

  #renderCredentials(backup: Backup, credentials: DownloadCredentials): TemplateResult {
    const t = this.#strings;
    const keyName = keyFileName(backup);
    const command = `sftp -P ${credentials.port} -i ${keyName} ${credentials.username}@${credentials.host}:${credentials.path}`;
    const until = instant(credentials.expiresAt) ?? null;
    return html`<dl class="credentials">
        ${this.#renderValue(t.host, credentials.host)} ${this.#renderValue(t.port, String(credentials.port))}
        ${this.#renderValue(t.username, credentials.username)} ${this.#renderValue(t.path, credentials.path)}
      </dl>
      <p><button part="button" class="primary" @click=${this.#saveKey}>${t.saveKey}</button></p>
      <dl>${this.#renderValue(t.command, command)}</dl>
      <p>${t.chmod} <code>chmod 600 ${keyName}</code></p>
      <p>${t.guiClients}</p>
      <p>${until === null ? t.credentialsWithBackup : html`${t.credentialsUntil} ${this.#time(until, true)}.`}</p>`;
  }
}
