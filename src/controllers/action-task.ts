/**
 * The call of an open window, on @lit/task. Two wrappers on Task's semantics, and why:
 * - `run()` while pending aborts the call and sends it again; a double click must send one request,
 *   so `send()` does nothing while a call is under way.
 * - Task adds itself to its host for good; a window's call must go with its window, so `dispose()`
 *   removes it from the host, once the call is over.
 * After a 429 the same call is sent again once the wait has passed (`Retry-After`, never below the
 * floor of core/waits.ts, longer after each 429 in a row), by the action's own timer: closing the
 * window cancels it, and nothing else can.
 */
import type { ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { BackupApiError } from '../api/client.js';
import { rateLimitDelay } from '../core/waits.js';
import { Timer } from './timer.js';

export interface ActionCallbacks<T> {
  call(signal: AbortSignal): Promise<T>;
  done(value: T): void;
  /** `'handled'`: the window took the answer as no failure (a 409 cooldown): nothing is shown or retried. */
  failed(error: BackupApiError): void | 'handled';
}

export class ActionTask<T> {
  /** The last failure, until the next call. */
  error?: BackupApiError;
  /** When the automatic retry after a 429 is due (server time, epoch ms), while one is: counted down on screen by the clock. */
  retryAt?: number;

  readonly #host: ReactiveControllerHost;
  readonly #task: Task<[], T>;
  readonly #retry = new Timer();
  /** 429s in a row: each makes the next wait longer. */
  #rateLimited = 0;
  /** The window is gone: nothing is shown any more. */
  #closed = false;
  /** …and neither is the outcome of a call still on the wire reported. */
  #forgotten = false;
  /** A call is on the wire (Task still says PENDING while it reports the outcome). */
  #inFlight = false;

  /** `now`: the server's clock. */
  constructor(host: ReactiveControllerHost, now: () => number, { call, done, failed }: ActionCallbacks<T>) {
    this.#host = host;
    this.#task = new Task<[], T>(host, {
      autoRun: false,
      task: (_args, { signal }) => call(signal),
      onComplete: (value) => {
        this.#inFlight = false;
        this.#rateLimited = 0;
        if (!this.#forgotten) done(value);
        this.#release();
      },
      onError: (error) => {
        this.#inFlight = false;
        this.#release();
        if (this.#forgotten) return; // aborted: nobody is told anything
        const failure = error instanceof BackupApiError ? error : new BackupApiError('invalid_response');
        if (failed(failure) === 'handled' || this.#closed) return;
        this.error = failure;
        if (failure.kind === 'rate_limited') {
          const wait = rateLimitDelay(failure.retryAfterMs, ++this.#rateLimited, Math.random());
          this.retryAt = now() + wait;
          this.#retry.start(wait, () => this.send());
        } else this.#rateLimited = 0;
      },
    });
  }

  get busy(): boolean {
    return this.#inFlight;
  }

  /** Sends the call, unless one is under way. */
  send(): void {
    if (this.busy || this.#closed) return;
    this.#retry.stop();
    this.error = this.retryAt = undefined;
    this.#inFlight = true;
    void this.#task.run();
  }

  /**
   * The window closed: its retry is forgotten. A call on the wire is aborted, unless `finish`: a
   * write the server may carry out anyway (a request, a cancellation) goes on, and its outcome is
   * still reported, so that the page shows what the server did. Returns whether it goes on.
   */
  dispose(finish = false): boolean {
    this.#closed = true;
    this.#retry.stop();
    if (finish && this.busy) return true;
    this.#forgotten = true;
    this.#task.abort();
    this.#release();
    return false;
  }

  /** A closed window's Task leaves its host once its call is over. */
  #release(): void {
    if (this.#closed && !this.busy) this.#host.removeController(this.#task);
  }
}
