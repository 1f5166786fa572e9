/**
 * The open window: at most one, shown in the element's one `<dialog>` with `showModal()`. Opening
 * one drops the one before; every way it closes (its button, Escape, the element leaving the page)
 * drops its object, with its call, its key and its timers, and gives focus back.
 */
import type { ReactiveController, ReactiveElement } from 'lit';

/** What every window object has: a kind for the template, and what closing must forget. */
export interface OpenWindow {
  readonly kind: string;
  dispose(): void;
}

export class WindowController<W extends OpenWindow> implements ReactiveController {
  /** The open window, if any. */
  current?: W;
  readonly #host: ReactiveElement;
  /** Told after a window was dropped (the element may want to look at the list again). */
  readonly #dropped: (win: W) => void;
  #opener?: HTMLElement;

  constructor(host: ReactiveElement, dropped: (win: W) => void) {
    (this.#host = host).addController(this);
    this.#dropped = dropped;
  }

  get #dialog(): HTMLDialogElement | null | undefined {
    return this.#host.renderRoot?.querySelector('dialog');
  }

  /** Opens `win`, from the control the user clicked (focus returns there). */
  async open(win: W, event: Event): Promise<void> {
    this.#drop();
    this.#opener = event.currentTarget as HTMLElement;
    this.current = win;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const dialog = this.#dialog;
    if (dialog && !dialog.open) dialog.showModal();
  }

  close = (): void => this.#dialog?.close();

  /** The dialog's `close` event, however it closed. */
  onClose = async (): Promise<void> => {
    // The close event is queued: when it arrives after a window was opened again, it is stale.
    if (this.#dialog?.open) return;
    this.#drop();
    const opener = this.#opener;
    this.#opener = undefined;
    // Focus goes back to what opened the window once the page is no longer inert; when that is now
    // disabled (a request was just made), to the line that says until when.
    await this.#host.updateComplete;
    if (opener?.isConnected && !(opener as HTMLButtonElement).disabled) opener.focus();
    else if (this.#host.isConnected) this.#host.renderRoot.querySelector<HTMLElement>('#next-request')?.focus();
  };

  /** Removed from the page: the window closes and forgets (a detached element may be kept alive by the host, and an open dialog would show again on reconnect). */
  hostDisconnected(): void {
    this.#drop();
    this.#dialog?.close();
  }

  #drop(): void {
    const win = this.current;
    this.current = undefined;
    if (!win) return;
    win.dispose();
    this.#dropped(win);
    this.#host.requestUpdate();
  }
}
