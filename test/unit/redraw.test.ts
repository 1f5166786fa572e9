import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Backup, BackupList } from '../../src/core/types.js';
import { DAY_MS, becameReady, canRequest, effectiveStatus, expiryOf, isCancellable, timeLeft, waitingFor } from '../../src/core/rules.js';
import { formatTimeLeftUntil, formatWaited, nextWaitedChange as nextWaitedChangeAt } from '../../src/i18n/format.js';
import { nextRedraw } from '../../src/templates/redraw.js';

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`bad fixture date ${iso}`);
  return ms;
};

const NOW = at('2026-11-24T13:05:00Z');
const HOUR = 3_600_000;
const MINUTE = 60_000;

const backup = (id: string, status: string, over: Partial<Backup> = {}): Backup => ({
  id,
  status,
  requestedAt: '2026-11-24T10:05:00Z',
  ...(status === 'ready' ? { readyAt: '2026-11-24T12:00:00Z', expiresAt: '2026-12-04T12:00:00Z' } : {}),
  ...over,
});

const ids = (list: Backup[]): string[] => list.map((b) => b.id);

describe('ready-watch: becameReady', () => {
  it('the first load reports nothing, even with ready backups', () => {
    expect(becameReady(undefined, [backup('a', 'ready'), backup('b', 'in_progress')], NOW)).to.deep.equal([]);
  });

  it('reports a backup that went from in progress or awaiting release to ready', () => {
    const before = [backup('a', 'in_progress'), backup('b', 'awaiting_release'), backup('c', 'in_progress')];
    const after = [backup('a', 'ready'), backup('b', 'ready'), backup('c', 'in_progress')];
    expect(ids(becameReady(before, after, NOW))).to.deep.equal(['a', 'b']);
  });

  it('returns the rows of the new list (their size, expiry, checksum), in its order', () => {
    const ready = backup('a', 'ready', { sizeBytes: 42, sha256: 'ab'.repeat(32) });
    const result = becameReady([backup('a', 'in_progress')], [backup('z', 'ready'), ready], NOW);
    expect(result).to.have.length(2);
    expect(result[1]).to.equal(ready);
    expect(ids(result)).to.deep.equal(['z', 'a']);
  });

  it('reports a backup absent before that appears ready (another administrator, another tab)', () => {
    expect(ids(becameReady([], [backup('new', 'ready')], NOW))).to.deep.equal(['new']);
    expect(ids(becameReady([backup('old', 'expired')], [backup('new', 'ready'), backup('old', 'expired')], NOW))).to.deep.equal(['new']);
  });

  it('does not report a backup that was already ready', () => {
    expect(becameReady([backup('a', 'ready')], [backup('a', 'ready')], NOW)).to.deep.equal([]);
  });

  it('does not report a backup that was ready and is given a later expiry after the old one passed', () => {
    const before = [backup('a', 'ready', { expiresAt: '2026-11-24T13:00:00Z' })];
    const after = [backup('a', 'ready', { expiresAt: '2026-11-30T13:00:00Z' })];
    expect(becameReady(before, after, NOW)).to.deep.equal([]);
  });

  it('does not report a backup whose status says ready but has expired at now', () => {
    const after = [backup('a', 'ready', { expiresAt: '2026-11-24T13:05:00Z' }), backup('b', 'ready', { expiresAt: null, readyAt: '2026-11-14T13:05:00Z' })];
    expect(becameReady([backup('a', 'in_progress'), backup('b', 'in_progress')], after, NOW)).to.deep.equal([]);
  });

  it('does not report other transitions: to expired, server error, an unknown status', () => {
    const before = [backup('a', 'in_progress'), backup('b', 'in_progress'), backup('c', 'in_progress'), backup('d', 'ready')];
    const after = [backup('a', 'server_error'), backup('b', 'expired'), backup('c', 'archived'), backup('d', 'expired')];
    expect(becameReady(before, after, NOW)).to.deep.equal([]);
  });

  it('reports a backup that was in an unknown or error status and is now ready', () => {
    expect(ids(becameReady([backup('a', 'archived'), backup('b', 'server_error')], [backup('a', 'ready'), backup('b', 'ready')], NOW))).to.deep.equal(['a', 'b']);
  });

  it('a backup that vanishes from the list is not reported', () => {
    expect(becameReady([backup('a', 'in_progress')], [], NOW)).to.deep.equal([]);
  });

  it('property: reports exactly the ready rows whose id was not ready before; nothing twice when nothing changes', () => {
    const status = fc.constantFrom('awaiting_release', 'in_progress', 'ready', 'expired', 'server_error', 'weird');
    const list = fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), status }), { maxLength: 6 }).map((rows) => rows.map((r) => backup(r.id, r.status)));
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

