/**
 * The list's whole life: load, poll, backoff, Retry-After, visibility, abort on disconnect, resume
 * on reconnect. A new `base-url` or `fetch` starts a new life: another backend (another tenant, or
 * another session), of which nothing old may show.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import { BackupApiError, listBackups, type ClientOptions } from '../api/client.js';
import { isPending, withWrite, writeSettled, type PendingWrite } from '../core/rules.js';
import type { BackupList } from '../core/types.js';
import { backoff, pollDelay, rateLimitDelay } from '../core/waits.js';
import type { ClockController } from './clock-controller.js';
import { Timer } from './timer.js';

export interface ListHost extends ReactiveControllerHost, HTMLElement {
  baseUrl: string;
  /** Its identity matters: a new function is a new session. */
  fetch: unknown;
  pollInterval: number;
}

export interface ListCallbacks {
  client(signal: AbortSignal): ClientOptions;
  /** Whether to keep watching while the page is hidden (the host promised a notification). */
  watchHidden(): boolean;
  /** A load succeeded; `before` is the list shown until now (`undefined` on a backend's first). */
  loaded(before: BackupList | undefined, after: BackupList): void;
  /** A load failed: the host tells the page (events); the controller keeps the error to show. */
  failed(error: BackupApiError): void;
  /** Another backend: the host forgets what it kept of the old one (windows, notices). */
  reset(): void;
}

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

export class ListController implements ReactiveController {
  /** The last failure, cleared by the next good load. */
  error?: BackupApiError;
  /** After a 429, when the next load is due (server time, epoch ms). */
  retryAt?: number;

  readonly #host: ListHost;
  readonly #clock: ClockController;
  readonly #on: ListCallbacks;
  /**
   * Task, wrapped: on error it clears `value`, but the last good list must stay on screen, so the
   * controller keeps it (`#list`); and `run()` while pending aborts and sends again, which is what a
   * newer load should do to an older one (a poll, a retry, a new base-url).
   */
  readonly #task: Task<[string, unknown], BackupList>;
  #list?: BackupList;
  /** The last answer as text: an unchanged poll is found by one comparison of strings. */
  #listJson?: string;
  #write?: PendingWrite;
  /** What the user sees: the last good list with a write it does not show yet (see withWrite). */
  #view?: BackupList;
  #failures = 0;
  /** Drawn once per failure, so a wait rescheduled (a page shown again) keeps its length. */
  #jitter = 0;
  /** When the last answer came (device time): the pace of polls and retries counts from it. */
  #answeredAt = 0;
  /** What this life is about, and the pace it was scheduled with. */
  #backend?: [string, unknown];
  #paced?: [number, boolean];
  #wasDisconnected = false;
  /** The device's clock jumped while the page was hidden: the server's time is learnt again on show. */
  #stale = false;
  /** A background poll: it shows no busy state, and renders only what changed. */
  #quiet = false;
  readonly #poll = new Timer();

