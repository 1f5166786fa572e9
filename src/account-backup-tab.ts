import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { canRequest, effectiveStatus, instant, isPending, nextRequestAt, soonestAfter, writeOfCooldown, writeOfCreated } from './core/rules.js';
import type { Backup, DownloadCredentials } from './core/types.js';
import { formatDate } from './i18n/format.js';
import { resolveLocale, stringsFor, type LocaleCode } from './i18n/resolve.js';
import { BackupApiError, DEFAULT_TIMEOUT_MS, cancelBackup, newIdempotencyKey, requestBackup, type ClientOptions, type FetchLike } from './api/client.js';
import { emit, type BackupOperation } from './events.js';
import { ClockController } from './controllers/clock-controller.js';
import { CopyFeedback } from './controllers/copy-feedback.js';
import { LangController, ancestorLang } from './controllers/lang-controller.js';
import { ListController } from './controllers/list-controller.js';
import { ReadyNotifier } from './controllers/ready-notifier.js';
import { WindowController, type OpenWindow } from './controllers/window-controller.js';
import { ConfirmWindow } from './windows/confirm-window.js';
import { DownloadWindow } from './windows/download-window.js';
import { saveExpiryReminder, saveNextRequestReminder } from './files/reminders.js';
import { announceList, backupList, type RowActions } from './templates/backup-list.js';
import { date, errorMessage, time, type Announcement, type View } from './templates/parts.js';
import { nextRedraw } from './templates/redraw.js';
import { toolbar } from './templates/toolbar.js';
import { styles } from './account-backup-tab.styles.js';

/** When a wait counted down in whole seconds until `at` shows one second less (see errorMessage). */
const nextSecond = (at: number | undefined, now: number): number | null => (at ? at - (Math.ceil((at - now) / 1000) - 1) * 1000 : null);

/** A heading level ARIA accepts: 1–6, else the default 2. */
const headingLevel = (level: number): number => (Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2);

/** The client already asks for same-origin credentials; a late lookup lets tests and hosts patch window.fetch. */
const windowFetch: FetchLike = (input, init) => fetch(input, init);

