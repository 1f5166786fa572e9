/** The confirmation window of *Solicitar backup*: its Idempotency-Key, its call, its retry. */
import type { ReactiveControllerHost } from 'lit';
import { BackupApiError, newIdempotencyKey, requestBackup, type ClientOptions } from './backup-api.js';
import type { Backup } from './backup-types.js';
import { ActionTask } from './action-task.js';

export interface RequestWindowCallbacks {
  client(signal: AbortSignal): ClientOptions;
  /** The server's clock. */
  now(): number;
  /** `201`: the backup was created. */
  requested(backup: Backup): void;
  /** `409 cooldown`: someone else was first; not an error. */
  cooledDown(nextRequestAt: string): void;
  failed(error: BackupApiError): void;
}

export class RequestWindow {
  readonly kind = 'request';
  /**
   * One per confirmation, kept for every retry of it (the automatic one after a 429 included):
   * whatever the answer was, even a 2xx whose body breaks the contract, a retry with the same key
   * cannot create a second backup. Closing the window drops it with the window.
   */
  readonly #key = newIdempotencyKey();
  readonly action: ActionTask<Backup>;

  constructor(host: ReactiveControllerHost, on: RequestWindowCallbacks) {
    this.action = new ActionTask(host, on.now, {
      call: (signal) => requestBackup(on.client(signal), this.#key),
      done: (backup) => on.requested(backup),
      failed: (error) => {
        // Someone else was first: not an error for the user (the window closes, the date shows).
        if (error.kind === 'cooldown') {
          on.cooledDown(error.nextRequestAt!);
          return 'handled';
        }
        on.failed(error);
        return undefined;
      },
    });
  }

  confirm = (): void => this.action.send();

  /** Closed: a request on the wire still reaches the server, so its outcome is still told (`finish`). */
  dispose(finish: boolean): void {
    this.action.dispose(finish);
  }
}
