/**
 * The list's whole life: load, poll, backoff, Retry-After, visibility, abort on disconnect, resume
 * on reconnect, and the clock tick that flips a row to *Expirado* or brings the button back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import { BackupApiError, listBackups, type ClientOptions } from './backup-api.js';
import { isPending, nextChange, withWrite, writeSettled, type PendingWrite } from './backup-rules.js';
import type { BackupList } from './backup-types.js';
import { Countdown, Timer } from './timer.js';

/** Polling backs off on errors, up to this. */
const MAX_BACKOFF_MS = 15 * 60_000;
/** Re-render at least this often, so "in N days" stays true on a page left open. */
const MAX_TICK_MS = 60 * 60_000;

export interface ListHost extends ReactiveControllerHost, HTMLElement {
  baseUrl: string;
  pollInterval: number;
}

export interface ListCallbacks {
  client(signal: AbortSignal): ClientOptions;
  /** A load succeeded; `before` is the list shown until now. */
  loaded(before: BackupList | undefined, after: BackupList): void;
  /** A load failed: the host tells the page (events); the controller keeps the error to show. */
  failed(error: BackupApiError): void;
}

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

export class ListController implements ReactiveController {
  /** The last failure, cleared by the next good load. */
  error?: BackupApiError;
  /** After a 429, when the next load is due (epoch ms). */
  retryAt?: number;
  /** Counts the instants the clock crossed: a key of the list's template (see the element's guard). */
  clock = 0;

  readonly #host: ListHost;
  readonly #on: ListCallbacks;
  /**
   * Task, wrapped: on error it clears `value`, but the last good list must stay on screen, so the
   * controller keeps it (`#list`); and `run()` while pending aborts and sends again, which is what a
   * newer load should do to an older one (a poll, a retry, a new base-url).
   */
  readonly #task: Task<[string], BackupList>;
  #list?: BackupList;
  /** The last answer as text: an unchanged poll is found by one comparison of strings. */
  #listJson?: string;
  #write?: PendingWrite;
  /** What the user sees: the last good list with a write it does not show yet (see withWrite). */
  #view?: BackupList;
  #failures = 0;
  #wasDisconnected = false;
  /** A background poll: it shows no busy state, and renders only what changed. */
  #quiet = false;
  readonly #poll = new Timer();
  readonly #tick = new Timer();
  readonly #countdown = new Countdown();