describe('ready-watch: waitingFor', () => {
  it('is the time since the request for a backup awaiting release or in progress', () => {
    expect(waitingFor(backup('a', 'awaiting_release'), NOW)).to.equal(3 * HOUR);
    expect(waitingFor(backup('a', 'in_progress'), NOW)).to.equal(3 * HOUR);
    expect(waitingFor(backup('a', 'in_progress'), NOW + DAY_MS)).to.equal(27 * HOUR);
  });

  it('is null for every other status', () => {
    for (const status of ['ready', 'expired', 'server_error', 'archived', '']) {
      expect(waitingFor(backup('a', status), NOW), status).to.equal(null);
    }
  });

  it('is null when requestedAt is not a date', () => {
    expect(waitingFor(backup('a', 'in_progress', { requestedAt: 'yesterday' }), NOW)).to.equal(null);
    expect(waitingFor(backup('a', 'in_progress', { requestedAt: '' }), NOW)).to.equal(null);
  });

  it('is 0, never negative, for a request dated after now (a server clock ahead of ours)', () => {
    expect(waitingFor(backup('a', 'in_progress', { requestedAt: '2026-11-24T13:06:00Z' }), NOW)).to.equal(0);
  });
});

describe('ready-watch: formatWaited', () => {
  it('reads naturally in each language', () => {
    expect(formatWaited('pt-BR', 3 * HOUR)).to.equal('há 3 horas');
    expect(formatWaited('en', 3 * HOUR)).to.equal('3 hours ago');
    expect(formatWaited('es', 3 * HOUR)).to.equal('hace 3 horas');
  });

  it('minutes under an hour, at least one', () => {
    expect(formatWaited('pt-BR', 0)).to.equal('há 1 minuto');
    expect(formatWaited('en', 30_000)).to.equal('1 minute ago');
    expect(formatWaited('en', 59 * MINUTE + 59_999)).to.equal('59 minutes ago');
    expect(formatWaited('es', 5 * MINUTE)).to.equal('hace 5 minutos');
  });

  it('hours from one hour to just under two days', () => {
    expect(formatWaited('en', HOUR)).to.equal('1 hour ago');
    expect(formatWaited('pt-BR', HOUR)).to.equal('há 1 hora');
    expect(formatWaited('en', 30 * HOUR)).to.equal('30 hours ago');
    expect(formatWaited('es', 2 * DAY_MS - 1)).to.equal('hace 47 horas');
  });

  it('days from two days on, never "yesterday" or "anteontem"', () => {
    expect(formatWaited('en', 2 * DAY_MS)).to.equal('2 days ago');
    expect(formatWaited('pt-BR', 2 * DAY_MS)).to.equal('há 2 dias');
    expect(formatWaited('es', 3 * DAY_MS - 1)).to.equal('hace 2 días');
    expect(formatWaited('pt-BR', 40 * DAY_MS)).to.equal('há 40 dias');
  });

  it('a negative or unreadable duration reads as just now ("1 minute ago"), never "in …"', () => {
    expect(formatWaited('en', -5 * HOUR)).to.equal('1 minute ago');
    expect(formatWaited('en', NaN)).to.equal('1 minute ago');
  });

  it('formats what waitingFor measures', () => {
    expect(formatWaited('pt-BR', waitingFor(backup('a', 'awaiting_release'), NOW)!)).to.equal('há 3 horas');
  });
});

