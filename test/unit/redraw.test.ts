/**
 * templates/redraw.ts: the instant the screen next changes by itself (a wait read anew, a time
 * left read anew, the request button coming back), so the element redraws then and only then.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Backup, BackupList } from '../../src/core/types.js';
import { canRequest, effectiveStatus, expiryOf, isCancellable, timeLeft, waitingFor } from '../../src/core/rules.js';
import { formatTimeLeftUntil, formatWaited } from '../../src/i18n/format.js';
import { nextRedraw } from '../../src/templates/redraw.js';
import { DAY_MS, HOUR_MS, iso } from '../../mocks/time.js';

const NOW = Date.parse('2026-11-24T13:05:00Z');

const backup = (id: string, status: string, over: Partial<Backup> = {}): Backup => ({
  id,
  status,
  requestedAt: '2026-11-24T10:05:00Z',
  ...(status === 'ready' ? { readyAt: '2026-11-24T12:00:00Z', expiresAt: '2026-12-04T12:00:00Z' } : {}),
  ...over,
});

describe('redraw: nextRedraw', () => {
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
    expect(nextRedraw({ backups: [backup('p', 'in_progress')], nextRequestAt: iso(next) }, NOW)).to.equal(NOW + HOUR_MS);
    // Expiring in 5 h 30 min: "em 6 horas" until 5 h are left.
    const ready = backup('r', 'ready', { expiresAt: iso(NOW + 5.5 * HOUR_MS) });
    expect(nextRedraw({ backups: [ready], nextRequestAt: iso(next) }, NOW)).to.equal(NOW + 0.5 * HOUR_MS);
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
        fc.integer({ min: -2 * HOUR_MS, max: 2 * HOUR_MS }).map((d) => base + d),
      ),
    );
    fc.assert(
      fc.property(listAndNow, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), ([list, now], r) => {
        const next = nextRedraw(list, now);
        const seen = screen(list, now);
        if (next === null) {
          for (const later of [now + HOUR_MS, now + 40 * DAY_MS, now + 3650 * DAY_MS]) expect(screen(list, later), 'nothing changes').to.equal(seen);
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
