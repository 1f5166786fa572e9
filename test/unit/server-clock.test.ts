/**
 * core/server-clock.ts: the server's time, learnt from the `Date` header of its answers. The device's
 * clock is faked (only `Date`), so every offset is exact.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { install } from '@sinonjs/fake-timers';
import { ServerClock, offsetBounds } from '../../src/core/server-clock.js';
import { HOUR_MS } from '../../mocks/time.js';

const SECOND = 1000;
/** The device's "now" in these tests: a whole second, so a Date header can name it exactly. */
const DEVICE_NOW = Date.UTC(2026, 11, 5, 13, 45, 0);
/** The `Date` header of an answer made at `ms` (server time): an IMF-fixdate, whole seconds. */
const header = (ms: number): string => new Date(ms).toUTCString();

type DeviceClock = ReturnType<typeof install>;
let device: DeviceClock | undefined;
afterEach(() => {
  device?.uninstall();
  device = undefined;
});
const fakeDevice = (now = DEVICE_NOW): DeviceClock => (device = install({ toFake: ['Date'], now }));

describe('server-clock: offsetBounds', () => {
  it('an answer made in the second its Date names, between the request leaving and the answer arriving', () => {
    const sentAt = DEVICE_NOW;
    const receivedAt = DEVICE_NOW + 300;
    // The server is 2 h ahead: it wrote its answer at some instant of [server, server + 1 s).
    const server = DEVICE_NOW + 2 * HOUR_MS;
    expect(offsetBounds(header(server), sentAt, receivedAt)).to.deep.equal([server - receivedAt, server + SECOND - sentAt]);
    expect(offsetBounds(header(server), sentAt, receivedAt)).to.deep.equal([2 * HOUR_MS - 300, 2 * HOUR_MS + SECOND]);
  });

  it('an answer that arrived at once, from a server on the same clock, allows 0', () => {
    const [low, high] = offsetBounds(header(DEVICE_NOW), DEVICE_NOW, DEVICE_NOW)!;
    expect(low).to.be.at.most(0);
    expect(high).to.be.at.least(0);
  });

  it('is null without a readable Date: missing, empty, garbage', () => {
    for (const date of [null, undefined, '', ' ', 'yesterday', 'Tue, 99 Nov 2026 99:00:00 GMT', 'NaN']) {
      expect(offsetBounds(date, DEVICE_NOW, DEVICE_NOW + 10), String(date)).to.equal(null);
    }
  });

  it('reads all three HTTP-date forms as GMT (RFC 9110 5.6.7), and a date that names no zone not as the device’s local time', () => {
    const server = DEVICE_NOW + 2 * HOUR_MS; // 15:45:00 GMT, a Saturday
    const imf = offsetBounds('Sat, 05 Dec 2026 15:45:00 GMT', DEVICE_NOW, DEVICE_NOW);
    expect(imf).to.deep.equal([2 * HOUR_MS, 2 * HOUR_MS + SECOND]);
    expect(header(server)).to.equal('Sat, 05 Dec 2026 15:45:00 GMT');
    // The obsolete forms a recipient must still accept: RFC 850, and asctime (which is GMT, though it says no zone).
    expect(offsetBounds('Saturday, 05-Dec-26 15:45:00 GMT', DEVICE_NOW, DEVICE_NOW), 'RFC 850').to.deep.equal(imf);
    expect(offsetBounds('Sat Dec  5 15:45:00 2026', DEVICE_NOW, DEVICE_NOW), 'asctime').to.deep.equal(imf);
    // No HTTP-date at all, and no zone: not read as the device's local time (hours off), so not read.
    expect(offsetBounds('2026-12-05T15:45:00', DEVICE_NOW, DEVICE_NOW), 'ISO without a zone').to.equal(null);
    expect(offsetBounds('12/05/2026 15:45:00', DEVICE_NOW, DEVICE_NOW), 'a US date without a zone').to.equal(null);
  });

  it('is null when the answer "arrived" before the request left (the device clock jumped back meanwhile)', () => {
    expect(offsetBounds(header(DEVICE_NOW), DEVICE_NOW, DEVICE_NOW - 1)).to.equal(null);
    expect(offsetBounds(header(DEVICE_NOW), Number.NaN, DEVICE_NOW)).to.equal(null);
  });

  it('property: low ≤ high, and the answer’s own instant lies in [sentAt + low, receivedAt + high] (10,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: -30 * 24 * HOUR_MS, max: 30 * 24 * HOUR_MS }),
        fc.nat({ max: 120_000 }),
        (sentAt, skew, roundTrip) => {
          const receivedAt = sentAt + roundTrip;
          const made = sentAt + skew + Math.floor(roundTrip / 2); // some instant of the round trip, on the server's clock
          const bounds = offsetBounds(header(made), sentAt, receivedAt);
          expect(bounds).not.to.equal(null);
          const [low, high] = bounds!;
          expect(low).to.be.at.most(high);
          // The true offset of that answer is one the bounds allow.
          expect(skew).to.be.within(low, high);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

describe('server-clock: ServerClock', () => {
  it('starts on the device’s clock', () => {
    fakeDevice();
    const clock = new ServerClock();
    expect(clock.now()).to.equal(Date.now());
    device!.tick(5000);
    expect(clock.now()).to.equal(Date.now());
  });

  it('keeps its offset while answers agree with it, and says so (no jitter, nothing to re-render)', () => {
    fakeDevice();
    const clock = new ServerClock();
    // Same clock, answers of 300 ms, a Date anywhere in their second.
    for (const delay of [0, 300, 999]) {
      expect(clock.observe(header(Date.now()), Date.now() - delay, Date.now()), `${delay}`).to.equal(false);
      expect(clock.now()).to.equal(Date.now());
    }
  });

  it('moves to the middle of what an answer allows when the answer proves it wrong, then holds', () => {
    fakeDevice();
    const clock = new ServerClock();
    const sentAt = Date.now();
    device!.tick(400);
    const receivedAt = Date.now();
    const server = sentAt + 2 * HOUR_MS; // 2 h ahead, a whole second
    expect(clock.observe(header(server), sentAt, receivedAt)).to.equal(true);
    const [low, high] = offsetBounds(header(server), sentAt, receivedAt)!;
    expect(clock.now() - Date.now()).to.equal(Math.round((low + high) / 2));
    // Within a second of the truth (a Date has whole seconds).
    expect(Math.abs(clock.now() - Date.now() - 2 * HOUR_MS)).to.be.below(SECOND);
    // The next answers agree: the offset holds, exactly.
    const offset = clock.now() - Date.now();
    for (let i = 0; i < 5; i++) {
      device!.tick(1234);
      const sent = Date.now();
      device!.tick(200);
      expect(clock.observe(header(sent + offset + 100), sent, Date.now())).to.equal(false);
      expect(clock.now() - Date.now()).to.equal(offset);
    }
  });

  it('follows a server behind the device too, and back when the server is right again', () => {
    fakeDevice();
    const clock = new ServerClock();
    expect(clock.observe(header(Date.now() - 5 * HOUR_MS), Date.now(), Date.now())).to.equal(true);
    expect(clock.now() - Date.now()).to.be.within(-5 * HOUR_MS, -5 * HOUR_MS + SECOND);
    expect(clock.observe(header(Date.now()), Date.now(), Date.now())).to.equal(true);
    expect(clock.now() - Date.now()).to.be.within(0, SECOND);
  });

  it('ignores an answer without a readable Date, and one that arrived "before" it left', () => {
    fakeDevice();
    const clock = new ServerClock();
    clock.observe(header(Date.now() + HOUR_MS), Date.now(), Date.now());
    const offset = clock.now() - Date.now();
    for (const date of [null, undefined, '', 'garbage', 'Tue, 99 Nov 2026 99:00:00 GMT']) {
      expect(clock.observe(date, Date.now(), Date.now()), String(date)).to.equal(false);
      expect(clock.now() - Date.now()).to.equal(offset);
    }
    expect(clock.observe(header(Date.now() - HOUR_MS), Date.now(), Date.now() - 10)).to.equal(false);
    expect(clock.now() - Date.now()).to.equal(offset);
  });

  it('reset: another backend, back on the device’s clock', () => {
    fakeDevice();
    const clock = new ServerClock();
    clock.observe(header(Date.now() + 3 * HOUR_MS), Date.now(), Date.now());
    expect(clock.now()).not.to.equal(Date.now());
    clock.reset();
    expect(clock.now()).to.equal(Date.now());
    // And it learns again from the next backend.
    expect(clock.observe(header(Date.now() - HOUR_MS), Date.now(), Date.now())).to.equal(true);
  });

  it('property: after any answer the offset is one that answer allows, and the same answer again moves nothing (10,000 runs)', () => {
    fakeDevice();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3 * 24 * HOUR_MS, max: 3 * 24 * HOUR_MS }), fc.nat({ max: 30_000 }), fc.nat({ max: 999 })), { minLength: 1, maxLength: 8 }),
        (answers) => {
          const clock = new ServerClock();
          for (const [skew, roundTrip, within] of answers) {
            const sentAt = Date.now();
            const receivedAt = sentAt + roundTrip;
            const date = header(sentAt + skew + within);
            clock.observe(date, sentAt, receivedAt);
            const [low, high] = offsetBounds(date, sentAt, receivedAt)!;
            expect(clock.now() - Date.now()).to.be.within(low, high);
            expect(clock.observe(date, sentAt, receivedAt)).to.equal(false);
          }
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
