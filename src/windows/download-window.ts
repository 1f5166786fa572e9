/**
 * The download window: the terms, whose acceptance makes the call (a confirmation window, with its
 * retry), then the credentials, the key and known_hosts files.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { BackupApiError, issueDownload, type ClientOptions } from '../api/client.js';
import { instant } from '../core/rules.js';
import type { Backup, DownloadCredentials, HostKey } from '../core/types.js';
import type { OpenWindow } from '../controllers/window-controller.js';
import { chmodCommand, sftpCommand } from '../files/commands.js';
import { backupFileName, keyFileName, keyFileText } from '../files/key-file.js';
import { knownHostsFileName, knownHostsText } from '../files/known-hosts.js';
import { saveFile } from '../files/save-file.js';
import { ConfirmWindow } from './confirm-window.js';
import { frame, time, value, type Copier, type View } from '../templates/parts.js';

export interface DownloadWindowCallbacks {
  client(signal: AbortSignal): ClientOptions;
  /** The server's clock. */
  now(): number;
  issued(backup: Backup, credentials: DownloadCredentials): void;
  /** A file (the key, the known_hosts) was handed to the browser under this name. */
  saved(fileName: string, what: 'key' | 'known_hosts'): void;
  failed(error: BackupApiError): void;
  /** The copy buttons' action and feedback. */
  copier: Copier;
}

export class DownloadWindow implements OpenWindow {
  /** The terms and the call their acceptance makes, until the credentials come. */
  readonly #terms: ConfirmWindow<DownloadCredentials>;
  #accepted = false;
  /** Held only while the window is open: closing it drops this object, and the key with it. */
  #credentials?: DownloadCredentials;
  /** The file names the key and the known_hosts were saved as, so the window can say so. */
  #savedAs?: string;
  #knownHostsSavedAs?: string;
  readonly #backup: Backup;
  readonly #host: ReactiveControllerHost;
  readonly #on: DownloadWindowCallbacks;
  /** Revokes the key file's object URL (see saveFile). */
  #revokeKey = (): void => {};

