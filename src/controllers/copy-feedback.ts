/** The visible "Copiado" beside a copy button: which value was copied last, for a moment. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Timer } from './timer.js';

/** Long enough to be read, short enough not to linger beside the wrong button. */
const SHOWN_MS = 2500;

export class CopyFeedback implements ReactiveController {
  /** The label of the value copied last, while its feedback shows; `false` when copying failed. */
  copied?: { label: string; ok: boolean };
  readonly #host: ReactiveControllerHost;
  readonly #timer = new Timer();
  /** Told after each attempt (the element announces it too). */
  readonly #onCopied: (ok: boolean) => void;

  constructor(host: ReactiveControllerHost, onCopied: (ok: boolean) => void) {
    (this.#host = host).addController(this);
    this.#onCopied = onCopied;
  }

  /** Copies `text`, and says so beside the button labelled `label`. */
  copy = async (label: string, text: string): Promise<void> => {
    let ok = true;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      ok = false;
    }
    this.copied = { label, ok };
    this.#timer.start(SHOWN_MS, () => {
      this.copied = undefined;
      this.#host.requestUpdate();
    });
    this.#host.requestUpdate();
    this.#onCopied(ok);
  };

  hostDisconnected(): void {
    this.#timer.stop();
    this.copied = undefined;
  }
}
