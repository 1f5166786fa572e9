/** The download window: the terms' acceptance, the call, the credentials, the key file, its retry. */
import type { ReactiveControllerHost } from 'lit';
import { BackupApiError, issueDownload, type ClientOptions } from './backup-api.js';
import type { Backup, DownloadCredentials } from './backup-types.js';
import { keyFileName, keyFileText } from './key-file.js';
import { ActionTask } from './action-task.js';

export interface DownloadWindowCallbacks {
  client(signal: AbortSignal): ClientOptions;
  issued(backup: Backup, credentials: DownloadCredentials): void;
  /** The key was handed to the browser as this file. */
  saved(fileName: string): void;
  failed(error: BackupApiError): void;
}

export class DownloadWindow {
  readonly kind = 'download';
  accepted = false;
  /** Held only while the window is open: closing it drops this object, and the key with it. */
  credentials?: DownloadCredentials;
  /** The file name the key was last saved as, so the window can say so. */
  savedAs?: string;
  readonly action: ActionTask<DownloadCredentials>;
  readonly #host: ReactiveControllerHost;
  readonly #on: DownloadWindowCallbacks;
  #keyUrl?: string;

  constructor(
    host: ReactiveControllerHost,
    readonly backup: Backup,
    on: DownloadWindowCallbacks,
  ) {
    this.#host = host;
    this.#on = on;
    this.action = new ActionTask(host, {
      call: (signal) => issueDownload(on.client(signal), backup.id),
      done: (credentials) => {
        this.credentials = credentials;
        on.issued(backup, credentials);
      },
      failed: (error) => on.failed(error),
    });
  }

  /** Not ready or expired: final for this window; only closing is left. */
  get final(): boolean {
    const kind = this.action.error?.kind;
    return kind === 'not_ready' || kind === 'expired';
  }

  accept = (event: Event): void => {
    this.accepted = (event.target as HTMLInputElement).checked;
    this.#host.requestUpdate();
  };

  confirm = (): void => {
    if (this.accepted && !this.final) this.action.send();
  };

  /** Saves the private key as a `.pem` file; the object URL lives only as long as the click. */
  saveKey = (): void => {
    if (!this.credentials) return;
    this.#forgetKey();
    const url = (this.#keyUrl = URL.createObjectURL(new Blob([keyFileText(this.credentials.privateKey)], { type: 'application/x-pem-file' })));
    const link = document.createElement('a');
    link.href = url;
    link.download = this.savedAs = keyFileName(this.backup);
    link.click();
    this.#on.saved(this.savedAs);
    this.#host.requestUpdate();
    // The browser has taken the file once the click is handled; the URL must not outlive that.
    setTimeout(() => url === this.#keyUrl && this.#forgetKey(), 1000);
  };

  dispose(): void {
    this.action.dispose();
    this.credentials = undefined;
    this.#forgetKey();
  }

  #forgetKey(): void {
    if (this.#keyUrl) URL.revokeObjectURL(this.#keyUrl);
    this.#keyUrl = undefined;
  }
}