/** When a backup's wait next reads differently: `null` when it shows none (as the list asks it). */
const nextWaitedChange = (b: Backup, now: number): number | null => {
  const waited = waitingFor(b, now);
  return waited === null ? null : nextWaitedChangeAt(now, waited);
};

describe('ready-watch: nextWaitedChange', () => {
  /** A pending backup requested at `requested` (epoch ms). */
  const pendingAt = (requested: number, status = 'in_progress'): Backup => backup('p', status, { requestedAt: new Date(requested).toISOString() });
  const requested = at('2026-11-24T10:05:00Z');
  const reads = (b: Backup, now: number) => formatWaited('pt-BR', waitingFor(b, now)!);

  it('null for a backup that shows no wait: not pending, or requestedAt unreadable', () => {
    for (const status of ['ready', 'expired', 'server_error', 'cancelled', 'weird']) expect(nextWaitedChange(backup('x', status), NOW), status).to.equal(null);
    expect(nextWaitedChange(backup('x', 'in_progress', { requestedAt: 'yesterday' }), NOW)).to.equal(null);
  });

  it('minutes: at the next whole minute waited; at a whole minute, the one after', () => {
    expect(nextWaitedChange(pendingAt(requested), requested + 2.5 * MINUTE)).to.equal(requested + 3 * MINUTE);
    expect(nextWaitedChange(pendingAt(requested), requested + 3 * MINUTE)).to.equal(requested + 4 * MINUTE);
    expect(nextWaitedChange(pendingAt(requested, 'awaiting_release'), requested)).to.equal(requested + MINUTE);
  });

  it('from minutes to hours at one hour, from hours to days at two days', () => {
    const b = pendingAt(requested);
    expect(nextWaitedChange(b, requested + 59.5 * MINUTE)).to.equal(requested + HOUR);
    expect(reads(b, requested + HOUR)).to.equal('há 1 hora');
    expect(nextWaitedChange(b, requested + 3.2 * HOUR)).to.equal(requested + 4 * HOUR);
    expect(nextWaitedChange(b, requested + 47.5 * HOUR)).to.equal(requested + 2 * DAY_MS);
    expect(reads(b, requested + 2 * DAY_MS)).to.equal('há 2 dias');
    expect(nextWaitedChange(b, requested + 3.5 * DAY_MS)).to.equal(requested + 4 * DAY_MS);
  });

  it('a request dated after now (the server ahead of the device) waits a minute at a time, reading "há 1 minuto"', () => {
    const b = pendingAt(NOW + 5 * MINUTE);
    expect(nextWaitedChange(b, NOW)).to.equal(NOW + MINUTE);
    expect(reads(b, NOW)).to.equal('há 1 minuto');
  });

  it('property: after now; the row reads the same until then, and differently at it once a minute has passed (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.integer({ min: -HOUR, max: 60 * DAY_MS }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (now, waited, r) => {
        const b = pendingAt(now - waited);
        const next = nextWaitedChange(b, now)!;
        expect(next).to.be.above(now);
        expect(reads(b, next - 1)).to.equal(reads(b, now));
        expect(reads(b, now + Math.floor((next - 1 - now) * r))).to.equal(reads(b, now));
        if (waited >= MINUTE) expect(reads(b, next)).not.to.equal(reads(b, now));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('ready-watch: nextRedraw', () => {
  const iso = (ms: number) => new Date(ms).toISOString();

  /** Everything a row and the toolbar show that depends on the clock alone. */
  const screen = (list: BackupList, now: number): string =>
    JSON.stringify([
      canRequest(list, now),
      list.backups.map((b) => {
        const waited = waitingFor(b, now);
        const left = timeLeft(b, now);
        return [effectiveStatus(b, now), isCancellable(b, now), waited === null ? null : formatWaited('pt-BR', waited), left === null ? null : formatTimeLeftUntil('pt-BR', now, expiryOf(b)!)];
      }),
    ]);

  it('null when nothing will change by itself: no rows, or only final ones, and a request allowed', () => {
    expect(nextRedraw({ backups: [], nextRequestAt: null }, NOW)).to.equal(null);
    const final = [backup('e', 'expired'), backup('s', 'server_error'), backup('c', 'cancelled')];
    expect(nextRedraw({ backups: final, nextRequestAt: null }, NOW)).to.equal(null);
    expect(nextRedraw({ backups: final, nextRequestAt: iso(NOW - DAY_MS) }, NOW)).to.equal(null);
  });

  it('the request button coming back, a wait read anew, a time left read anew: the soonest', () => {
    const next = NOW + 5 * DAY_MS;
    expect(nextRedraw({ backups: [], nextRequestAt: iso(next) }, NOW)).to.equal(next);
    // Requested at 10:05, now 13:05: "há 3 horas" until 14:05.
    expect(nextRedraw({ backups: [backup('p', 'in_progress')], nextRequestAt: iso(next) }, NOW)).to.equal(NOW + HOUR);
    // Expiring in 5 h 30 min: "em 6 horas" until 5 h are left.
    const ready = backup('r', 'ready', { expiresAt: iso(NOW + 5.5 * HOUR) });
    expect(nextRedraw({ backups: [ready], nextRequestAt: iso(next) }, NOW)).to.equal(NOW + 0.5 * HOUR);
    expect(nextRedraw({ backups: [ready, backup('p', 'in_progress', { requestedAt: iso(NOW - 30 * 1000) })], nextRequestAt: null }, NOW)).to.equal(NOW + 30 * 1000);
  });

  it('property: what the user sees stays the same until the instant returned; with none, for years (10,000 runs)', () => {
    const around = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
    const row = (base: number) =>
      fc
        .tuple(
          fc.constantFrom('awaiting_release', 'in_progress', 'ready', 'expired', 'server_error', 'cancelled', 'weird'),
          fc.integer({ min: -40 * DAY_MS, max: DAY_MS }),
          fc.option(fc.integer({ min: -12 * DAY_MS, max: 12 * DAY_MS }), { nil: null }),
          fc.boolean(),
        )
        .map(([status, requested, expires, cancellable]): Backup => ({
          id: `${status}${requested}`,
          status,
          requestedAt: iso(base + requested),
          ...(status === 'ready' ? { readyAt: iso(base + requested), expiresAt: expires === null ? null : iso(base + expires) } : {}),
          cancellable,
        }));
    const listAndNow = around.chain((base) =>
      fc.tuple(
        fc.record({ backups: fc.array(row(base), { maxLength: 5 }), nextRequestAt: fc.option(fc.integer({ min: -DAY_MS, max: 30 * DAY_MS }).map((d) => iso(base + d)), { nil: null }) }),
        fc.integer({ min: -2 * HOUR, max: 2 * HOUR }).map((d) => base + d),
      ),
    );
    fc.assert(
      fc.property(listAndNow, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), ([list, now], r) => {
        const next = nextRedraw(list, now);
        const seen = screen(list, now);
        if (next === null) {
          for (const later of [now + HOUR, now + 40 * DAY_MS, now + 3650 * DAY_MS]) expect(screen(list, later), 'nothing changes').to.equal(seen);
          return;
        }
        expect(next).to.be.above(now);
        expect(screen(list, next - 1), `until ${iso(next)}`).to.equal(seen);
        expect(screen(list, now + Math.floor((next - 1 - now) * r))).to.equal(seen);
      }),
      { numRuns: 10_000 },
    );
  });
});
