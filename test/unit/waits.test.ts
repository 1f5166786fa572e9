/**
 * core/waits.ts: how long the element waits before it asks the backend again by itself. Pure
 * functions of counts and a random number: the floors, the doubling, the caps, the jitter (which
 * never shortens a wait), and a Retry-After obeyed within the floor and the cap.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  DEFAULT_RETRY_AFTER_MS,
  HIDDEN_POLL_MS,
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  MIN_POLL_MS,
  RETRY_FLOOR_MS,
  backoff,
  pollDelay,
  rateLimitDelay,
} from '../../src/core/waits.js';

/** Random numbers as Math.random gives them: [0, 1). */
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
/** Failures in a row: the first, a few, and far more than it takes to reach the cap. */
const failures = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 10_000 }));
/** The usual pace (ms): 0 (no polling), a poll interval, a hidden page's minute, something huge. */
const pace = fc.oneof(fc.constantFrom(0, MIN_POLL_MS, RETRY_FLOOR_MS, HIDDEN_POLL_MS), fc.integer({ min: 0, max: 2 * MAX_BACKOFF_MS }));
/** What a Retry-After may ask (already in ms), or nothing usable. */
const asked = fc.option(fc.oneof(fc.constantFrom(0, 1000, RETRY_FLOOR_MS - 1, RETRY_FLOOR_MS, MAX_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS + 1), fc.nat({ max: 3 * MAX_RETRY_AFTER_MS })), {
  nil: undefined,
});

describe('waits: the policy holds together', () => {
  it('the floor is above the fastest poll and the default wait above the floor; the caps are above both', () => {
    expect(RETRY_FLOOR_MS).to.be.above(MIN_POLL_MS);
    expect(DEFAULT_RETRY_AFTER_MS).to.be.above(RETRY_FLOOR_MS);
    expect(MAX_BACKOFF_MS).to.be.above(DEFAULT_RETRY_AFTER_MS);
    expect(MAX_RETRY_AFTER_MS).to.be.at.least(MAX_BACKOFF_MS);
    // A hidden page looks at most as often as the floor lets a failing one retry, or less often.
    expect(HIDDEN_POLL_MS).to.be.at.least(RETRY_FLOOR_MS);
  });
});