/** The states a host page can style (`account-backup-tab:state(ready)`), each on while the element is in it. */
type CustomState = 'loading' | 'cooldown' | 'error' | 'pending' | 'ready';

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
 * @event {CustomEvent<{ backup: Backup }>} account-backup-cancelled - A request awaiting release was cancelled (contract v1.1: `DELETE` answered 200).
 * @event {CustomEvent<{ backup: Backup }>} account-backup-ready - A refresh found a backup that had just become ready to download (never on the first load), so the host can show its own toast.
 * @event {CustomEvent<{ operation: 'list' | 'request' | 'download' | 'cancel' }>} account-backup-unauthorized - The backend answered 401: the session expired; the host page may renew it, then the user retries.
 * @event {CustomEvent<{ operation: 'list' | 'request' | 'download' | 'cancel', kind: string, status: number | null }>} account-backup-error - A call failed and the user was told so. `kind` is one of unauthorized, plan_not_eligible, forbidden, not_ready, expired, not_cancellable, rate_limited, server, network, timeout, invalid_response.
 *
 * @csspart heading - The tab's heading.
 * @csspart toolbar - The row with the request button and the next-request date.
 * @csspart request-button - *Solicitar backup*.
 * @csspart next-request - The date from which a new request can be made.
 * @csspart notice - Informational messages (e.g. someone else requested first).
 * @csspart error - An error message with its *Tentar novamente* button.
 * @csspart button - Every button.
 * @csspart retry-button - *Tentar novamente*.
 * @csspart refresh-button - *Atualizar lista*.
 * @csspart table - The list of backups.
 * @csspart status - A status label.
 * @csspart download-button - *Baixar arquivo* on a ready backup.
 * @csspart cancel-button - *Cancelar solicitação* on a request awaiting release (contract v1.1).
 * @csspart reminder-button - The calendar reminders: before a backup expires, and when a new request is allowed.
 * @csspart notify-button - *Avisar quando ficar pronto* (with `notify`).
 * @csspart dialog - The windows (the confirmations and the download).
 *
 * @cssstate loading - A load the user waits for is under way (the first one, *Atualizar lista*, *Tentar novamente*; not a background poll).
 * @cssstate cooldown - A new request is not allowed now (*Solicitar backup* is disabled until the date shown).
 * @cssstate error - A failure is shown: the list's, or the open window's.
 * @cssstate pending - A backup is awaiting release or in progress.
 * @cssstate ready - A backup can be downloaded.
 *
 * @cssproperty [--abt-font=inherit] - Font of the element (the host page's by default).
 * @cssproperty [--abt-color=CanvasText] - Text colour.
 * @cssproperty [--abt-background=Canvas] - Background of the element and of its windows.
 * @cssproperty [--abt-muted=light-dark(#595959, #bdbdbd)] - Secondary text.
 * @cssproperty [--abt-border=light-dark(#767676, #9a9a9a)] - Borders and rules.
 * @cssproperty [--abt-accent=light-dark(#0b5cad, #8cc4ff)] - Primary buttons.
 * @cssproperty [--abt-accent-text=light-dark(#fff, #00213f)] - Text on primary buttons.
 * @cssproperty [--abt-danger=light-dark(#b3261e, #ffb4ab)] - Errors and the server-error status.
 * @cssproperty [--abt-success=light-dark(#146c2e, #8fd9a0)] - The ready status.
 * @cssproperty [--abt-focus=light-dark(#0b5cad, #8cc4ff)] - The focus ring.
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
    headingLevel: { attribute: 'heading-level', type: Number },
    notify: { type: Boolean },
  };

  /** Where the backend contract lives (`GET {base-url}/backups`…). */
  baseUrl = '';
  /** Seconds between refreshes while a backup is awaiting release or in progress; `0` turns polling off. */
  pollInterval = 30;
  /**
   * Used for every call, so the host page can add its session headers or CSRF token.
   * @default window.fetch, same-origin credentials
   */
  fetch: FetchLike = windowFetch;
  /**
   * Milliseconds after which a call gives up with a timeout message.
   * @default 20000
   */
  timeout = DEFAULT_TIMEOUT_MS;
  /** Offer a browser notification when a backup becomes ready while the page is hidden (asked on a click, never on load). */
  notify = false;
  /** The level of the tab's heading (1–6), so that it fits the host page's outline. */
  headingLevel = 2;
  /** The language of the labels: `pt-BR`, `en` or `es`. Without it: the nearest ancestor's `lang`, the document's, the browser's, then pt-BR. */
  declare lang: string;

  /** The server's time, and the re-render at each instant the screen changes by itself. */
  readonly #clock: ClockController = new ClockController(this, {
    // What the list shows changes, or a retry's wait shows a second less (the list's, or the window's).
    nextRedraw: (now) =>
      soonestAfter(now, [this.#list.list ? nextRedraw(this.#list.list, now) : null, nextSecond(this.#list.retryAt, now), nextSecond(this.#windows.current?.action.retryAt, now)]),
    jumped: () => this.#list.resync(),
  });
  readonly #list: ListController = new ListController(this, this.#clock, {
    client: (signal) => this.#client(signal),
    watchHidden: () => this.notify && this.#ready.granted,
    loaded: (before, after) => {
      const now = this.#clock.now();
      this.#announce(announceList(before, after, now));
      const view = this.#view();
      this.#ready.check(before?.backups, after.backups, now, this.notify, {
        title: view.t.readyTitle,
        body: (b) => view.t.readyBody(date(view, instant(b.requestedAt))),
      });
    },
    failed: (error) => this.#failed(error, 'list'),
    reset: () => {
      // Nothing of the old backend stays: its window (and a call of it on the wire), its notice,
      // the checksums opened, what the live region said.
      this.#windows.forget();
      this.#notice = undefined;
      this.#checksums = new Set();
      this.#announcement = undefined;
    },
  });
  readonly #ready = new ReadyNotifier(this, (backup) => emit(this, 'account-backup-ready', { backup }));
  /** One object per open window, dropped when it closes (its call, key and timers with it). */
  readonly #windows = new WindowController<OpenWindow>(this, () => [
    // When what opened a window is gone or disabled: the request button, else *Atualizar lista*.
    this.renderRoot.querySelector<HTMLElement>('[part~=request-button]'),
    this.renderRoot.querySelector<HTMLElement>('[part~=refresh-button]'),
  ]);
  readonly #copier = new CopyFeedback(this, (ok) => this.#announce(({ t }) => (ok ? t.copied : t.copyFailed)));
  /** The states a host page can style (see @cssstate), and whether each is on. */
  readonly #internals = this.attachInternals();
  #states: Partial<Record<CustomState, boolean>> = {};
  /** What the polite live region says, in the language of the moment. */
  #announcement?: Announcement;
  /** A 409 cooldown: someone else was first. Said while the button is disabled; always, when the 409 gave no usable date. */
  #notice?: 'dated' | 'undated';
  /** Resolved once per update (see willUpdate), not once per formatted cell. */
  #locale: LocaleCode = 'pt-BR';

  constructor() {
    super();
    // A change of an ancestor's or the document's `lang` re-renders (one observer per document).
    new LangController(this);
  }
  /** Reloads the list now (also what *Tentar novamente* does). */
  refresh(): Promise<void> {
    return this.#list.refresh();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#locale = resolveLocale([this.lang, ancestorLang(this), document.documentElement.lang, ...navigator.languages]);
    if (!this.hasUpdated || changed.has('lang')) {
      // A page's first Intl date formatter loads ICU's data (30–50 ms on a slow machine): built in a
      // task of its own while the first request is on the wire, it does not lengthen the rows' render.
      const locale = this.#locale;
      setTimeout(() => formatDate(locale, 0));
    }
  }

  // ——— What the controllers and windows tell the element ———

  #client = (signal: AbortSignal): ClientOptions => ({
    baseUrl: this.baseUrl,
    fetch: this.fetch ?? windowFetch,
    signal,
    timeoutMs: this.timeout,
    clock: this.#clock,
  });

  #failed(error: BackupApiError, operation: BackupOperation): void {
    if (error.kind === 'unauthorized') emit(this, 'account-backup-unauthorized', { operation });
    emit(this, 'account-backup-error', { operation, kind: error.kind, status: error.status ?? null });
  }

  #requested(win: OpenWindow, backup: Backup): void {
    this.#list.recordWrite(writeOfCreated(backup, this.#clock.now()));
    this.#notice = undefined;
    this.#announce(({ t }) => t.requested);
    emit(this, 'account-backup-requested', { backup });
    this.#windows.close(win);
    void this.refresh();
  }

  /** Another tab or administrator was first: not an error, the date is shown. */
  #cooledDown(win: OpenWindow, at: string): void {
    const ms = instant(at);
    if (ms !== null) this.#list.recordWrite(writeOfCooldown(ms));
    this.#notice = ms !== null ? 'dated' : 'undated';
    this.#announce(({ t }) => t.cooldown);
    this.#windows.close(win);
    void this.refresh();
  }

  /** A write failed: when the backend may have acted anyway (a 5xx, a timeout, the network), the list shows what it did. */
  #writeFailed(error: BackupApiError, operation: BackupOperation): void {
    this.#failed(error, operation);
    if (!error.refused) void this.refresh();
  }

  #issued(backup: Backup, { host, port, username, path, expiresAt = null }: DownloadCredentials): void {
    emit(this, 'account-backup-credentials-issued', { backupId: backup.id, host, port, username, path, expiresAt });
    this.#announce(({ t }) => t.credentials);
  }

  // ——— Windows ———

  #openRequest = (event: Event): Promise<void> => {
    // One Idempotency-Key per confirmation, kept for every retry of it (the automatic one after a
    // 429 included): whatever the answer was, even a 2xx whose body breaks the contract, a retry
    // cannot create a second backup. It goes with the window.
    const key = newIdempotencyKey();
    const win: ConfirmWindow<Backup> = new ConfirmWindow(this, {
      label: (t) => t.request,
      body: ({ t }) => html`<p>${t.confirmText}</p>`,
      now: this.#clock.now,
      call: (signal) => requestBackup(this.#client(signal), key),
      done: (backup) => this.#requested(win, backup),
      failed: (error) => {
        // Someone else was first: not an error for the user (the window closes, the date shows).
        if (error.kind === 'cooldown') return this.#cooledDown(win, error.nextRequestAt!), 'handled';
        return this.#writeFailed(error, 'request');
      },
    });
    return this.#windows.open(win, event);
  };

  #openDownload = (event: Event, backup: Backup): Promise<void> =>
    this.#windows.open(
      new DownloadWindow(this, backup, {
        client: this.#client,
        now: this.#clock.now,
        copier: this.#copier,
        issued: (b, credentials) => this.#issued(b, credentials),
        saved: (name, what) => this.#announce(({ t }) => (what === 'key' ? t.keySaved(name) : t.fileSaved(name))),
        failed: (error) => {
          this.#failed(error, 'download');
          // Not ready or expired: the window says so, and the list shows what changed.
          if (error.kind === 'not_ready' || error.kind === 'expired') void this.refresh();
        },
      }),
      event,
    );

  #openCancel = (event: Event, backup: Backup): Promise<void> => {
    const win: ConfirmWindow<Backup> = new ConfirmWindow(this, {
      label: (t) => t.cancelRequest,
      body: (view) => html`<p>${view.t.cancelText}</p>
        <p>${view.t.requestedAt}: ${time(view, instant(backup.requestedAt))}</p>`,
      now: this.#clock.now,
      call: (signal) => cancelBackup(this.#client(signal), backup.id),
      done: (cancelled) => {
        this.#announce(({ t }) => t.cancelled);
        emit(this, 'account-backup-cancelled', { backup: cancelled });
        this.#windows.close(win);
        void this.refresh();
      },
      // The cloud team has started (409: only closing is left), or the backend may have cancelled
      // anyway: the list shows what it did.
      failed: (error) => (error.kind === 'not_cancellable' ? (this.#failed(error, 'cancel'), void this.refresh()) : this.#writeFailed(error, 'cancel')),
      final: ['not_cancellable'],
    });
    return this.#windows.open(win, event);
  };

  /** What the rows' buttons do (one object, so the list's guard sees the same one every render). */
  readonly #rowActions: RowActions = {
    openDownload: this.#openDownload,
    openCancel: this.#openCancel,
    remindExpiry: (backup) => saveExpiryReminder(this.#view(), backup),
    checksumOpen: (id) => this.#checksums.has(id),
    toggleChecksum: (id, open) => {
      if (open === this.#checksums.has(id)) return;
      this.#checksums = new Set(this.#checksums);
      if (open) this.#checksums.add(id);
      else this.#checksums.delete(id);
      this.requestUpdate();
    },
    copier: this.#copier,
  };
  /** The backups whose checksum the user opened (a new Set on each change: a key of the list's guard). */
  #checksums = new Set<string>();

  #announce(announcement: Announcement): void {
    this.#announcement = announcement;
    this.requestUpdate();
  }

  #view(): View {
    return { t: stringsFor(this.#locale), locale: this.#locale, now: this.#clock.now() };
  }

  protected override updated(): void {
    // CustomStateSet: Chromium 125, Firefox 126, Safari 17.4; older engines simply show no state.
    const set = this.#internals.states as Set<string> | undefined;
    for (const [state, on] of Object.entries(this.#states)) {
      if (on) set?.add(state);
      else set?.delete(state);
    }
  }

  // ——— Template ———

  protected override render(): TemplateResult {
    const view = this.#view();
    const { t } = view;
    const { list, loading, error, retryAt } = this.#list;
    const allowed = !!list && canRequest(list, view.now);
    const pending = !!list?.backups.some((b) => isPending(b, view.now));
    const win = this.#windows.current;
    // The states as this render shows them; they reach the host once it is on the page (updated).
    this.#states = {
      loading,
      cooldown: !!list && !allowed,
      error: !!error || !!win?.action.error,
      pending,
      ready: !!list?.backups.some((b) => effectiveStatus(b, view.now) === 'ready'),
    };
    // Behind an open window the page is inert (showModal) and, for tools that read only ARIA,
    // hidden too: the confirmation's *Solicitar backup* is then the only one there is.
    // The text is marked with the language it is written in (a pt-BR fallback on a German page is
    // read with a Portuguese voice).
    const lang = this.#locale;
    return html`<div lang=${lang} .inert=${!!win} aria-hidden=${!!win}>
        <div part="heading" class="heading" role="heading" aria-level=${headingLevel(this.headingLevel)}>${t.heading}</div>
        ${toolbar(view, {
          list,
          allowed,
          next: list ? nextRequestAt(list) : null,
          loading,
          notice: this.#notice === 'undated' || (this.#notice && !allowed) ? t.cooldown : undefined,
          openRequest: this.#openRequest,
          refresh: () => void this.refresh(),
          remind: () => list && saveNextRequestReminder(this.#view(), nextRequestAt(list)!, list),
          notify: this.notify && this.#ready.available && pending ? this.#ready : undefined,
        })}
        ${error ? errorMessage(view, error, () => void this.refresh(), list ? t.staleList : '', retryAt) : nothing}
        ${list
          ? // The rows change only with the data, the language, the loading flag or the clock crossing an
            // instant: opening a window or announcing something does not format them again.
            guard([list, this.#locale, loading, this.#clock.ticks, this.#copier.copied, this.#checksums], () => backupList(view, list, loading, this.#rowActions))
          : loading
            ? html`<p class="muted" aria-busy="true">${t.loading}</p>`
            : nothing}
      </div>
      <div role="status" class="visually-hidden" lang=${lang}>${this.#announcement?.(view)}</div>
      <dialog part="dialog" lang=${lang} aria-labelledby="window-title" @close=${this.#windows.onClose}>${win?.render(view) ?? nothing}</dialog>`;
  }
}
