/**
 * The server's clock, read from the `Date` header of its answers. Every rule of the product (the 28
 * days, the 10 days, a countdown) runs on it, because the device's clock may be hours or days off
 * and the backend decides by its own. Without a readable `Date` (a cross-origin backend that does
 * not expose it), the device's clock is the fallback.
 */

/** `Date` has whole seconds: the server made its answer somewhere in the second it names. */
const DATE_RESOLUTION_MS = 1000;

/**
 * The offsets (server minus device, ms) an answer allows: its `Date` was written after the request
 * left (`sentAt`, device time) and before the answer arrived (`receivedAt`), at some point of the
 * second it names. `null` when the header is missing or unreadable.
 */
export function offsetBounds(date: string | null | undefined, sentAt: number, receivedAt: number): [low: number, high: number] | null {
  // An IMF-fixdate (RFC 9110) always names its zone (GMT), so Date.parse reads it the same everywhere.
  const server = date ? Date.parse(date) : NaN;
  if (!Number.isFinite(server) || !(receivedAt >= sentAt)) return null;
  return [server - receivedAt, server + DATE_RESOLUTION_MS - sentAt];
}

export class ServerClock {
  #offset = 0;

  /** The server's time now (epoch ms). */
  now(): number {
    return Date.now() + this.#offset;
  }

  /**
   * Learns from one answer. The offset moves only when the answer proves it wrong, to the middle of
   * what the answer allows: answers a second apart do not make it jitter (and re-render the list).
   * Returns whether it moved.
   */
  observe(date: string | null | undefined, sentAt: number, receivedAt: number): boolean {
    const bounds = offsetBounds(date, sentAt, receivedAt);
    if (!bounds || (this.#offset >= bounds[0] && this.#offset <= bounds[1])) return false;
    this.#offset = Math.round((bounds[0] + bounds[1]) / 2);
    return true;
  }

  /** Another backend: nothing learnt of the previous one holds. */
  reset(): void {
    this.#offset = 0;
  }
}