describe('waits: pollDelay', () => {
  it('no polling for 0, a negative interval or something that is no number', () => {
    for (const interval of [0, -1, -0, Number.NaN, -Infinity]) {
      expect(pollDelay(interval, false), String(interval)).to.equal(null);
      expect(pollDelay(interval, true), String(interval)).to.equal(null);
    }
  });

  it('a visible page polls at its interval, never faster than MIN_POLL_MS', () => {
    expect(pollDelay(5, false)).to.equal(5000);
    expect(pollDelay(1, false)).to.equal(Math.max(1000, MIN_POLL_MS));
    expect(pollDelay(0.001, false)).to.equal(MIN_POLL_MS);
    expect(pollDelay(MIN_POLL_MS / 1000 / 2, false)).to.equal(MIN_POLL_MS);
  });

  it('a hidden page polls at its interval, never faster than HIDDEN_POLL_MS', () => {
    expect(pollDelay(1, true)).to.equal(HIDDEN_POLL_MS);
    expect(pollDelay((2 * HIDDEN_POLL_MS) / 1000, true)).to.equal(2 * HIDDEN_POLL_MS);
  });

  it('property: the wait is the interval or its floor, whichever is longer (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e7, noNaN: true }), fc.boolean(), (interval, hidden) => {
        expect(pollDelay(interval, hidden)).to.equal(Math.max(interval * 1000, hidden ? HIDDEN_POLL_MS : MIN_POLL_MS));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('waits: backoff after failures', () => {
  it('the first failure waits the floor when the pace is shorter, the pace when it is longer', () => {
    expect(backoff(1, 0, 0)).to.equal(RETRY_FLOOR_MS);
    expect(backoff(1, MIN_POLL_MS, 0)).to.equal(RETRY_FLOOR_MS);
    expect(backoff(1, RETRY_FLOOR_MS - 1, 0)).to.equal(RETRY_FLOOR_MS);
    expect(backoff(1, RETRY_FLOOR_MS + 1, 0)).to.equal(RETRY_FLOOR_MS + 1);
    expect(backoff(1, HIDDEN_POLL_MS, 0)).to.equal(HIDDEN_POLL_MS);
  });

  it('doubles with each failure in a row', () => {
    expect([1, 2, 3, 4].map((n) => backoff(n, MIN_POLL_MS, 0))).to.deep.equal([1, 2, 4, 8].map((k) => k * RETRY_FLOOR_MS));
    expect([1, 2, 3].map((n) => backoff(n, HIDDEN_POLL_MS, 0))).to.deep.equal([1, 2, 4].map((k) => k * HIDDEN_POLL_MS));
  });

  it('is capped at MAX_BACKOFF_MS, however many failures and however long the pace', () => {
    expect(backoff(100, MIN_POLL_MS, 0)).to.equal(MAX_BACKOFF_MS);
    expect(backoff(2 ** 20, MIN_POLL_MS, 0)).to.equal(MAX_BACKOFF_MS);
    expect(backoff(1, 10 * MAX_BACKOFF_MS, 0)).to.equal(MAX_BACKOFF_MS);
    // The cap is reached, then held: the first failure count at the cap and every later one.
    const first = [...Array(40).keys()].map((i) => i + 1).find((n) => backoff(n, MIN_POLL_MS, 0) === MAX_BACKOFF_MS)!;
    expect(backoff(first - 1, MIN_POLL_MS, 0)).to.be.below(MAX_BACKOFF_MS);
    expect(backoff(first + 1, MIN_POLL_MS, 0)).to.equal(MAX_BACKOFF_MS);
  });

  it('jitter stretches by up to a quarter, never shortens', () => {
    expect(backoff(1, MIN_POLL_MS, 0)).to.equal(RETRY_FLOOR_MS);
    expect(backoff(1, MIN_POLL_MS, 0.5)).to.equal(RETRY_FLOOR_MS * 1.125);
    // Rounded to the millisecond: a quarter more at most.
    expect(backoff(1, MIN_POLL_MS, 0.999999)).to.be.at.most(RETRY_FLOOR_MS * 1.25);
    expect(backoff(1, MIN_POLL_MS, 0.999999)).to.be.at.least(RETRY_FLOOR_MS * 1.2499);
    // At the cap too: a quarter more than the cap at most (the cap bounds the wait before jitter).
    expect(backoff(100, MIN_POLL_MS, 0.999999)).to.be.at.most(MAX_BACKOFF_MS * 1.25);
  });

  it('property: never below the floor or the pace (up to the cap), never above the cap and its quarter, never shorter after one more failure (10,000 runs)', () => {
    fc.assert(
      fc.property(failures, pace, random, (n, base, r) => {
        const wait = backoff(n, base, r);
        const unjittered = Math.min(Math.max(base, RETRY_FLOOR_MS) * 2 ** (n - 1), MAX_BACKOFF_MS);
        expect(Number.isInteger(wait), `${wait}`).to.equal(true);
        expect(wait).to.be.at.least(Math.min(Math.max(base, RETRY_FLOOR_MS), MAX_BACKOFF_MS));
        expect(wait).to.be.at.least(unjittered);
        expect(wait).to.be.at.most(Math.round(unjittered * 1.25));
        expect(backoff(n + 1, base, r)).to.be.at.least(wait);
        expect(backoff(n, base, 0)).to.equal(unjittered);
      }),
      { numRuns: 10_000 },
    );
  });

  it('property: however a backend fails, the element retries a few times a minute at most (10,000 runs)', () => {
    // Sixty seconds hold at most 60 / floor + 1 retries, whatever the jitter draws.
    fc.assert(
      fc.property(pace, fc.array(random, { minLength: 1, maxLength: 30 }), (base, draws) => {
        let elapsed = 0;
        let sent = 0;
        for (const [i, r] of draws.entries()) {
          if (elapsed > 60_000) break;
          sent++;
          elapsed += backoff(i + 1, base, r);
        }
        expect(sent).to.be.at.most(Math.floor(60_000 / RETRY_FLOOR_MS) + 1);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('waits: rateLimitDelay after a 429', () => {
  it('without a usable Retry-After: the default wait', () => {
    expect(rateLimitDelay(undefined, 1, 0)).to.equal(DEFAULT_RETRY_AFTER_MS);
  });

  it('a Retry-After below the floor waits the floor: 0 is no "retry now"', () => {
    for (const ms of [0, 1, 1000, 2000, RETRY_FLOOR_MS - 1]) expect(rateLimitDelay(ms, 1, 0), `${ms}`).to.equal(RETRY_FLOOR_MS);
    expect(rateLimitDelay(RETRY_FLOOR_MS, 1, 0)).to.equal(RETRY_FLOOR_MS);
  });

  it('a Retry-After above the floor is obeyed as asked', () => {
    for (const ms of [RETRY_FLOOR_MS + 1, 25_000, DEFAULT_RETRY_AFTER_MS, 10 * 60_000, MAX_RETRY_AFTER_MS]) expect(rateLimitDelay(ms, 1, 0), `${ms}`).to.equal(ms);
  });

  it('a Retry-After above MAX_RETRY_AFTER_MS is taken as broken: MAX_RETRY_AFTER_MS, jitter included', () => {
    for (const ms of [MAX_RETRY_AFTER_MS + 1, 5 * MAX_RETRY_AFTER_MS, Number.MAX_SAFE_INTEGER, Infinity]) {
      expect(rateLimitDelay(ms, 1, 0), `${ms}`).to.equal(MAX_RETRY_AFTER_MS);
      expect(rateLimitDelay(ms, 1, 0.999999), `${ms}`).to.equal(MAX_RETRY_AFTER_MS);
    }
    // Jitter on a wait near the cap does not cross it either.
    expect(rateLimitDelay(MAX_RETRY_AFTER_MS - 1000, 1, 0.999999)).to.equal(MAX_RETRY_AFTER_MS);
  });

  it('429s in a row double the floor under a short Retry-After, up to MAX_BACKOFF_MS', () => {
    expect([1, 2, 3, 4].map((n) => rateLimitDelay(0, n, 0))).to.deep.equal([1, 2, 4, 8].map((k) => k * RETRY_FLOOR_MS));
    expect(rateLimitDelay(0, 100, 0)).to.equal(MAX_BACKOFF_MS);
    // A longer Retry-After still wins over the backoff.
    expect(rateLimitDelay(MAX_RETRY_AFTER_MS, 100, 0)).to.equal(MAX_RETRY_AFTER_MS);
    expect(rateLimitDelay(undefined, 2, 0)).to.equal(Math.max(DEFAULT_RETRY_AFTER_MS, 2 * RETRY_FLOOR_MS));
  });

  it('jitter stretches by up to a quarter, never shortens', () => {
    expect(rateLimitDelay(2000, 1, 0.5)).to.equal(RETRY_FLOOR_MS * 1.125);
    expect(rateLimitDelay(undefined, 1, 0.999999)).to.be.at.most(DEFAULT_RETRY_AFTER_MS * 1.25);
    expect(rateLimitDelay(undefined, 1, 0.999999)).to.be.above(DEFAULT_RETRY_AFTER_MS);
  });

  it('property: at least what was asked and the backoff (up to the cap), at most a quarter more, never above MAX_RETRY_AFTER_MS (10,000 runs)', () => {
    fc.assert(
      fc.property(asked, failures, random, (ms, n, r) => {
        const wait = rateLimitDelay(ms, n, r);
        const floor = Math.min(Math.max(ms ?? DEFAULT_RETRY_AFTER_MS, backoff(n, 0, 0)), MAX_RETRY_AFTER_MS);
        expect(Number.isInteger(wait), `${wait}`).to.equal(true);
        expect(wait).to.be.at.least(RETRY_FLOOR_MS);
        expect(wait).to.be.at.least(floor);
        expect(wait).to.be.at.most(Math.min(Math.round(floor * 1.25), MAX_RETRY_AFTER_MS));
        expect(rateLimitDelay(ms, n + 1, r)).to.be.at.least(wait);
      }),
      { numRuns: 10_000 },
    );
  });
});
