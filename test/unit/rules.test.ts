/**
 * core/rules.ts: what the element decides from a list and an instant, without a browser: the
 * contract's timestamps, the 28-day cooldown, expiry, the statuses, what became ready, how long a
 * request has waited.
 */
import { expect } from '@open-wc/testing';
import type { Backup } from '../../src/core/types.js';
import { COOLDOWN_MS, DAY_MS, DOWNLOAD_WINDOW_MS, becameReady, canRequest, effectiveStatus, expiryOf, instant, isCancellable, isPending, newestFirst, nextChange, nextRequestAt, timeLeft, waitingFor } from '../../src/core/rules.js';
import fc from 'fast-check';
import { HOUR_MS } from '../../mocks/time.js';
import { MAX_DATE_MS, contractDate, contractInstant, dateString, instantArb, looseList, pad, validBackup, validList } from '../support/arbitraries.js';

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`bad fixture date ${iso}`);
  return ms;
};

let seq = 0;
function backup(over: Partial<Backup> = {}): Backup {
  seq += 1;
  return { id: `b${seq}`, status: 'awaiting_release', requestedAt: '2026-01-01T00:00:00Z', ...over };
}

/** Wall-clock reading of an instant in a zone, `YYYY-MM-DD HH:mm`, built from parts so it is locale-neutral. */
function wallClock(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** UTC offset of a zone at an instant, in minutes (east positive), derived from the wall clock. */
function offsetMinutes(ms: number, timeZone: string): number {
  const [date, time] = wallClock(ms, timeZone).split(' ') as [string, string];
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  return Math.round((asUtc - Math.floor(ms / 60000) * 60000) / 60000);
}

/** 24 Nov 2026, 13:05 UTC. */
const NOW = at('2026-11-24T13:05:00Z');

/** A row requested at 10:05 that day, ready at 12:00 (for 10 days) when its status says so. */
const pending = (id: string, status: string, over: Partial<Backup> = {}): Backup => ({
  id,
  status,
  requestedAt: '2026-11-24T10:05:00Z',
  ...(status === 'ready' ? { readyAt: '2026-11-24T12:00:00Z', expiresAt: '2026-12-04T12:00:00Z' } : {}),
  ...over,
});

const ids = (list: Backup[]): string[] => list.map((b) => b.id);

describe('rules: constants', () => {
  it('a day is 24 h of absolute time; cooldown is 28 days and the download window 10 days', () => {
    expect(DAY_MS).to.equal(86_400_000);
    expect(COOLDOWN_MS).to.equal(28 * 86_400_000);
    expect(DOWNLOAD_WINDOW_MS).to.equal(10 * 86_400_000);
  });
});

describe('rules: instant', () => {
  it('reads ISO 8601 UTC timestamps', () => {
    expect(instant('2026-11-24T13:05:00Z')).to.equal(Date.UTC(2026, 10, 24, 13, 5));
    expect(instant('2026-11-24T13:05:00.123Z')).to.equal(Date.UTC(2026, 10, 24, 13, 5, 0, 123));
    expect(instant('2026-11-24T10:05:00-03:00')).to.equal(Date.UTC(2026, 10, 24, 13, 5));
  });
  it('returns null for missing, empty and unparseable values', () => {
    expect(instant(null)).to.equal(null);
    expect(instant(undefined)).to.equal(null);
    expect(instant('')).to.equal(null);
    expect(instant('not a date')).to.equal(null);
    expect(instant('2026-13-45T99:99:99Z')).to.equal(null);
    expect(instant(42 as unknown as string)).to.equal(null);
  });
  it('handles year 9999, the last RFC 3339 can write, and rejects the extended years beyond it', () => {
    expect(instant('9999-12-31T23:59:59.999Z')).to.equal(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
    // ISO 8601's extended years (±YYYYYY) are no RFC 3339: not even the last instant a Date can hold.
    expect(instant('+275760-09-13T00:00:00.000Z')).to.equal(null);
    expect(instant('+275760-09-13T00:00:00.001Z')).to.equal(null);
    expect(instant('+010000-01-01T00:00:00Z')).to.equal(null);
  });
});

describe('rules: instant reads RFC 3339 with a zone, and nothing else', () => {
  const noon = Date.UTC(2026, 10, 24, 12, 0);

  it('Z, and offsets east and west of it, name the same instant', () => {
    expect(instant('2026-11-24T12:00:00Z')).to.equal(noon);
    expect(instant('2026-11-24T12:00:00+00:00')).to.equal(noon);
    expect(instant('2026-11-24T12:00:00-00:00')).to.equal(noon);
    expect(instant('2026-11-24T09:00:00-03:00')).to.equal(noon);
    expect(instant('2026-11-24T17:30:00+05:30')).to.equal(noon);
    expect(instant('2026-11-25T02:00:00+14:00')).to.equal(noon);
    expect(instant('2026-11-24T00:00:00-12:00')).to.equal(noon);
    expect(instant('2026-11-25T11:59:00+23:59')).to.equal(noon);
  });

  it('a lowercase t and z are RFC 3339 too (section 5.6)', () => {
    expect(instant('2026-11-24t12:00:00z')).to.equal(noon);
    expect(instant('2026-11-24t09:00:00-03:00')).to.equal(noon);
  });

  it('fractions of any length are read to the millisecond, never rounded up', () => {
    expect(instant('2026-11-24T12:00:00.5Z')).to.equal(noon + 500);
    expect(instant('2026-11-24T12:00:00.12Z')).to.equal(noon + 120);
    expect(instant('2026-11-24T12:00:00.123Z')).to.equal(noon + 123);
    expect(instant('2026-11-24T12:00:00.1234Z')).to.equal(noon + 123);
    expect(instant('2026-11-24T12:00:00.999999999Z')).to.equal(noon + 999);
    expect(instant('2026-11-24T09:00:00.123456-03:00')).to.equal(noon + 123);
  });

  it('a time without a zone is no timestamp (it would be read as local time, hours off)', () => {
    for (const zoneless of ['2026-11-24T12:00:00', '2026-11-24T12:00:00.000', '2026-11-24T12:00', '2026-11-24', '2026-11-24T12:00:00 ']) {
      expect(instant(zoneless), zoneless).to.equal(null);
    }
  });

  it('other ISO 8601 and HTTP forms are refused: a space for the T, no seconds, basic format, a zone name', () => {
    for (const other of [
      '2026-11-24 12:00:00Z',
      '2026-11-24T12:00Z',
      '20261124T120000Z',
      '2026-11-24T12:00:00+0000',
      '2026-11-24T12:00:00+00',
      '2026-11-24T12:00:00 Z',
      '2026-11-24T12:00:00.Z',
      ' 2026-11-24T12:00:00Z',
      '2026-11-24T12:00:00ZZ',
      '2026-11-24T12:00:00GMT',
      'Tue, 24 Nov 2026 12:00:00 GMT',
      '1795521600000',
      '2026-W48-2T12:00:00Z',
    ]) {
      expect(instant(other), other).to.equal(null);
    }
  });

  it('extended years (±YYYYYY) are refused, also inside the Date range', () => {
    for (const extended of ['+002026-11-24T12:00:00Z', '-000001-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z']) {
      expect(instant(extended), extended).to.equal(null);
    }
    // The four-digit years are all readable, year 0 included.
    expect(instant('0000-01-01T00:00:00Z')).to.equal(new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(0));
    expect(instant('0999-03-01T00:00:00+01:00')).to.equal(new Date(Date.UTC(2000, 2, 1)).setUTCFullYear(999) - 3_600_000);
  });

  it('months, days, minutes and offsets out of range are refused', () => {
    for (const impossible of [
      '2026-13-01T12:00:00Z',
      '2026-00-10T12:00:00Z',
      '2026-11-00T12:00:00Z',
      '2026-11-32T12:00:00Z',
      '2026-11-24T25:00:00Z',
      '2026-11-24T12:60:00Z',
      '2026-11-24T12:00:61Z',
      '2026-11-24T12:00:00+24:00',
      '2026-11-24T12:00:00+05:60',
    ]) {
      expect(instant(impossible), impossible).to.equal(null);
    }
  });

  it('days past the end of their month and hour 24 are refused in every engine, not rolled over into the next day', () => {
    // Date.parse in Chromium and Firefox reads 2026-02-30 as 2 March (WebKit: NaN), and in all three
    // reads T24:00:00 as the next midnight (ECMAScript allows 24:00; RFC 3339's hours are 00–23).
    // A date that does not exist is no timestamp, in every browser alike.
    expect(instant('2024-02-29T12:00:00Z'), 'a leap day').to.equal(Date.UTC(2024, 1, 29, 12));
    expect(instant('2000-02-29T12:00:00Z'), 'a leap day of a year divisible by 400').to.equal(Date.UTC(2000, 1, 29, 12));
    const accepted = ['2026-02-30T12:00:00Z', '2026-02-29T12:00:00Z', '1900-02-29T12:00:00Z', '2026-04-31T12:00:00Z', '2026-06-31T00:00:00-03:00', '2026-11-24T24:00:00Z'].filter(
      (impossible) => instant(impossible) !== null,
    );
    expect(accepted, 'read as dates').to.deep.equal([]);
  });

  it('every instant of years 0000–9999, written at any offset with any fraction, reads back to the millisecond; without its zone, to nothing', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0000-01-02T00:00:00Z'), max: new Date('9999-12-30T23:59:59.999Z'), noInvalidDate: true }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        fc.nat({ max: 6 }),
        fc.boolean(),
        (date, offsetMin, extraDigits, lower) => {
          const ms = date.getTime();
          // The wall clock at that offset, written by hand: toISOString() only writes Z.
          const wall = new Date(ms + offsetMin * 60_000);
          const sign = offsetMin < 0 ? '-' : '+';
          const zone = `${sign}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
          const body =
            `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
            `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
            `.${pad(wall.getUTCMilliseconds(), 3)}${'7'.repeat(extraDigits)}`;
          const stamp = lower ? `${body.replace('T', 't')}${offsetMin === 0 ? 'z' : zone}` : `${body}${offsetMin === 0 ? 'Z' : zone}`;
          expect(instant(stamp), stamp).to.equal(ms);
          expect(instant(body), body).to.equal(null);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('rules: nextRequestAt / canRequest (28-day cooldown)', () => {
  const requestedAt = '2026-03-01T12:00:00Z';
  const allowedAt = at(requestedAt) + 28 * DAY_MS;

  it('no backups → allowed now (fallback)', () => {
    const list = { backups: [] };
    expect(nextRequestAt(list)).to.equal(null);
    expect(canRequest(list, at('2026-03-01T12:00:00Z'))).to.equal(true);
    expect(nextChange(list, 0)).to.equal(null);
  });

  it('allowed at exactly requestedAt + 28 days', () => {
    const list = { backups: [backup({ status: 'ready', requestedAt })] };
    expect(nextRequestAt(list)).to.equal(allowedAt);
    expect(allowedAt).to.equal(at('2026-03-29T12:00:00Z'));
    expect(canRequest(list, allowedAt)).to.equal(true);
    expect(canRequest(list, allowedAt + 1)).to.equal(true);
  });

  it('not allowed 1 ms before requestedAt + 28 days', () => {
    const list = { backups: [backup({ status: 'ready', requestedAt })] };
    expect(canRequest(list, allowedAt - 1)).to.equal(false);
    expect(canRequest(list, at(requestedAt))).to.equal(false);
  });

  it('every non-server_error status of the latest request keeps the cooldown', () => {
    for (const status of ['awaiting_release', 'in_progress', 'ready', 'expired']) {
      const list = { backups: [backup({ status, requestedAt })] };
      expect(nextRequestAt(list), status).to.equal(allowedAt);
      expect(canRequest(list, allowedAt - 1), status).to.equal(false);
    }
  });

  it('server_error as the latest request re-enables the button at once', () => {
    const list = {
      backups: [
        backup({ status: 'ready', requestedAt: '2026-02-01T00:00:00Z' }),
        backup({ status: 'server_error', requestedAt }),
      ],
    };
    expect(nextRequestAt(list)).to.equal(null);
    expect(canRequest(list, at(requestedAt))).to.equal(true);
  });

  it('cancelled as the latest request re-enables the button at once (v1.1), as server_error does', () => {
    const list = {
      backups: [
        backup({ status: 'ready', requestedAt: '2026-02-01T00:00:00Z' }),
        backup({ status: 'cancelled', requestedAt }),
      ],
    };
    expect(nextRequestAt(list)).to.equal(null);
    expect(canRequest(list, at(requestedAt))).to.equal(true);
    expect(nextChange(list, at(requestedAt))).to.equal(null);
  });

  it('a cancelled request is the latest only by requestedAt: an older cancelled one does not re-enable', () => {
    const list = {
      backups: [
        backup({ status: 'cancelled', requestedAt: '2026-02-20T00:00:00Z' }),
        backup({ status: 'awaiting_release', requestedAt }),
      ],
    };
    expect(nextRequestAt(list)).to.equal(allowedAt);
    expect(canRequest(list, allowedAt - 1)).to.equal(false);
    // After it is cancelled, the fallback lets the next one go at once; before, the one before counts.
    const newerCancelled = { backups: [backup({ status: 'in_progress', requestedAt: '2026-02-20T00:00:00Z' }), backup({ status: 'cancelled', requestedAt })] };
    expect(nextRequestAt(newerCancelled)).to.equal(null);
  });

  it('the server nextRequestAt still wins over a cancelled latest request', () => {
    const future = '2026-03-20T00:00:00Z';
    const list = { backups: [backup({ status: 'cancelled', requestedAt })], nextRequestAt: future };
    expect(nextRequestAt(list)).to.equal(at(future));
    expect(canRequest(list, at(future) - 1)).to.equal(false);
    expect(canRequest({ ...list, nextRequestAt: null }, at(requestedAt))).to.equal(true);
  });

  it('a status that only looks like cancelled keeps the cooldown', () => {
    for (const status of ['CANCELLED', 'canceled', 'Cancelled', 'cancelled ']) {
      expect(nextRequestAt({ backups: [backup({ status, requestedAt })] }), status).to.equal(allowedAt);
    }
  });

  it('an unknown status as the latest request does not re-enable the button', () => {
    const list = { backups: [backup({ status: 'exploded', requestedAt })] };
    expect(nextRequestAt(list)).to.equal(allowedAt);
    expect(canRequest(list, at(requestedAt) + 1)).to.equal(false);
    // Case matters: only the exact API value counts.
    const upper = { backups: [backup({ status: 'SERVER_ERROR', requestedAt })] };
    expect(nextRequestAt(upper)).to.equal(allowedAt);
  });

  it('an older server_error does not re-enable: only the latest request counts', () => {
    const list = {
      backups: [backup({ status: 'server_error', requestedAt: '2026-02-01T00:00:00Z' }), backup({ status: 'in_progress', requestedAt })],
    };
    expect(nextRequestAt(list)).to.equal(allowedAt);
  });

  it('the latest request is chosen by requestedAt, not by array order', () => {
    const newest = backup({ status: 'in_progress', requestedAt });
    const older = backup({ status: 'server_error', requestedAt: '2026-02-20T00:00:00Z' });
    const oldest = backup({ status: 'expired', requestedAt: '2025-12-01T00:00:00Z' });
    for (const backups of [
      [newest, older, oldest],
      [oldest, older, newest],
      [older, newest, oldest],
    ]) {
      expect(nextRequestAt({ backups })).to.equal(allowedAt);
    }
    // And when the newest is the server error, it is allowed now whatever the order.
    const failed = backup({ status: 'server_error', requestedAt: '2026-03-02T00:00:00Z' });
    expect(nextRequestAt({ backups: [newest, failed, oldest] })).to.equal(null);
    expect(nextRequestAt({ backups: [oldest, newest, failed] })).to.equal(null);
  });

  it('compares requestedAt as instants, not as strings (offsets)', () => {
    // 10:00-03:00 is 13:00Z, later than 12:00Z, though it sorts earlier as a string.
    const a = backup({ status: 'server_error', requestedAt: '2026-03-01T10:00:00-03:00' });
    const b = backup({ status: 'ready', requestedAt: '2026-03-01T12:00:00Z' });
    expect(nextRequestAt({ backups: [b, a] })).to.equal(null);
  });

  it('rows with an unreadable requestedAt are ignored by the fallback', () => {
    const list = {
      backups: [backup({ status: 'server_error', requestedAt: 'garbage' }), backup({ status: 'ready', requestedAt })],
    };
    expect(nextRequestAt(list)).to.equal(allowedAt);
    expect(nextRequestAt({ backups: [backup({ status: 'ready', requestedAt: 'garbage' })] })).to.equal(null);
  });

  describe('server nextRequestAt is authoritative when present', () => {
    const rows = [backup({ status: 'in_progress', requestedAt })];
    const now = at('2026-03-05T00:00:00Z');

    it('null → allowed now even if the fallback would forbid it', () => {
      const list = { backups: rows, nextRequestAt: null };
      expect(nextRequestAt(list)).to.equal(null);
      expect(canRequest(list, now)).to.equal(true);
    });

    it('future → disabled until exactly then', () => {
      const list = { backups: [], nextRequestAt: '2026-04-10T08:30:00Z' };
      expect(nextRequestAt(list)).to.equal(at('2026-04-10T08:30:00Z'));
      expect(canRequest(list, now)).to.equal(false);
      expect(canRequest(list, at('2026-04-10T08:30:00Z') - 1)).to.equal(false);
      expect(canRequest(list, at('2026-04-10T08:30:00Z'))).to.equal(true);
    });

    it('future even when the latest request is a server_error', () => {
      const list = { backups: [backup({ status: 'server_error', requestedAt })], nextRequestAt: '2026-04-10T08:30:00Z' };
      expect(canRequest(list, now)).to.equal(false);
    });

    it('past → allowed now', () => {
      const list = { backups: rows, nextRequestAt: '2026-03-04T00:00:00Z' };
      expect(nextRequestAt(list)).to.equal(at('2026-03-04T00:00:00Z'));
      expect(canRequest(list, now)).to.equal(true);
    });

    it('present but unparseable → allowed now (the server will answer 409 if it disagrees)', () => {
      for (const value of ['not-a-date', '', '2026-99-99T00:00:00Z']) {
        const list = { backups: rows, nextRequestAt: value };
        expect(nextRequestAt(list), value).to.equal(null);
        expect(canRequest(list, now), value).to.equal(true);
      }
    });

    it('field absent (older backend) → fallback; undefined counts as absent', () => {
      expect(nextRequestAt({ backups: rows })).to.equal(allowedAt);
      expect(nextRequestAt({ backups: rows, nextRequestAt: undefined })).to.equal(allowedAt);
      expect(canRequest({ backups: rows }, now)).to.equal(false);
    });
  });
});

describe('rules: effectiveStatus', () => {
  const now = at('2026-05-10T12:00:00Z');

  it('known statuses pass through', () => {
    for (const status of ['awaiting_release', 'in_progress', 'expired', 'server_error', 'cancelled']) {
      expect(effectiveStatus(backup({ status }), now)).to.equal(status);
    }
    expect(effectiveStatus(backup({ status: 'ready', expiresAt: '2026-05-11T00:00:00Z' }), now)).to.equal('ready');
  });

  it('anything else is invalid', () => {
    for (const status of ['', 'READY', 'Ready', 'ready ', 'deleted', 'toString', '__proto__', 'invalid', 'constructor', 'CANCELLED', 'canceled', 'cancelled ']) {
      expect(effectiveStatus(backup({ status }), now), JSON.stringify(status)).to.equal('invalid');
    }
  });

  it('ready without readyAt and expiresAt stays ready', () => {
    const b = { id: 'x', status: 'ready', requestedAt: '2026-01-01T00:00:00Z' };
    expect(expiryOf(b)).to.equal(null);
    expect(effectiveStatus(b, now)).to.equal('ready');
    expect(effectiveStatus(b, 8.64e15)).to.equal('ready');
    expect(effectiveStatus({ ...b, readyAt: null, expiresAt: null }, now)).to.equal('ready');
  });

  it('ready past expiresAt → expired; exactly at expiresAt → expired; 1 ms before → ready', () => {
    const b = backup({ status: 'ready', readyAt: '2026-05-01T00:00:00Z', expiresAt: '2026-05-10T12:00:00Z' });
    expect(effectiveStatus(b, now + 1)).to.equal('expired');
    expect(effectiveStatus(b, now)).to.equal('expired');
    expect(effectiveStatus(b, now - 1)).to.equal('ready');
  });

  it('expiresAt wins over readyAt + 10 days when present', () => {
    const b = backup({ status: 'ready', readyAt: '2026-05-01T00:00:00Z', expiresAt: '2026-05-03T00:00:00Z' });
    expect(expiryOf(b)).to.equal(at('2026-05-03T00:00:00Z'));
    expect(effectiveStatus(b, at('2026-05-04T00:00:00Z'))).to.equal('expired');
  });

  it('falls back to readyAt + 10 × 24 h when expiresAt is absent, null or unreadable', () => {
    for (const expiresAt of [undefined, null, 'soon']) {
      const b = backup({ status: 'ready', readyAt: '2026-05-01T09:15:00Z', expiresAt });
      const expiry = at('2026-05-11T09:15:00Z');
      expect(expiryOf(b)).to.equal(expiry);
      expect(effectiveStatus(b, expiry - 1)).to.equal('ready');
      expect(effectiveStatus(b, expiry)).to.equal('expired');
    }
  });

  it('only ready backups expire client-side', () => {
    const past = { readyAt: '2020-01-01T00:00:00Z', expiresAt: '2020-01-02T00:00:00Z' };
    expect(effectiveStatus(backup({ status: 'in_progress', ...past }), now)).to.equal('in_progress');
    expect(effectiveStatus(backup({ status: 'server_error', ...past }), now)).to.equal('server_error');
    expect(effectiveStatus(backup({ status: 'bogus', ...past }), now)).to.equal('invalid');
  });
});

describe('rules: timeLeft', () => {
  const b = backup({ status: 'ready', readyAt: '2026-05-01T00:00:00Z', expiresAt: '2026-05-11T00:00:00Z' });
  const expiry = at('2026-05-11T00:00:00Z');

  it('counts down to the expiry', () => {
    expect(timeLeft(b, expiry - DAY_MS)).to.equal(DAY_MS);
    expect(timeLeft(b, expiry - 1)).to.equal(1);
  });

  it('is null (not negative) at and after the expiry', () => {
    expect(timeLeft(b, expiry)).to.equal(null);
    expect(timeLeft(b, expiry + 123456)).to.equal(null);
  });

  it('is never negative even if the clock says the backup was ready in the future', () => {
    // now before readyAt: still positive, never negative
    const v = timeLeft(b, at('2026-04-01T00:00:00Z'));
    expect(v).to.be.a('number');
    expect(v!).to.be.greaterThan(0);
  });

  it('is null when not ready or when the expiry is unknown', () => {
    for (const status of ['awaiting_release', 'in_progress', 'expired', 'server_error', 'weird']) {
      expect(timeLeft(backup({ status, expiresAt: '2099-01-01T00:00:00Z' }), 0), status).to.equal(null);
    }
    expect(timeLeft(backup({ status: 'ready' }), 0)).to.equal(null);
  });
});

describe('rules: isPending', () => {
  it('is true only for awaiting_release and in_progress', () => {
    const now = 0;
    expect(isPending(backup({ status: 'awaiting_release' }), now)).to.equal(true);
    expect(isPending(backup({ status: 'in_progress' }), now)).to.equal(true);
    for (const status of ['ready', 'expired', 'server_error', 'cancelled', 'other', '']) {
      expect(isPending(backup({ status }), now), status).to.equal(false);
    }
  });

  it('a cancelled backup is not pending, even one the backend still calls cancellable', () => {
    expect(isPending(backup({ status: 'cancelled', cancellable: true, estimatedReadyAt: '2026-01-02T00:00:00Z' }), 0)).to.equal(false);
  });
});

describe('rules: isCancellable (v1.1)', () => {
  const now = at('2026-05-10T12:00:00Z');

  it('is true only for awaiting_release with cancellable === true', () => {
    expect(isCancellable(backup({ status: 'awaiting_release', cancellable: true }), now)).to.equal(true);
  });

  it('is false for awaiting_release when cancellable is false or absent (a v1 backend)', () => {
    expect(isCancellable(backup({ status: 'awaiting_release', cancellable: false }), now)).to.equal(false);
    expect(isCancellable(backup({ status: 'awaiting_release' }), now)).to.equal(false);
  });

  it('is false for truthy values that are not true (a body the validator would refuse)', () => {
    for (const cancellable of ['true', 1, {}, []]) {
      expect(isCancellable({ ...backup({ status: 'awaiting_release' }), cancellable } as unknown as Backup, now), JSON.stringify(cancellable)).to.equal(false);
    }
  });

  it('is false for every other status, known or not, even with cancellable: true', () => {
    for (const status of ['in_progress', 'ready', 'expired', 'server_error', 'cancelled', 'AWAITING_RELEASE', 'awaiting_release ', '', 'archived']) {
      expect(isCancellable(backup({ status, cancellable: true }), now), status).to.equal(false);
    }
  });

  it('is the same at any instant: awaiting_release does not expire client-side', () => {
    const row = backup({ status: 'awaiting_release', cancellable: true, requestedAt: '2020-01-01T00:00:00Z', expiresAt: '2020-01-02T00:00:00Z' });
    for (const t of [0, now, 8.64e15]) expect(isCancellable(row, t), String(t)).to.equal(true);
  });
});

describe('rules: nextChange', () => {
  const now = at('2026-05-10T00:00:00Z');

  it('picks the soonest future instant among the cooldown end and ready expiries', () => {
    const list = {
      backups: [
        backup({ status: 'ready', requestedAt: '2026-05-01T00:00:00Z', expiresAt: '2026-05-20T00:00:00Z' }),
        backup({ status: 'ready', requestedAt: '2026-04-20T00:00:00Z', readyAt: '2026-05-05T00:00:00Z' }), // → 05-15
        backup({ status: 'ready', requestedAt: '2026-04-01T00:00:00Z', expiresAt: '2026-05-09T00:00:00Z' }), // past
      ],
    };
    // cooldown: 2026-05-01 + 28 d = 2026-05-29
    expect(nextChange(list, now)).to.equal(at('2026-05-15T00:00:00Z'));
    expect(nextChange(list, at('2026-05-15T00:00:00Z'))).to.equal(at('2026-05-20T00:00:00Z'));
    expect(nextChange(list, at('2026-05-20T00:00:00Z'))).to.equal(at('2026-05-29T00:00:00Z'));
    expect(nextChange(list, at('2026-05-29T00:00:00Z'))).to.equal(null);
  });

  it('uses the cooldown end when it comes first', () => {
    const list = {
      backups: [backup({ status: 'ready', requestedAt: '2026-04-15T00:00:00Z', expiresAt: '2026-06-01T00:00:00Z' })],
    };
    expect(nextChange(list, now)).to.equal(at('2026-05-13T00:00:00Z'));
  });

  it('uses the server nextRequestAt and ignores non-ready rows', () => {
    const list = {
      backups: [backup({ status: 'expired', expiresAt: '2026-05-11T00:00:00Z' }), backup({ status: 'in_progress', readyAt: '2026-05-10T01:00:00Z' })],
      nextRequestAt: '2026-05-12T00:00:00Z',
    };
    expect(nextChange(list, now)).to.equal(at('2026-05-12T00:00:00Z'));
  });

  it('is null when nothing is scheduled, and never returns now or the past', () => {
    expect(nextChange({ backups: [], nextRequestAt: null }, now)).to.equal(null);
    expect(nextChange({ backups: [], nextRequestAt: '2026-05-10T00:00:00Z' }, now)).to.equal(null);
    expect(nextChange({ backups: [backup({ status: 'ready' })], nextRequestAt: null }, now)).to.equal(null);
  });
});

describe('rules: newestFirst', () => {
  it('sorts by requestedAt, newest first, without mutating the input', () => {
    const a = backup({ requestedAt: '2026-01-01T00:00:00Z' });
    const b = backup({ requestedAt: '2026-03-01T00:00:00Z' });
    const c = backup({ requestedAt: '2026-02-01T00:00:00Z' });
    const input = [a, b, c];
    expect(newestFirst(input)).to.deep.equal([b, c, a]);
    expect(input).to.deep.equal([a, b, c]);
  });

  it('puts invalid dates last, in the order received', () => {
    const bad1 = backup({ requestedAt: 'nope' });
    const bad2 = backup({ requestedAt: '' });
    const bad3 = backup({ requestedAt: '2026-02-31Tx' });
    const old = backup({ requestedAt: '1970-01-01T00:00:00Z' });
    const ancient = backup({ requestedAt: '0001-01-01T00:00:00Z' });
    const recent = backup({ requestedAt: '2026-01-01T00:00:00Z' });
    expect(newestFirst([bad1, old, bad2, recent, bad3, ancient])).to.deep.equal([recent, old, ancient, bad1, bad2, bad3]);
  });

  it('is stable for equal instants (same instant written differently included)', () => {
    const x = backup({ requestedAt: '2026-01-01T00:00:00Z' });
    const y = backup({ requestedAt: '2026-01-01T00:00:00.000Z' });
    const z = backup({ requestedAt: '2025-12-31T21:00:00-03:00' });
    expect(newestFirst([x, y, z])).to.deep.equal([x, y, z]);
    expect(newestFirst([z, x, y])).to.deep.equal([z, x, y]);
  });

  it('handles empty lists and year 9999', () => {
    expect(newestFirst([])).to.deep.equal([]);
    const far = backup({ requestedAt: '9999-12-31T23:59:59Z' });
    const now = backup({ requestedAt: '2026-01-01T00:00:00Z' });
    expect(newestFirst([now, far])).to.deep.equal([far, now]);
  });
});

describe('rules: becameReady', () => {
  it('the first load reports nothing, even with ready backups', () => {
    expect(becameReady(undefined, [pending('a', 'ready'), pending('b', 'in_progress')], NOW)).to.deep.equal([]);
  });

  it('reports a backup that went from in progress or awaiting release to ready', () => {
    const before = [pending('a', 'in_progress'), pending('b', 'awaiting_release'), pending('c', 'in_progress')];
    const after = [pending('a', 'ready'), pending('b', 'ready'), pending('c', 'in_progress')];
    expect(ids(becameReady(before, after, NOW))).to.deep.equal(['a', 'b']);
  });

  it('returns the rows of the new list (their size, expiry, checksum), in its order', () => {
    const ready = pending('a', 'ready', { sizeBytes: 42, sha256: 'ab'.repeat(32) });
    const result = becameReady([pending('a', 'in_progress')], [pending('z', 'ready'), ready], NOW);
    expect(result).to.have.length(2);
    expect(result[1]).to.equal(ready);
    expect(ids(result)).to.deep.equal(['z', 'a']);
  });

  it('reports a backup absent before that appears ready (another administrator, another tab)', () => {
    expect(ids(becameReady([], [pending('new', 'ready')], NOW))).to.deep.equal(['new']);
    expect(ids(becameReady([pending('old', 'expired')], [pending('new', 'ready'), pending('old', 'expired')], NOW))).to.deep.equal(['new']);
  });

  it('does not report a backup that was already ready', () => {
    expect(becameReady([pending('a', 'ready')], [pending('a', 'ready')], NOW)).to.deep.equal([]);
  });

  it('does not report a backup that was ready and is given a later expiry after the old one passed', () => {
    const before = [pending('a', 'ready', { expiresAt: '2026-11-24T13:00:00Z' })];
    const after = [pending('a', 'ready', { expiresAt: '2026-11-30T13:00:00Z' })];
    expect(becameReady(before, after, NOW)).to.deep.equal([]);
  });

  it('does not report a backup whose status says ready but has expired at now', () => {
    const after = [pending('a', 'ready', { expiresAt: '2026-11-24T13:05:00Z' }), pending('b', 'ready', { expiresAt: null, readyAt: '2026-11-14T13:05:00Z' })];
    expect(becameReady([pending('a', 'in_progress'), pending('b', 'in_progress')], after, NOW)).to.deep.equal([]);
  });

  it('does not report other transitions: to expired, server error, an unknown status', () => {
    const before = [pending('a', 'in_progress'), pending('b', 'in_progress'), pending('c', 'in_progress'), pending('d', 'ready')];
    const after = [pending('a', 'server_error'), pending('b', 'expired'), pending('c', 'archived'), pending('d', 'expired')];
    expect(becameReady(before, after, NOW)).to.deep.equal([]);
  });

  it('reports a backup that was in an unknown or error status and is now ready', () => {
    expect(ids(becameReady([pending('a', 'archived'), pending('b', 'server_error')], [pending('a', 'ready'), pending('b', 'ready')], NOW))).to.deep.equal(['a', 'b']);
  });

  it('a backup that vanishes from the list is not reported', () => {
    expect(becameReady([pending('a', 'in_progress')], [], NOW)).to.deep.equal([]);
  });

  it('property: reports exactly the ready rows whose id was not ready before; nothing twice when nothing changes', () => {
    const status = fc.constantFrom('awaiting_release', 'in_progress', 'ready', 'expired', 'server_error', 'weird');
    const list = fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), status }), { maxLength: 6 }).map((rows) => rows.map((r) => pending(r.id, r.status)));
    fc.assert(
      fc.property(list, list, (before, after) => {
        const reported = becameReady(before, after, NOW);
        for (const b of reported) {
          expect(b.status).to.equal('ready');
          expect(before.some((p) => p.id === b.id && p.status === 'ready')).to.equal(false);
        }
        const expected = after.filter((b) => b.status === 'ready' && !before.some((p) => p.id === b.id && p.status === 'ready'));
        expect(reported).to.deep.equal(expected);
        // Loading the same list again reports nothing new.
        expect(becameReady(after, after, NOW)).to.deep.equal([]);
      }),
    );
  });
});

describe('rules: waitingFor', () => {
  it('is the time since the request for a backup awaiting release or in progress', () => {
    expect(waitingFor(pending('a', 'awaiting_release'), NOW)).to.equal(3 * HOUR_MS);
    expect(waitingFor(pending('a', 'in_progress'), NOW)).to.equal(3 * HOUR_MS);
    expect(waitingFor(pending('a', 'in_progress'), NOW + DAY_MS)).to.equal(27 * HOUR_MS);
  });

  it('is null for every other status', () => {
    for (const status of ['ready', 'expired', 'server_error', 'archived', '']) {
      expect(waitingFor(pending('a', status), NOW), status).to.equal(null);
    }
  });

  it('is null when requestedAt is not a date', () => {
    expect(waitingFor(pending('a', 'in_progress', { requestedAt: 'yesterday' }), NOW)).to.equal(null);
    expect(waitingFor(pending('a', 'in_progress', { requestedAt: '' }), NOW)).to.equal(null);
  });

  it('is 0, never negative, for a request dated after now (a server clock ahead of ours)', () => {
    expect(waitingFor(pending('a', 'in_progress', { requestedAt: '2026-11-24T13:06:00Z' }), NOW)).to.equal(0);
  });
});

describe('rules: DST — 28 days are 28 × 24 h of absolute time', () => {
  const cases = [
    {
      name: 'America/Sao_Paulo, DST start 2018-11-04 (−03 → −02)',
      zone: 'America/Sao_Paulo',
      requestedAt: '2018-10-20T15:00:00Z',
      allowedAt: '2018-11-17T15:00:00Z',
      wallBefore: '2018-10-20 12:00',
      wallAfter: '2018-11-17 13:00',
      offsets: [-180, -120],
    },
    {
      name: 'America/Sao_Paulo, DST end 2019-02-17 (−02 → −03)',
      zone: 'America/Sao_Paulo',
      requestedAt: '2019-02-01T15:00:00Z',
      allowedAt: '2019-03-01T15:00:00Z',
      wallBefore: '2019-02-01 13:00',
      wallAfter: '2019-03-01 12:00',
      offsets: [-120, -180],
    },
    {
      name: 'Europe/Lisbon, summer time start 2026-03-29 (WET → WEST)',
      zone: 'Europe/Lisbon',
      requestedAt: '2026-03-10T10:00:00Z',
      allowedAt: '2026-04-07T10:00:00Z',
      wallBefore: '2026-03-10 10:00',
      wallAfter: '2026-04-07 11:00',
      offsets: [0, 60],
    },
    {
      name: 'Europe/Lisbon, summer time end 2026-10-25 (WEST → WET)',
      zone: 'Europe/Lisbon',
      requestedAt: '2026-10-10T10:00:00Z',
      allowedAt: '2026-11-07T10:00:00Z',
      wallBefore: '2026-10-10 11:00',
      wallAfter: '2026-11-07 10:00',
      offsets: [60, 0],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const list = { backups: [backup({ status: 'ready', requestedAt: c.requestedAt })] };
      const expected = at(c.allowedAt);
      // Absolute delay is exact.
      expect(nextRequestAt(list)).to.equal(expected);
      expect(expected - at(c.requestedAt)).to.equal(28 * 24 * 60 * 60 * 1000);
      expect(new Date(nextRequestAt(list)!).toISOString()).to.equal(new Date(expected).toISOString());
      expect(canRequest(list, expected - 1)).to.equal(false);
      expect(canRequest(list, expected)).to.equal(true);
      expect(nextChange(list, at(c.requestedAt))).to.equal(expected);
      // The wall clock of that zone shifts by one hour across the DST change.
      expect(wallClock(at(c.requestedAt), c.zone)).to.equal(c.wallBefore);
      expect(wallClock(expected, c.zone)).to.equal(c.wallAfter);
      expect([offsetMinutes(at(c.requestedAt), c.zone), offsetMinutes(expected, c.zone)]).to.deep.equal(c.offsets);
    });
  }

  it('the 10-day download window is also absolute time (Lisbon, across 2026-10-25)', () => {
    const b = backup({ status: 'ready', readyAt: '2026-10-20T09:00:00Z' });
    const expiry = at('2026-10-30T09:00:00Z');
    expect(expiryOf(b)).to.equal(expiry);
    expect(effectiveStatus(b, expiry - 1)).to.equal('ready');
    expect(effectiveStatus(b, expiry)).to.equal('expired');
    expect(wallClock(at('2026-10-20T09:00:00Z'), 'Europe/Lisbon')).to.equal('2026-10-20 10:00');
    expect(wallClock(expiry, 'Europe/Lisbon')).to.equal('2026-10-30 09:00');
  });

  it('the 10-day download window across the São Paulo DST start (2018-11-04)', () => {
    const b = backup({ status: 'ready', readyAt: '2018-10-30T12:00:00Z' });
    const expiry = at('2018-11-09T12:00:00Z');
    expect(expiryOf(b)).to.equal(expiry);
    expect(timeLeft(b, at('2018-10-30T12:00:00Z'))).to.equal(10 * 24 * 3600 * 1000);
    expect(wallClock(at('2018-10-30T12:00:00Z'), 'America/Sao_Paulo')).to.equal('2018-10-30 09:00');
    expect(wallClock(expiry, 'America/Sao_Paulo')).to.equal('2018-11-09 10:00');
  });
});

describe('rules: properties of the contract timestamps', () => {
  /** Text built from components in and just out of their ranges, as a careless backend might write it. */
  const nearRfc3339 = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.oneof(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 28, max: 31 })),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 61 }),
      fc.option(fc.stringMatching(/^\d{1,10}$/), { nil: undefined }),
      fc.oneof(fc.constantFrom('Z', 'z', ''), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 })).map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`)),
      fc.constantFrom('T', 't', ' '),
    )
    .map(([y, mo, d, h, mi, sec, fraction, zone, separator]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}${separator}${pad(h)}:${pad(mi)}:${pad(sec)}${fraction === undefined ? '' : `.${fraction}`}${zone}`);

  it('instant() reads exactly what the contract calls a timestamp, to the millisecond (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(nearRfc3339, contractDate, dateString), (text) => {
        expect(instant(text), text).to.equal(contractInstant(text));
      }),
      { numRuns: 10_000 },
    );
  });
});

const EFFECTIVE = ['awaiting_release', 'in_progress', 'ready', 'expired', 'server_error', 'cancelled', 'invalid'];

/**
 * `now`: anywhere, or close to one of the list's own instants, where the boundaries are. The lists
 * keep to the contract, or not (the rules are exported, and must stay total on anything).
 */
const listAndNow = fc.oneof(validList, looseList).chain((list) => {
  const near = [list.nextRequestAt, ...list.backups.flatMap((b) => [b.requestedAt, b.readyAt, b.expiresAt])]
    .map((s) => (typeof s === 'string' ? Date.parse(s) : NaN))
    .filter((ms) => Number.isFinite(ms));
  const nearArb =
    near.length === 0
      ? instantArb
      : fc
          .tuple(fc.constantFrom(...near), fc.integer({ min: -40 * 86_400_000, max: 40 * 86_400_000 }))
          .map(([base, delta]) => Math.min(MAX_DATE_MS, Math.max(-MAX_DATE_MS, base + delta)));
  return fc.tuple(fc.constant(list), fc.oneof(instantArb, nearArb));
});

const isInstant = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && !Number.isNaN(new Date(x).getTime());

describe('rules: properties', () => {
  it('never return NaN or invalid instants, never a negative time left, always a known status (10,000 runs)', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(listAndNow, ([list, now]) => {
        const nra = nextRequestAt(list);
        if (nra !== null && !isInstant(nra)) throw new Error(`nextRequestAt ${nra}`);

        const can = canRequest(list, now);
        if (typeof can !== 'boolean') throw new Error('canRequest is not a boolean');
        if (can !== (nra === null || now >= nra)) throw new Error('canRequest disagrees with nextRequestAt');

        const next = nextChange(list, now);
        if (next !== null && !(isInstant(next) && next > now)) throw new Error(`nextChange ${next} at ${now}`);

        const sorted = newestFirst(list.backups);
        if (sorted.length !== list.backups.length || !list.backups.every((b) => sorted.includes(b))) throw new Error('newestFirst lost rows');

        for (const b of list.backups) {
          const status = effectiveStatus(b, now);
          if (!EFFECTIVE.includes(status)) throw new Error(`status ${status}`);
          const expiry = expiryOf(b);
          if (expiry !== null && !isInstant(expiry)) throw new Error(`expiry ${expiry}`);
          const left = timeLeft(b, now);
          if (left !== null) {
            if (!(Number.isFinite(left) && left >= 0)) throw new Error(`timeLeft ${left}`);
            if (status !== 'ready') throw new Error('timeLeft for a backup that is not ready');
          }
          if (status !== 'ready' && left !== null) throw new Error('timeLeft when not ready');
          if (typeof isPending(b, now) !== 'boolean') throw new Error('isPending is not a boolean');
          if (isCancellable(b, now) !== (status === 'awaiting_release' && b.cancellable === true)) throw new Error('isCancellable');
          if (isCancellable(b, now) && !isPending(b, now)) throw new Error('a cancellable backup that is not pending');
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('without a server nextRequestAt, the button is allowed exactly at latest request + 28 days (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(validBackup, { maxLength: 8 }), (backups) => {
        const list = { backups };
        const nra = nextRequestAt(list);
        // The test's own reading of the contract's timestamps (every one generated is RFC 3339).
        const dated = backups.filter((b) => contractInstant(b.requestedAt) !== null);
        if (dated.length !== backups.length) throw new Error('a generated requestedAt is no RFC 3339');
        if (dated.length === 0) return nra === null;
        const latest = Math.max(...dated.map((b) => contractInstant(b.requestedAt)!));
        const first = dated.find((b) => contractInstant(b.requestedAt) === latest)!;
        if (first.status === 'server_error' || first.status === 'cancelled') return nra === null;
        const expected = Math.min(latest + 28 * 86_400_000, MAX_DATE_MS);
        return nra === expected && !canRequest(list, expected - 1) && canRequest(list, expected);
      }),
      { numRuns: 10_000 },
    );
  });
});
