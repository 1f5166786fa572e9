/**
 * A confirmation window: *Solicitar backup*, *Cancelar solicitação* (contract v1.1) and the download
 * terms (*Baixar backup*). Its title is also the label of its confirming button, as the article
 * says; after a failure that button retries, unless the failure is final (only closing is left). Its
 * call, and whatever that call needs (the request's Idempotency-Key), go when it closes, except a
 * write on the wire, which is finished.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ApiErrorKind, BackupApiError } from '../api/client.js';
import { ActionTask } from '../controllers/action-task.js';
import type { OpenWindow } from '../controllers/window-controller.js';
import type { Strings } from '../i18n/resolve.js';
import { errorMessage, frame, type View } from '../templates/parts.js';

export interface ConfirmOptions<T> {
  /** The title, and the confirming button's label. */
  label(t: Strings): string;
  /** What the user is asked to confirm. */
  body(view: View): TemplateResult;
  /** The server's clock (for a 429's countdown). */
  now(): number;
  call(signal: AbortSignal): Promise<T>;
  done(value: T): void;
  /** `'handled'`: not a failure for this window (a 409 cooldown): nothing is shown or retried. */
  failed(error: BackupApiError): void | 'handled';
  /** Failures after which only closing is left (the cloud team has started: `not_cancellable`). */
  final?: readonly ApiErrorKind[];
  /** Whether the user may confirm yet (the download terms: once accepted); always, without it. */
  allowed?(): boolean;
  /** The body holds the control that takes the focus when the window opens (its own `autofocus`); otherwise *Fechar* does. */
  focusInBody?: boolean;
}

export class ConfirmWindow<T> implements OpenWindow {
  readonly action: ActionTask<T>;
  readonly #options: ConfirmOptions<T>;

  constructor(host: ReactiveControllerHost, options: ConfirmOptions<T>) {
    this.#options = options;
    this.action = new ActionTask(host, options.now, options);
  }

  /** Nothing is left to retry, only closing. */
  get #final(): boolean {
    const kind = this.action.error?.kind;
    return !!kind && !!this.#options.final?.includes(kind);
  }

  /** Whether the confirming button can do anything: not after a final failure, nor before the user may. */
  get #enabled(): boolean {
    return !this.#final && this.#options.allowed?.() !== false;
  }

  #confirm = (): void => {
    if (this.#enabled) this.action.send();
  };

  render(view: View): TemplateResult {
    const { error, busy, retryAt } = this.action;
    const { label, body, focusInBody } = this.#options;
    const title = label(view.t);
    // The confirming button is busy while the call is on the wire.
    return frame(
      view,
      title,
      html`${body(view)}${error ? errorMessage(view, error, undefined, '', retryAt) : nothing}`,
      html`<button type="button" part="button" class="primary" ?disabled=${busy || !this.#enabled} aria-busy=${busy} @click=${this.#confirm}>
        ${error && !this.#final ? view.t.retry : title}
      </button>`,
      !focusInBody,
    );
  }

  /** Closed: a write on the wire still reaches the server, so its outcome is still told (`finish`). */
  dispose(finish: boolean): boolean {
    return this.action.dispose(finish);
  }
}
