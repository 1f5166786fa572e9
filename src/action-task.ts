/**
 * The call of an open window, on @lit/task. Two wrappers on Task's semantics, and why:
 * - `run()` while pending aborts the call and sends it again; a double click must send one request,
 *   so `send()` does nothing while a call is under way.
 * - Task adds itself to its host for good; a window's call must go with its window, so `dispose()`
 *   aborts it and removes it from the host.
 * After a 429 the same call is sent again once `Retry-After` has passed, by the action's own timer:
 * closing the window (dispose) cancels it, and nothing else can.
 */
import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { BackupApiError } from './backup-api.js';
import { Countdown, Timer } from './timer.js';

export interface ActionCallbacks<T> {
  call(signal: AbortSignal): Promise<T>;
  done(value: T): void;
  /** `'handled'`: the window took the answer as no failure (a 409 cooldown): nothing is shown or retried. */
  failed(error: BackupApiError): void | 'handled';
}

export class ActionTask<T> {
  /** The last failure, until the next call. */
  error?: BackupApiError;
  /** When the automatic retry after a 429 is due (epoch ms), while one is. */
  retryAt?: number;

  readonly #host: ReactiveControllerHost;
  readonly #task: Task<[], T>;
  readonly #retry = new Timer();
  /** Re-renders once a second while the retry is waited for, so the wait counts down on screen. */
  readonly #countdown = new Countdown();
  #disposed = false;

  constructor(host: ReactiveControllerHost, { call, done, failed }: ActionCallbacks<T>) {
    this.#host = host;
    this.#task = new Task<[], T>(host, {
      autoRun: false,
      task: (_args, { signal }) => call(signal),
      onComplete: (value) => this.#disposed || done(value),
      onError: (error) => {
        if (this.#disposed) return; // aborted by closing: nobody is told anything
        const failure = error instanceof BackupApiError ? error : new BackupApiError('invalid_response');
        if (failed(failure) === 'handled') return;
        this.error = failure;
        if (failure.kind === 'rate_limited') {
          const wait = failure.retryAfterMs!;
          this.retryAt = Date.now() + wait;
          this.#retry.start(wait, () => this.send());
          this.#countdown.start(this.retryAt, () => host.requestUpdate());
        }
      },
    });
  }

  get busy(): boolean {
    return this.#task.status === TaskStatus.PENDING;
  }

  /** Sends the call, unless one is under way. */
  send(): void {
    if (this.busy || this.#disposed) return;
    this.#retry.stop();
    this.#countdown.stop();
    this.error = this.retryAt = undefined;
    void this.#task.run();
  }

  /** The window closed: its call is aborted, its retry forgotten. */
  dispose(): void {
    this.#disposed = true;
    this.#retry.stop();
    this.#countdown.stop();
    this.#task.abort();
    this.#host.removeController(this.#task);
  }
}
