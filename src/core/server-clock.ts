/**
 * The server's clock, read from the `Date` header of its answers. Every rule of the product (the 28
 * days, the 10 days, a countdown) runs on it, because the device's clock may be hours or days off
 * and the backend decides by its own. Without a readable `Date` (a cross-origin backend that does
 * not expose it), the device's clock is the fallback.
 */

import { utc } from './rules.js';

/** `Date` has whole seconds: the server made its answer somewhere in the second it names. */
const DATE_RESOLUTION_MS = 1000;

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';
const month = (name: string): number => MONTHS.indexOf(name.toLowerCase()) / 3 + 1;

/**
 * Epoch ms of an HTTP date (RFC 9110 §5.6.7), in each of the three forms a recipient must accept,
 * all in GMT: `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT` and asctime's
 * `Sun Nov  6 08:49:37 1994` (which names no zone: Date.parse would read it as local time). `null`
 * for anything else.
 */
export function httpDate(value: string | null | undefined): number | null {
  const text = (value ?? '').trim();
  let parts = /^[a-z]{3}, (\d\d) ([a-z]{3}) (\d{4}) (\d\d):(\d\d):(\d\d) GMT$/i.exec(text);
  if (parts) return utc(+parts[3]!, month(parts[2]!), +parts[1]!, +parts[4]!, +parts[5]!, +parts[6]!);
  parts = /^[a-z]{6,9}, (\d\d)-([a-z]{3})-(\d\d) (\d\d):(\d\d):(\d\d) GMT$/i.exec(text);
  if (parts) {
    // A two-digit year more than 50 years ahead is the last century's (RFC 9110).
    const year = 2000 + +parts[3]!;
    return utc(year > new Date().getUTCFullYear() + 50 ? year - 100 : year, month(parts[2]!), +parts[1]!, +parts[4]!, +parts[5]!, +parts[6]!);
  }
  parts = /^[a-z]{3} ([a-z]{3}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\d{4})$/i.exec(text);
  if (parts) return utc(+parts[6]!, month(parts[1]!), +parts[2]!, +parts[3]!, +parts[4]!, +parts[5]!);
  return null;
}

/**
 * The offsets (server minus device, ms) an answer allows: its `Date` was written after the request
 * left (`sentAt`, device time) and before the answer arrived (`receivedAt`), at some point of the
 * second it names. `null` when the header is missing or unreadable.
 */
export function offsetBounds(date: string | null | undefined, sentAt: number, receivedAt: number): [low: number, high: number] | null {
  const server = httpDate(date);
  if (server === null || !(receivedAt >= sentAt)) return null;
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
