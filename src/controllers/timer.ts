/** setTimeout's largest delay (about 24.8 days); a longer one would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * One pending timeout with one owner: starting it again replaces what was pending, and stopping it
 * is all it takes to forget it. No two owners share one, so no owner can cancel another's promise.
 */
export class Timer {
  #id: ReturnType<typeof setTimeout> | undefined;

  start(delayMs: number, callback: () => void): void {
    this.stop();
    this.#id = setTimeout(() => {
      this.#id = undefined;
      callback();
    }, Math.min(delayMs, MAX_DELAY_MS)); // setTimeout takes a negative or NaN delay as 0
  }

  stop(): void {
    clearTimeout(this.#id);
    this.#id = undefined;
  }
}
