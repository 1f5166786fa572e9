/**
 * How long the element waits before it asks the backend again by itself. The backend is shared by
 * every administrator, so no answer of it (a `Retry-After: 0`, a 500 in a loop, a date in the past)
 * may make the element send more than a few requests a minute: every wait after a failure has a
 * floor, grows with each failure in a row, and carries jitter so that many tabs do not retry in step.
 */

/** No automatic request sooner than this after a failed answer. */
export const RETRY_FLOOR_MS = 10_000;
/** Waits after failures grow up to this. */
export const MAX_BACKOFF_MS = 15 * 60_000;
/** A `Retry-After` is obeyed up to this; a longer one is taken as broken (the user can still retry). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;
/** When a 429 names no usable `Retry-After`. */
export const DEFAULT_RETRY_AFTER_MS = 30_000;
/**
 * A hidden page polls (only to keep the `notify` promise) at most this often: Chrome throttles the
 * timers of a page hidden for 5 minutes to one wake-up a minute anyway, and a notification a minute
 * late is on time for a backup that took hours.
 */
export const HIDDEN_POLL_MS = 60_000;
/** Polls of a visible page are at least this far apart, whatever `poll-interval` says. */
export const MIN_POLL_MS = 1000;

/** The wait between two polls, `pollInterval` in seconds (0 means no polling: `null`). */
export function pollDelay(pollInterval: number, hidden: boolean): number | null {
  if (!(pollInterval > 0)) return null;
  return Math.max(pollInterval * 1000, hidden ? HIDDEN_POLL_MS : MIN_POLL_MS);
}

/** Stretched by up to a quarter at random (`random` in [0, 1)): never shorter, and many tabs do not retry in step. */
const stretch = (wait: number, random: number): number => Math.round(wait * (1 + random / 4));

/** At least `base` and the floor, doubled for each failure in a row before this one (`failures` ≥ 1), capped. */
const grown = (failures: number, base: number): number => Math.min(Math.max(base, RETRY_FLOOR_MS) * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);

/** The wait after the `failures`-th failure in a row (1 for the first), `base` the usual pace. */
export const backoff = (failures: number, base: number, random: number): number => stretch(grown(failures, base), random);

/**
 * The wait before the automatic retry of a rate-limited call: what the backend asked
 * (`retryAfterMs`, already read against its own `Date`; `undefined` when it asked nothing usable),
 * never below the backoff, never above {@link MAX_RETRY_AFTER_MS}.
 */
export const rateLimitDelay = (retryAfterMs: number | undefined, failures: number, random: number): number =>
  Math.min(stretch(Math.max(retryAfterMs ?? DEFAULT_RETRY_AFTER_MS, grown(failures, RETRY_FLOOR_MS)), random), MAX_RETRY_AFTER_MS);
