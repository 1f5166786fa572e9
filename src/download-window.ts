/** The download window: the terms' acceptance, the call, the credentials, the key and known_hosts files, its retry. */
import type { ReactiveControllerHost } from 'lit';
import { BackupApiError, issueDownload, type ClientOptions } from './backup-api.js';
import type { Backup, DownloadCredentials } from './backup-types.js';
import { keyFileName, keyFileText } from './key-file.js';
import { ActionTask } from './action-task.js';
import { knownHostsFileName, knownHostsText } from './known-hosts.js';
import { saveFile } from './save-file.js';

export interface DownloadWindowCallbacks {
  client(signal: AbortSignal): ClientOptions;
  /** The server's clock. */
  now(): number;
  issued(backup: Backup, credentials: DownloadCredentials): void;
  /** A file (the key, the known_hosts) was handed to the browser under this name. */
  saved(fileName: string, what: 'key' | 'known_hosts'): void;
  failed(error: BackupApiError): void;
}

export class DownloadWindow {
  readonly kind = 'download';
  accepted = false;
  /** Held only while the window is open: closing it drops this object, and the key with it. */
  credentials?: DownloadCredentials;
  /** The file names the key and the known_hosts were saved as, so the window can say so. */
  savedAs?: string;
  knownHostsSavedAs?: string;
  readonly action: ActionTask<DownloadCredentials>;
  readonly #host: ReactiveControllerHost;
  readonly #on: DownloadWindowCallbacks;
  /** Revokes the key file's object URL (see saveFile). */
  #revokeKey = (): void => {};

  constructor(
    host: ReactiveControllerHost,
    readonly backup: Backup,
    on: DownloadWindowCallbacks,
  ) {
    this.#host = host;
    this.#on = on;
    this.action = new ActionTask(host, on.now, {
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

  /** The `known_hosts` text for this server (v1.1 `hostKeys` with public keys), or `''` when there is none. */
  get knownHosts(): string {
    const c = this.credentials;
    return c ? knownHostsText(c.host, c.port, c.hostKeys) : '';
  }

  /** Saves the private key as a `.pem` file; its object URL goes when the window does, at the latest. */
  saveKey = (): void => {
    if (!this.credentials) return;
    this.#revokeKey();
    this.savedAs = keyFileName(this.backup);
    this.#revokeKey = saveFile(this.savedAs, keyFileText(this.credentials.privateKey), 'application/x-pem-file');
    this.#on.saved(this.savedAs, 'key');
    this.#host.requestUpdate();
  };

  /** Saves the server's host keys as a `known_hosts` file, for `sftp -o StrictHostKeyChecking=yes`. */
  saveKnownHosts = (): void => {
    const text = this.knownHosts;
    if (!text) return;
    this.knownHostsSavedAs = knownHostsFileName(this.backup);
    saveFile(this.knownHostsSavedAs, text, 'text/plain');
    this.#on.saved(this.knownHostsSavedAs, 'known_hosts');
    this.#host.requestUpdate();
  };

  /** Closed: the key is forgotten, and a call on the wire with it (credentials nobody would see). */
  dispose(): void {
    this.action.dispose();
    this.credentials = undefined;
    this.#revokeKey();
  }
}
