/** The confirmation window of *Cancelar solicitação* (contract v1.1): the backup it is about, and its call. */
import type { ReactiveControllerHost } from 'lit';
import { BackupApiError, cancelBackup, type ClientOptions } from './backup-api.js';
import type { Backup } from './backup-types.js';
import { ActionTask } from './action-task.js';

export interface CancelWindowCallbacks {
  client(signal: AbortSignal): ClientOptions;
  /** The server's clock. */
  now(): number;
  /** `200`: the request is now cancelled. */
  cancelled(backup: Backup): void;
  failed(error: BackupApiError): void;
}

export class CancelWindow {
  readonly kind = 'cancel';
  readonly action: ActionTask<Backup>;

  constructor(
    host: ReactiveControllerHost,
    readonly backup: Backup,
    on: CancelWindowCallbacks,
  ) {
    this.action = new ActionTask(host, on.now, {
      call: (signal) => cancelBackup(on.client(signal), backup.id),
      done: (cancelled) => on.cancelled(cancelled),
      failed: (error) => on.failed(error),
    });
  }

  /** `409 not_cancellable`: the cloud team has started; only closing is left. */
  get final(): boolean {
    return this.action.error?.kind === 'not_cancellable';
  }

  confirm = (): void => {
    if (!this.final) this.action.send();
  };

  /** Closed: a cancellation on the wire still reaches the server, so its outcome is still told (`finish`). */
  dispose(finish: boolean): void {
    this.action.dispose(finish);
  }
}
