/**
 * The open window: at most one, shown in the element's one `<dialog>` with `showModal()`. Opening
 * one drops the one before; every way it closes (its button, Escape, the element leaving the page,
 * another backend) drops its object, with its call, its key and its timers, and gives focus back to
 * a control the user can see and that has a name.
 */
import type { ReactiveController, ReactiveElement, TemplateResult } from 'lit';
import type { BackupApiError } from '../api/client.js';
import type { View } from '../templates/parts.js';

/** What every window object has: its template, its call's failure, and what closing must forget. */
export interface OpenWindow {
  render(view: View): TemplateResult;
  /** Its call: the failure shown, whether it is on the wire, and when a 429's retry is due (the clock counts it down). */
  readonly action: { readonly error?: BackupApiError | undefined; readonly busy: boolean; readonly retryAt?: number | undefined };
  /** `finish`: a write on the wire may go on (the user closed it); `false`: everything stops. `true` when a write goes on. */
  dispose(finish: boolean): boolean | void;
}

/** A control that can take the focus: on the page, enabled, rendered. */
const focusable = (control: HTMLElement | null | undefined): control is HTMLElement =>
  !!control?.isConnected && !(control as HTMLButtonElement).disabled && (control.checkVisibility?.() ?? true);

export class WindowController<W extends OpenWindow> implements ReactiveController {
  /** The open window, if any. */
  current?: W;
  readonly #host: ReactiveElement;
  /** Where the focus goes when the control that opened the window is gone or disabled, in order. */
  readonly #fallbacks: () => (HTMLElement | null | undefined)[];
  #opener?: HTMLElement;
  /** Closed windows whose write goes on: another backend abandons them too. */
  readonly #finishing = new Set<W>();

  constructor(host: ReactiveElement, fallbacks: () => (HTMLElement | null | undefined)[]) {
    (this.#host = host).addController(this);
    this.#fallbacks = fallbacks;
  }

  get #dialog(): HTMLDialogElement | null | undefined {
    return this.#host.renderRoot?.querySelector('dialog');
  }

  /** Opens `win`, from the control the user clicked (focus returns there). */
  async open(win: W, event: Event): Promise<void> {
    this.#drop(true);
    this.#opener = event.currentTarget as HTMLElement;
    this.current = win;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const dialog = this.#dialog;
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** Closes `win` if it is still the open one (its call may answer after the user moved on). */
  close = (win: W): void => {
    if (this.current === win) this.#dialog?.close();
  };

  /** Another backend: the window closes, and a call of its on the wire is abandoned, as is a closed one's write. */
  forget(): void {
    for (const win of this.#finishing) win.dispose(false);
    this.#finishing.clear();
    this.#drop(false);
    this.#dialog?.close();
  }

  /** The dialog's `close` event, however it closed. */
  onClose = async (): Promise<void> => {
    // The close event is queued: when it arrives after a window was opened again, it is stale.
    if (this.#dialog?.open) return;
    this.#drop(true);
    const opener = this.#opener;
    this.#opener = undefined;
    // Focus goes back once the page is no longer inert: to what opened the window, else (it is gone,
    // or disabled now that a request was made) to the first of the fallbacks that can take it. A
    // row's button is found by its name, which says its backup: rows are not keyed, so the element
    // that opened the window may show another backup's button by now.
    const name = opener?.getAttribute('aria-label');
    await this.#host.updateComplete;
    if (!this.#host.isConnected) return;
    const same = name ? [...this.#host.renderRoot.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === name) : opener;
    [same, ...this.#fallbacks()].find(focusable)?.focus();
  };

  /** The focus on a page's control that a render disabled (the request button, once the list shows a request) goes to a fallback. */
  hostUpdated(): void {
    const active = (this.#host.renderRoot as ShadowRoot).activeElement as HTMLButtonElement | null;
    if (!this.current && active?.disabled) this.#fallbacks().find(focusable)?.focus();
  }

  /** Removed from the page: the window closes and forgets (a detached element may be kept alive by the host, and an open dialog would show again on reconnect). */
  hostDisconnected(): void {
    this.forget();
  }

  #drop(finish: boolean): void {
    const win = this.current;
    this.current = undefined;
    if (!win) return;
    for (const done of this.#finishing) if (!done.action.busy) this.#finishing.delete(done);
    if (win.dispose(finish)) this.#finishing.add(win);
    this.#host.requestUpdate();
  }
}