  constructor(host: ListHost, callbacks: ListCallbacks) {
    this.#host = host;
    this.#on = callbacks;
    host.addController(this);
    // Task asks its host for an update when a run starts and when it ends. A background poll whose
    // answer is unchanged must not touch the DOM, so the Task's host is the element behind a filter:
    // polls only update when the controller says so (#updateView, #failed).
    const taskHost = {
      addController: (controller: ReactiveController) => host.addController(controller),
      removeController: (controller: ReactiveController) => host.removeController(controller),
      requestUpdate: () => this.#quiet || host.requestUpdate(),
      get updateComplete() {
        return host.updateComplete;
      },
    };
    this.#task = new Task(taskHost, {
      args: () => [host.baseUrl],
      // Nothing to ask until the host says where the backend is.
      task: ([baseUrl], { signal }) => (baseUrl ? listBackups(callbacks.client(signal)) : initialState),
      onComplete: (list) => this.#loaded(list),
      onError: (error) => this.#failed(error),
    });
  }

  /** The list as shown, once one has loaded. */
  get list(): BackupList | undefined {
    return this.#view;
  }

  /** Whether a load the user asked for is under way (background polls are not shown). */
  get loading(): boolean {
    return this.#task.status === TaskStatus.PENDING && !this.#quiet;
  }

  /** Loads now, as the user asked (shown as busy); a load under way is aborted and sent again. */
  refresh(): Promise<void> {
    return this.#load(false);
  }

  async #load(quiet: boolean): Promise<void> {
    this.#poll.stop();
    if (!this.#host.baseUrl) return;
    this.#quiet = quiet;
    await this.#task.run();
  }

  /** A write the list may not show yet (a 201, a 409 cooldown): kept as a floor until the list catches up. */
  recordWrite(write: PendingWrite): void {
    this.#write = write;
    this.#updateView();
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    // A reconnect resumes where a disconnect stopped.
    if (this.#wasDisconnected) void this.refresh();
  }

  hostDisconnected(): void {
    this.#wasDisconnected = true;
    // The aborted run ends in Task's error state: quiet, so a detached element does not render it.
    this.#quiet = true;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#task.abort();
    this.#poll.stop();
    this.#tick.stop();
    this.#countdown.stop();
  }

  hostUpdated(): void {
    this.#scheduleTick();
  }

  #loaded(list: BackupList): void {
    const before = this.#view;
    const json = JSON.stringify(list);
    const unchanged = !!this.#list && !this.error && json === this.#listJson;
    this.#listJson = json;
    this.error = undefined;
    this.#failures = 0;
    // The same answer again keeps the list it had (the same object), so nothing is rendered again.
    if (!unchanged) {
      this.#list = list;
      this.#updateView();
    }
    // The next poll first: whatever the host does with the news, the list keeps its pace.
    this.#schedulePoll();
    if (!unchanged) this.#on.loaded(before, this.#view!);
  }

  #failed(error: unknown): void {
    if (isAbort(error)) return; // a disconnect: nothing to tell, nothing to schedule
    this.error = error instanceof BackupApiError ? error : new BackupApiError('invalid_response');
    this.#failures++;
    this.#on.failed(this.error);
    this.#host.requestUpdate();
    this.#schedulePoll();
  }

  #updateView(): void {
    const list = this.#list;
    if (this.#write && list && writeSettled(this.#write, list, Date.now())) this.#write = undefined;
    const write = this.#write;
    this.#view = list && write ? withWrite(list, write) : (list ?? (write && withWrite({ backups: [] }, write)));
    this.#host.requestUpdate();
  }

  #pending(): boolean {
    return this.#host.pollInterval > 0 && !!this.#view?.backups.some((b) => isPending(b, Date.now()));
  }

  /** Polls while something is pending and the page is visible; backs off on errors; waits out a 429. */
  #schedulePoll(): void {
    this.#poll.stop();
    this.#countdown.stop();
    this.retryAt = undefined;
    if (!this.#host.isConnected || document.hidden) return;
    const { error } = this;
    const delay =
      error?.kind === 'rate_limited'
        ? error.retryAfterMs!
        : // At least a second apart, whatever the attribute says: the backend is shared by every admin.
          this.#pending()
          ? Math.min(Math.max(this.#host.pollInterval, 1) * 1000 * 2 ** this.#failures, MAX_BACKOFF_MS)
          : -1;
    if (delay < 0) return;
    this.#poll.start(delay, () => void this.#load(true));
    if (error?.kind === 'rate_limited') {
      this.retryAt = Date.now() + delay;
      this.#countdown.start(this.retryAt, () => this.#host.requestUpdate());
    }
  }

  /** Re-renders at the next instant the screen changes by itself: the button comes back, a backup expires. */
  #scheduleTick(): void {
    const list = this.#view;
    if (!list || !this.#host.isConnected) return this.#tick.stop();
    const now = Date.now();
    const delay = Math.min((nextChange(list, now) ?? Infinity) - now, MAX_TICK_MS);
    // Rescheduled after every update; an unchanged instant keeps the timer it has.
    this.#tick.start(delay, this.#clockMoved);
  }

  #clockMoved = (): void => {
    this.clock++;
    this.#updateView();
  };

  #onVisibility = (): void => {
    if (document.hidden) return this.#poll.stop();
    // The clock may have jumped (sleep, a background tab): re-render, and catch up on polling.
    this.#clockMoved();
    if (this.#pending() && this.error?.kind !== 'rate_limited') void this.refresh();
    else this.#schedulePoll();
  };
}
