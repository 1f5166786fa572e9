import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Backup } from '../src/core/types.js';
import { DAY_MS } from '../src/core/rules.js';
import { becameReady, waitingFor } from '../src/core/rules.js';
import { formatWaited } from '../src/i18n/format.js';

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