  constructor(
    host: ReactiveControllerHost,
    backup: Backup,
    on: DownloadWindowCallbacks,
  ) {
    this.#backup = backup;
    this.#host = host;
    this.#on = on;
    this.#terms = new ConfirmWindow(host, {
      label: (t) => t.downloadConfirm,
      body: (view) => this.#termsView(view),
      allowed: () => this.#accepted,
      // The checkbox takes the focus.
      focusInBody: true,
      now: on.now,
      call: (signal) => issueDownload(on.client(signal), backup.id),
      done: (credentials) => {
        this.#credentials = credentials;
        on.issued(backup, credentials);
      },
      failed: (error) => on.failed(error),
      // Not ready or expired: nothing to retry; the window says so and only closing is left.
      final: ['not_ready', 'expired'],
    });
  }

  /** The call, whose failure the element shows as its error state. */
  get action(): OpenWindow['action'] {
    return this.#terms.action;
  }

  #accept = (event: Event): void => {
    this.#accepted = (event.target as HTMLInputElement).checked;
    this.#host.requestUpdate();
  };

  /** The `known_hosts` text for this server (v1.1 `hostKeys` with public keys), or `''` when there is none. */
  get #knownHosts(): string {
    const c = this.#credentials;
    return c ? knownHostsText(c.host, c.port, c.hostKeys) : '';
  }

  /** Saves the private key as a `.pem` file; its object URL goes when the window does, at the latest. */
  #saveKey = (): void => {
    if (!this.#credentials) return;
    this.#revokeKey();
    this.#savedAs = keyFileName(this.#backup);
    this.#revokeKey = saveFile(this.#savedAs, keyFileText(this.#credentials.privateKey), 'application/x-pem-file');
    this.#on.saved(this.#savedAs, 'key');
    this.#host.requestUpdate();
  };

  /** Saves the server's host keys as a `known_hosts` file, for `sftp -o StrictHostKeyChecking=yes`. */
  #saveKnownHosts = (): void => {
    const text = this.#knownHosts;
    if (!text) return;
    this.#knownHostsSavedAs = knownHostsFileName(this.#backup);
    saveFile(this.#knownHostsSavedAs, text, 'text/plain');
    this.#on.saved(this.#knownHostsSavedAs, 'known_hosts');
    this.#host.requestUpdate();
  };

  render(view: View): TemplateResult {
    const credentials = this.#credentials;
    return credentials ? frame(view, view.t.credentials, this.#credentialsView(view, credentials)) : this.#terms.render(view);
  }

  #termsView({ t }: View): TemplateResult {
    return html`<div class="terms" tabindex="0" role="region" aria-label=${t.downloadConfirm}>
        <slot name="terms"><p>${t.defaultTerms}</p></slot>
      </div>
      <label class="accept">
        <input type="checkbox" autofocus .checked=${this.#accepted} @change=${this.#accept} />
        ${t.accept}
      </label>`;
  }

  /** v1.1: the server's host keys, each fingerprint with its copy button, and the known_hosts file when there are public keys. */
  #hostKeysView(view: View, hostKeys: readonly HostKey[]): TemplateResult {
    const { t } = view;
    return html`<dl>${hostKeys.map((key) => value(view, `${t.fingerprint} (${key.type})`, key.fingerprint, this.#on.copier))}</dl>
      ${this.#knownHosts
        ? html`<p class="save">
            <button part="button" @click=${this.#saveKnownHosts}>${t.saveKnownHosts}</button>
            ${this.#knownHostsSavedAs ? html`<span>${t.fileSaved(this.#knownHostsSavedAs)}</span>` : nothing}
          </p>`
        : nothing}`;
  }

  #credentialsView(view: View, credentials: DownloadCredentials): TemplateResult {
    const { t } = view;
    const copier = this.#on.copier;
    const backup = this.#backup;
    const { host, port, username, path, expiresAt, hostKeys = [] } = credentials;
    const keyName = keyFileName(backup);
    const until = instant(expiresAt);
    // With the server's public keys, the command pins them: the user is never asked to trust a key
    // blindly. The command saves one file, under the name shown; what it cannot carry safely, it
    // refuses (files/commands.ts).
    const knownHostsFile = this.#knownHosts ? knownHostsFileName(backup) : undefined;
    const localFile = backupFileName(backup);
    const sftp = sftpCommand({ port, keyFile: keyName, user: username, host, path, localFile, ...(knownHostsFile && { knownHostsFile }) });
    return html`<dl>
        ${value(view, t.host, host, copier)} ${value(view, t.port, String(port), copier)} ${value(view, t.username, username, copier)}
        ${value(view, t.path, path, copier)}
      </dl>
      <p class="save">
        <button part="button" class="primary" @click=${this.#saveKey}>${t.saveKey}</button>
        ${this.#savedAs ? html`<span>${t.keySaved(this.#savedAs)}</span>` : nothing}
      </p>
      ${hostKeys?.length ? this.#hostKeysView(view, hostKeys) : nothing}
      ${typeof sftp === 'string'
        ? html`<p>${t.unsafeCommand} ${t[sftp]}.</p>`
        : html`<dl>${value(view, t.command, sftp.display, copier, true)} ${value(view, t.localFile, localFile, copier)}</dl>`}
      <p>${t.chmod}</p>
      <dl>${value(view, 'chmod', chmodCommand(keyName).display, copier, true)}</dl>
      <p>${t.guiClients}${hostKeys?.length ? html` ${t.compareFingerprint(hostKeys.map((k) => k.fingerprint).join(' / '))}` : nothing}</p>
      <p>${t.resume}</p>
      <p>${until === null ? t.credentialsWithBackup : html`${t.credentialsUntil} ${time(view, until, true)}.`}</p>`;
  }

  /** Closed: the key is forgotten, and a call on the wire with it (credentials nobody would see). */
  dispose(): void {
    this.#terms.dispose(false);
    this.#credentials = undefined;
    this.#revokeKey();
  }
}