  constructor(host: ListHost, clock: ClockController, callbacks: ListCallbacks) {
    this.#host = host;
    this.#clock = clock;
    this.#on = callbacks;
    // Before the Task: a new backend is forgotten (hostUpdate) before the Task loads it.
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
      args: () => [host.baseUrl, host.fetch],
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

  /** A write the list may not show yet (a 201, a 409 cooldown): kept as a floor until the list catches up. */
  recordWrite(write: PendingWrite): void {
    this.#write = write;
    this.#updateView();
  }

  /**
   * The device's clock jumped, or it slept: the server's time is learnt again with a quiet load.
   * After a failure, the retry (or the user's) learns it: nothing is sent sooner than its wait.
   */
  resync(): void {
    if (document.hidden) this.#stale = true;
    else if (this.#task.status !== TaskStatus.PENDING && !this.error) void this.#load(true);
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
  }

  hostUpdate(): void {
    const { baseUrl, fetch, pollInterval } = this.#host;
    const [oldUrl, oldFetch] = this.#backend ?? [baseUrl, fetch];
    this.#backend = [baseUrl, fetch];
    if (baseUrl !== oldUrl || fetch !== oldFetch) this.#forget();
    // `poll-interval` and `notify` take effect at once, counted from the last answer.
    const watching = this.#on.watchHidden();
    const [oldInterval, oldWatching] = this.#paced ?? [pollInterval, watching];
    this.#paced = [pollInterval, watching];
    if ((pollInterval !== oldInterval || watching !== oldWatching) && this.#task.status !== TaskStatus.PENDING) this.#schedulePoll();
  }

  /** Another backend: its list, its pending write, its error, its clock and the old one's polls all go. */
  #forget(): void {
    this.#list = this.#listJson = this.#write = this.#view = this.error = this.retryAt = undefined;
    this.#failures = 0;
    this.#stale = false;
    // The new backend's first load is one the user waits for, whatever the last poll was.
    this.#quiet = false;
    this.#poll.stop();
    this.#clock.server.reset();
    this.#on.reset();
  }

  async #load(quiet: boolean): Promise<void> {
    this.#poll.stop();
    if (!this.#host.baseUrl) return;
    this.#quiet = quiet;
    await this.#task.run();
  }

  #loaded(list: BackupList): void {
    const before = this.#view;
    const json = JSON.stringify(list);
    const unchanged = !!this.#list && !this.error && json === this.#listJson;
    this.#listJson = json;
    this.error = undefined;
    this.#failures = 0;
    this.#answeredAt = Date.now();
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
    this.#jitter = Math.random();
    this.#answeredAt = Date.now();
    this.#on.failed(this.error);
    this.#host.requestUpdate();
    this.#schedulePoll();
  }

  #updateView(): void {
    const list = this.#list;
    if (this.#write && list && writeSettled(this.#write, list, this.#clock.now())) this.#write = undefined;
    const write = this.#write;
    this.#view = list && write ? withWrite(list, write) : (list ?? (write && withWrite({ backups: [] }, write)));
    this.#host.requestUpdate();
  }

  /**
   * The next automatic load (core/waits.ts says how long): a poll while something is pending, a
   * retry after a failure, the wait a 429 asked for; while the page is hidden, only to keep the
   * `notify` promise. Counted from the last answer, so a page shown again catches up at once.
   */
  #schedulePoll(): void {
    this.#poll.stop();
    this.retryAt = undefined;
    const hidden = document.hidden;
    if (!this.#host.isConnected || (hidden && !this.#on.watchHidden())) return;
    const { error } = this;
    const now = this.#clock.now();
    const pace = this.#view?.backups.some((b) => isPending(b, now)) ? pollDelay(this.#host.pollInterval, hidden) : null;
    const delay =
      error?.kind === 'rate_limited'
        ? rateLimitDelay(error.retryAfterMs, this.#failures, this.#jitter)
        : error && pace !== null
          ? backoff(this.#failures, pace, this.#jitter)
          : pace;
    if (delay === null) return;
    // Never longer than the delay itself: a device clock set back does not hold the next load back.
    const wait = Math.min(delay, Math.max(0, this.#answeredAt + delay - Date.now()));
    // Overdue (a page shown again after the pace passed): at once, not behind a timer.
    if (wait === 0) queueMicrotask(() => void this.#load(true));
    else this.#poll.start(wait, () => void this.#load(true));
    // Counted down on screen by the clock (see the element's nextRedraw).
    if (error?.kind === 'rate_limited') this.retryAt = now + wait;
  }

  #onVisibility = (): void => {
    if (!document.hidden) {
      // The clock may have jumped meanwhile (sleep, a background tab): the screen is drawn for now.
      this.#clock.moved();
      // After a failure, the retry learns the server's time again: it is scheduled below.
      if (this.#stale && !this.error) {
        this.#stale = false;
        return this.resync();
      }
    }
    this.#schedulePoll();
  };
}
