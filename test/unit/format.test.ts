/**
 * i18n/format.ts: what each formatter prints in the three languages (dates, the UTC copy, sizes,
 * time left, time waited, plurals), and the instants at which what it prints next changes. The
 * runner pins TZ=America/Sao_Paulo (UTC−3 all year since 2019), so local times are three hours
 * behind UTC. ICU separates some parts with no-break spaces: folded to spaces.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Backup } from '../../src/core/types.js';
import { waitingFor } from '../../src/core/rules.js';
import {
  formatDate,
  formatSize,
  formatTimeLeftUntil,
  formatUtc,
  formatWaited,
  nextMidnight,
  nextTimeLeftChange,
  nextWaitedChange as nextWaitedChangeAt,
  showsUtcCopy,
  timeLeftUntil,
  userTimeZone,
} from '../../src/i18n/format.js';
import { stringsFor, type LocaleCode } from '../../src/i18n/resolve.js';
import { DAY_MS, HOUR_MS } from '../../mocks/time.js';

const plain = (s: string | null) => s?.replace(/[\u00a0\u202f]/g, ' ') ?? null;

/** 24 Nov 2026, 13:05 UTC: 10:05 in São Paulo. */
const NOV_24 = Date.UTC(2026, 10, 24, 13, 5);
/** 1 Jan 2026, 01:00 UTC: still 31 Dec 2025 in São Paulo. */
const NEW_YEAR_UTC = Date.UTC(2026, 0, 1, 1, 0);

const at = (iso: string) => Date.parse(iso);
const SAO_PAULO = 'America/Sao_Paulo'; // UTC−3 all year
const LISBON = 'Europe/Lisbon'; // UTC+0 in winter, +1 from the last Sunday of March

/** 24 Nov 2026, 13:05 UTC. */
const NOW = at('2026-11-24T13:05:00Z');
const MINUTE_MS = 60_000;

/** A row requested at 10:05 that day, ready at 12:00 (for 10 days) when its status says so. */
const backup = (id: string, status: string, over: Partial<Backup> = {}): Backup => ({
  id,
  status,
  requestedAt: '2026-11-24T10:05:00Z',
  ...(status === 'ready' ? { readyAt: '2026-11-24T12:00:00Z', expiresAt: '2026-12-04T12:00:00Z' } : {}),
  ...over,
});

describe('formatDate: local date and time, medium date and short time', () => {
  const expected: Record<LocaleCode, [string, string]> = {
    'pt-BR': ['24 de nov. de 2026, 10:05', '31 de dez. de 2025, 22:00'],
    en: ['Nov 24, 2026, 10:05 AM', 'Dec 31, 2025, 10:00 PM'],
    es: ['24 nov 2026, 10:05', '31 dic 2025, 22:00'],
  };
  for (const [locale, [nov, newYear]] of Object.entries(expected) as [LocaleCode, [string, string]][]) {
    it(`${locale}: in the user's time zone (America/Sao_Paulo here)`, () => {
      expect(plain(formatDate(locale, NOV_24))).to.equal(nov);
      expect(plain(formatDate(locale, NEW_YEAR_UTC)), 'the local day, not the UTC one').to.equal(newYear);
    });
  }

  it('is the same for the same instant, however often it is asked (one formatter per locale)', () => {
    expect(formatDate('pt-BR', NOV_24)).to.equal(formatDate('pt-BR', NOV_24));
    expect(formatDate('en', NOV_24)).not.to.equal(formatDate('pt-BR', NOV_24));
  });
});

describe('formatUtc: the same instant in UTC, numeric with a four-digit year, with the zone named', () => {
  const expected: Record<LocaleCode, [string, string]> = {
    'pt-BR': ['24/11/2026, 13:05 UTC', '01/01/2026, 01:00 UTC'],
    en: ['11/24/2026, 1:05 PM UTC', '01/01/2026, 1:00 AM UTC'],
    es: ['24/11/2026, 13:05 UTC', '01/01/2026, 01:00 UTC'],
  };
  for (const [locale, [nov, newYear]] of Object.entries(expected) as [LocaleCode, [string, string]][]) {
    it(locale, () => {
      expect(plain(formatUtc(locale, NOV_24))).to.equal(nov);
      expect(plain(formatUtc(locale, NEW_YEAR_UTC)), 'the UTC day').to.equal(newYear);
    });
  }
});

describe('formatUtc and showsUtcCopy: the UTC copy', () => {
  it('has a four-digit year in every language', () => {
    const ms = at('2026-12-29T15:00:00Z');
    // ICU puts a narrow no-break space before PM (\s matches it; older ICU, a plain space).
    expect(formatUtc('en', ms)).to.match(/^12\/29\/2026, 3:00\sPM UTC$/);
    expect(formatUtc('pt-BR', ms)).to.equal('29/12/2026, 15:00 UTC');
    expect(formatUtc('es', ms)).to.equal('29/12/2026, 15:00 UTC');
  });

  it('is shown unless the user’s zone is UTC', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Etc/GMT+0', 'Zulu', 'Etc/Universal']) expect(showsUtcCopy(zone), zone).to.equal(false);
    for (const zone of [SAO_PAULO, LISBON, 'Europe/London', 'Africa/Abidjan', 'Etc/GMT+3']) expect(showsUtcCopy(zone), zone).to.equal(true);
    expect(showsUtcCopy()).to.equal(true); // the pinned São Paulo
  });
});

describe('formatSize: decimal units, one decimal at most', () => {
  const cases: [number, Record<LocaleCode, string>][] = [
    [0, { 'pt-BR': '0 bytes', en: '0 byte', es: '0 B' }],
    [999, { 'pt-BR': '999 bytes', en: '999 byte', es: '999 B' }],
    [1000, { 'pt-BR': '1 kB', en: '1 kB', es: '1 kB' }],
    [1234, { 'pt-BR': '1,2 kB', en: '1.2 kB', es: '1,2 kB' }],
    [1_500_000, { 'pt-BR': '1,5 MB', en: '1.5 MB', es: '1,5 MB' }],
    [1_500_000_000, { 'pt-BR': '1,5 GB', en: '1.5 GB', es: '1,5 GB' }],
    [2_000_000_000_000, { 'pt-BR': '2 TB', en: '2 TB', es: '2 TB' }],
    // Past the largest unit, the number grows instead.
    [1e18, { 'pt-BR': '1.000 PB', en: '1,000 PB', es: '1000 PB' }],
  ];
  for (const [bytes, byLocale] of cases) {
    it(`${bytes} bytes`, () => {
      for (const locale of ['pt-BR', 'en', 'es'] as const) expect(plain(formatSize(locale, bytes)), locale).to.equal(byLocale[locale]);
    });
  }

  it('a size that makes no sense is null, not a made-up text', () => {
    for (const bad of [null, undefined, NaN, -1, -Infinity, Infinity]) expect(formatSize('pt-BR', bad), String(bad)).to.equal(null);
  });
});

describe('formatTimeLeftUntil: time left until a date, as the shown date reads it', () => {
  it('runs in the zone the test runner pins, which is the default', () => {
    expect(userTimeZone()).to.equal(SAO_PAULO);
    expect(timeLeftUntil(at('2026-12-01T13:00:00Z'), at('2026-12-09T11:00:00Z'))).to.deep.equal({ value: 8, unit: 'day' });
  });

  it('counts calendar days to the date shown, not 24-hour spans', () => {
    // 1 Dec 10:00 → 9 Dec 08:00 in São Paulo: 7.9 days of time, but "9 de dez." is 8 days away.
    const now = at('2026-12-01T13:00:00Z');
    const until = at('2026-12-09T11:00:00Z');
    expect(formatDate('pt-BR', until)).to.match(/^9 de dez\. de 2026/);
    expect(timeLeftUntil(now, until, SAO_PAULO)).to.deep.equal({ value: 8, unit: 'day' });
    expect(formatTimeLeftUntil('pt-BR', now, until, SAO_PAULO)).to.equal('em 8 dias');
    expect(formatTimeLeftUntil('en', now, until, SAO_PAULO)).to.equal('in 8 days');
    expect(formatTimeLeftUntil('es', now, until, SAO_PAULO)).to.equal('dentro de 8 días');
    // Any hour of 9 Dec is 8 days away; from local midnight on 2 Dec it is 7.
    expect(timeLeftUntil(now, at('2026-12-10T02:59:00Z'), SAO_PAULO).value).to.equal(8);
    expect(timeLeftUntil(now, at('2026-12-10T03:00:00Z'), SAO_PAULO).value).to.equal(9);
    expect(timeLeftUntil(at('2026-12-02T02:59:00Z'), until, SAO_PAULO).value).to.equal(8);
    expect(timeLeftUntil(at('2026-12-02T03:00:00Z'), until, SAO_PAULO).value).to.equal(7);
  });

  it('switches to hours under a day, rounding up, never "in 0 hours"', () => {
    const now = at('2026-12-01T13:00:00Z');
    expect(timeLeftUntil(now, now + 23.5 * HOUR_MS, SAO_PAULO)).to.deep.equal({ value: 24, unit: 'hour' });
    expect(timeLeftUntil(now, now + 60_000, SAO_PAULO)).to.deep.equal({ value: 1, unit: 'hour' });
    expect(formatTimeLeftUntil('pt-BR', now, now + 5 * HOUR_MS, SAO_PAULO)).to.equal('em 5 horas');
    // Exactly a day: the next calendar day.
    expect(timeLeftUntil(now, now + 24 * HOUR_MS, SAO_PAULO)).to.deep.equal({ value: 1, unit: 'day' });
  });

  it('follows the zone it is given: the same instants are 2 days apart in Lisbon, 1 in São Paulo', () => {
    const now = at('2026-12-01T23:30:00Z'); // Lisbon 1 Dec 23:30, São Paulo 1 Dec 20:30
    const until = at('2026-12-03T00:30:00Z'); // Lisbon 3 Dec 00:30, São Paulo 2 Dec 21:30
    expect(timeLeftUntil(now, until, LISBON)).to.deep.equal({ value: 2, unit: 'day' });
    expect(timeLeftUntil(now, until, SAO_PAULO)).to.deep.equal({ value: 1, unit: 'day' });
  });

  it('is not thrown by a daylight-saving change (Lisbon, 28 Mar 2027: a 23-hour day)', () => {
    // 27 Mar 12:00 WET → 30 Mar 12:00 WEST: 71 hours, three calendar days.
    expect(timeLeftUntil(at('2027-03-27T12:00:00Z'), at('2027-03-30T11:00:00Z'), LISBON)).to.deep.equal({ value: 3, unit: 'day' });
    // 27 Mar 23:30 WET → 29 Mar 00:30 WEST: 24 hours of time, two dates apart.
    expect(timeLeftUntil(at('2027-03-27T23:30:00Z'), at('2027-03-28T23:30:00Z'), LISBON)).to.deep.equal({ value: 2, unit: 'day' });
  });
});

/** The calendar day of an instant in a zone, as YYYY-MM-DD (en-CA writes ISO dates). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayIn = (ms: number, timeZone: string): string => {
  if (!dayFormats.has(timeZone)) dayFormats.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  return dayFormats.get(timeZone)!.format(ms);
};

/** Zones whose days begin on a whole UTC hour, with DST (Berlin, New York), without (São Paulo now, Tokyo), at midnight (Havana) and far east and west. */
const WHOLE_HOUR_ZONES = ['UTC', 'America/Sao_Paulo', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'America/Havana', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
const INSTANTS = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });

describe('nextMidnight: the first instant of the next calendar day in a zone', () => {
  it('in São Paulo, 03:00 UTC, from any hour of the day before', () => {
    expect(nextMidnight(NOV_24, 'America/Sao_Paulo')).to.equal(Date.UTC(2026, 10, 25, 3));
    expect(nextMidnight(Date.UTC(2026, 10, 25, 2, 59, 59, 999), 'America/Sao_Paulo')).to.equal(Date.UTC(2026, 10, 25, 3));
    // At midnight itself, the next one.
    expect(nextMidnight(Date.UTC(2026, 10, 25, 3), 'America/Sao_Paulo')).to.equal(Date.UTC(2026, 10, 26, 3));
    // The user's zone by default.
    expect(nextMidnight(NOV_24)).to.equal(Date.UTC(2026, 10, 25, 3));
  });

  it('a day that starts at 01:00 (São Paulo’s DST began at midnight until 2018; Havana’s still does)', () => {
    // 4 Nov 2018: 00:00 did not exist in São Paulo, the day began at 01:00 (−02:00) = 03:00 UTC.
    expect(nextMidnight(Date.UTC(2018, 10, 3, 15), 'America/Sao_Paulo')).to.equal(Date.UTC(2018, 10, 4, 3));
    // 8 Mar 2026 in Havana: 00:00 (−05:00) became 01:00 (−04:00), 05:00 UTC.
    expect(nextMidnight(Date.UTC(2026, 2, 7, 15), 'America/Havana')).to.equal(Date.UTC(2026, 2, 8, 5));
  });

  it('asked in any order, for any zone, the answer is the same', () => {
    const later = Date.UTC(2026, 10, 25, 12);
    expect(nextMidnight(later, 'Asia/Tokyo')).to.equal(Date.UTC(2026, 10, 25, 15));
    expect(nextMidnight(NOV_24, 'Asia/Tokyo')).to.equal(Date.UTC(2026, 10, 24, 15));
    expect(nextMidnight(NOV_24, 'UTC')).to.equal(Date.UTC(2026, 10, 25));
    expect(nextMidnight(later, 'Asia/Tokyo')).to.equal(Date.UTC(2026, 10, 25, 15));
    expect(nextMidnight(Date.UTC(2026, 10, 24, 14, 59), 'Asia/Tokyo')).to.equal(Date.UTC(2026, 10, 24, 15));
  });

  it('property: without a zone, the user\'s own (read from a Date, no formatter) gives what Intl gives for it (2,000 runs)', () => {
    // São Paulo, pinned by the test runner, had DST (and days that began at 01:00) until 2019.
    fc.assert(
      fc.property(INSTANTS, fc.integer({ min: 1, max: 40 * DAY_MS }), (now, left) => {
        expect(nextMidnight(now)).to.equal(nextMidnight(now, SAO_PAULO));
        expect(timeLeftUntil(now, now + left)).to.deep.equal(timeLeftUntil(now, now + left, SAO_PAULO));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: after now, on another calendar day, and the first instant of it (2,000 runs)', () => {
    fc.assert(
      fc.property(INSTANTS, fc.constantFrom(...WHOLE_HOUR_ZONES), (now, zone) => {
        const at = nextMidnight(now, zone);
        expect(at).to.be.above(now);
        expect(dayIn(at, zone), `${zone} ${new Date(now).toISOString()}`).not.to.equal(dayIn(now, zone));
        expect(dayIn(at - 1, zone), `${zone} ${new Date(now).toISOString()}`).to.equal(dayIn(now, zone));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nextTimeLeftChange: when "em N dias / horas" next reads differently', () => {
  /** What the row says at `now`. */
  const reads = (now: number, until: number, zone?: string) => JSON.stringify(timeLeftUntil(now, until, zone));

  it('under a day, at each whole hour left: 5 h 30 min left → in 30 min (5 h left)', () => {
    const until = NOV_24 + 5.5 * HOUR_MS;
    expect(nextTimeLeftChange(NOV_24, until)).to.equal(NOV_24 + 0.5 * HOUR_MS);
    expect(reads(NOV_24, until)).to.equal(JSON.stringify({ value: 6, unit: 'hour' }));
    expect(reads(NOV_24 + 0.5 * HOUR_MS, until)).to.equal(JSON.stringify({ value: 5, unit: 'hour' }));
    // The last hour: at the expiry itself (the row expires then).
    expect(nextTimeLeftChange(until - 10 * 60_000, until)).to.equal(until);
  });

  it('from a day on, at the next midnight, or when a day is left, whichever comes first', () => {
    // 10 days left at 10:05 in São Paulo: the next midnight (03:00 UTC) comes first.
    expect(nextTimeLeftChange(NOV_24, NOV_24 + 10 * DAY_MS, 'America/Sao_Paulo')).to.equal(Date.UTC(2026, 10, 25, 3));
    // 1 day and 2 hours left at 10:05: "em 1 dia" while a whole day is left, hours from the next
    // millisecond on ("em 24 horas").
    expect(nextTimeLeftChange(NOV_24, NOV_24 + DAY_MS + 2 * HOUR_MS, 'America/Sao_Paulo')).to.equal(NOV_24 + 2 * HOUR_MS + 1);
  });

  it('property: the row reads the same from now until just before the instant returned, which is after now (2,000 runs)', () => {
    fc.assert(
      fc.property(INSTANTS, fc.integer({ min: 1, max: 40 * DAY_MS }), fc.constantFrom(...WHOLE_HOUR_ZONES), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (now, left, zone, r) => {
        const until = now + left;
        const next = nextTimeLeftChange(now, until, zone);
        const label = `${zone} now ${new Date(now).toISOString()} until ${new Date(until).toISOString()} → ${new Date(next).toISOString()}`;
        expect(next, label).to.be.above(now);
        expect(reads(next - 1, until, zone), label).to.equal(reads(now, until, zone));
        const between = now + Math.floor((next - 1 - now) * r);
        expect(reads(between, until, zone), label).to.equal(reads(now, until, zone));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nextMidnight and nextTimeLeftChange at their edges', () => {
  const reads = (now: number, until: number, zone?: string) => JSON.stringify(timeLeftUntil(now, until, zone));

  it('nextMidnight: zones whose days begin on a half or three-quarter hour (India, Nepal, Newfoundland, Chatham) get their own midnight', () => {
    // 24 Nov 2026: midnight in Kolkata (+05:30) is 18:30 UTC, in Kathmandu (+05:45) 18:15 UTC,
    // in St John's (−03:30) 03:30 UTC, on the Chatham Islands (+13:45 in summer) 10:15 UTC.
    expect(nextMidnight(NOV_24, 'Asia/Kolkata'), 'Kolkata').to.equal(Date.UTC(2026, 10, 24, 18, 30));
    expect(nextMidnight(NOV_24, 'Asia/Kathmandu'), 'Kathmandu').to.equal(Date.UTC(2026, 10, 24, 18, 15));
    expect(nextMidnight(NOV_24, 'America/St_Johns'), 'St John’s').to.equal(Date.UTC(2026, 10, 25, 3, 30));
    expect(nextMidnight(NOV_24, 'Pacific/Chatham'), 'Chatham').to.equal(Date.UTC(2026, 10, 25, 10, 15));
    // So "em N dias" changes at midnight there too, not half an hour later.
    const until = Date.UTC(2026, 11, 4, 12);
    const next = nextTimeLeftChange(NOV_24, until, 'Asia/Kolkata');
    expect(reads(next - 1, until, 'Asia/Kolkata'), 'the row read the same until then').to.equal(reads(NOV_24, until, 'Asia/Kolkata'));
  });

  it('nextTimeLeftChange: exactly one day before the expiry, the next change is after now (a moment later the row reads hours)', () => {
    const until = NOV_24 + 10 * DAY_MS;
    const now = until - DAY_MS;
    expect(reads(now + 1, until)).to.equal(JSON.stringify({ value: 24, unit: 'hour' }));
    expect(reads(now, until)).not.to.equal(reads(now + 1, until));
    // The instant returned must be after now, or nextRedraw drops it and "em 1 dia" stays until
    // the next midnight: here it returns now itself.
    expect(nextTimeLeftChange(now, until)).to.equal(now + 1);
    expect(nextTimeLeftChange(now - HOUR_MS, until), 'an hour before: the same instant').to.be.at.most(now + 1);
  });
});

describe('formatWaited: how long a request has waited', () => {
  it('reads naturally in each language', () => {
    expect(formatWaited('pt-BR', 3 * HOUR_MS)).to.equal('há 3 horas');
    expect(formatWaited('en', 3 * HOUR_MS)).to.equal('3 hours ago');
    expect(formatWaited('es', 3 * HOUR_MS)).to.equal('hace 3 horas');
  });

  it('minutes under an hour, at least one', () => {
    expect(formatWaited('pt-BR', 0)).to.equal('há 1 minuto');
    expect(formatWaited('en', 30_000)).to.equal('1 minute ago');
    expect(formatWaited('en', 59 * MINUTE_MS + 59_999)).to.equal('59 minutes ago');
    expect(formatWaited('es', 5 * MINUTE_MS)).to.equal('hace 5 minutos');
  });

  it('hours from one hour to just under two days', () => {
    expect(formatWaited('en', HOUR_MS)).to.equal('1 hour ago');
    expect(formatWaited('pt-BR', HOUR_MS)).to.equal('há 1 hora');
    expect(formatWaited('en', 30 * HOUR_MS)).to.equal('30 hours ago');
    expect(formatWaited('es', 2 * DAY_MS - 1)).to.equal('hace 47 horas');
  });

  it('days from two days on, never "yesterday" or "anteontem"', () => {
    expect(formatWaited('en', 2 * DAY_MS)).to.equal('2 days ago');
    expect(formatWaited('pt-BR', 2 * DAY_MS)).to.equal('há 2 dias');
    expect(formatWaited('es', 3 * DAY_MS - 1)).to.equal('hace 2 días');
    expect(formatWaited('pt-BR', 40 * DAY_MS)).to.equal('há 40 dias');
  });

  it('a negative or unreadable duration reads as just now ("1 minute ago"), never "in …"', () => {
    expect(formatWaited('en', -5 * HOUR_MS)).to.equal('1 minute ago');
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

describe('nextWaitedChange: when the time waited next reads differently', () => {
  /** A pending backup requested at `requested` (epoch ms). */
  const pendingAt = (requested: number, status = 'in_progress'): Backup => backup('p', status, { requestedAt: new Date(requested).toISOString() });
  const requested = at('2026-11-24T10:05:00Z');
  const reads = (b: Backup, now: number) => formatWaited('pt-BR', waitingFor(b, now)!);

  it('null for a backup that shows no wait: not pending, or requestedAt unreadable', () => {
    for (const status of ['ready', 'expired', 'server_error', 'cancelled', 'weird']) expect(nextWaitedChange(backup('x', status), NOW), status).to.equal(null);
    expect(nextWaitedChange(backup('x', 'in_progress', { requestedAt: 'yesterday' }), NOW)).to.equal(null);
  });

  it('minutes: at the next whole minute waited; at a whole minute, the one after', () => {
    expect(nextWaitedChange(pendingAt(requested), requested + 2.5 * MINUTE_MS)).to.equal(requested + 3 * MINUTE_MS);
    expect(nextWaitedChange(pendingAt(requested), requested + 3 * MINUTE_MS)).to.equal(requested + 4 * MINUTE_MS);
    expect(nextWaitedChange(pendingAt(requested, 'awaiting_release'), requested)).to.equal(requested + MINUTE_MS);
  });

  it('from minutes to hours at one hour, from hours to days at two days', () => {
    const b = pendingAt(requested);
    expect(nextWaitedChange(b, requested + 59.5 * MINUTE_MS)).to.equal(requested + HOUR_MS);
    expect(reads(b, requested + HOUR_MS)).to.equal('há 1 hora');
    expect(nextWaitedChange(b, requested + 3.2 * HOUR_MS)).to.equal(requested + 4 * HOUR_MS);
    expect(nextWaitedChange(b, requested + 47.5 * HOUR_MS)).to.equal(requested + 2 * DAY_MS);
    expect(reads(b, requested + 2 * DAY_MS)).to.equal('há 2 dias');
    expect(nextWaitedChange(b, requested + 3.5 * DAY_MS)).to.equal(requested + 4 * DAY_MS);
  });

  it('a request dated after now (the server ahead of the device) waits a minute at a time, reading "há 1 minuto"', () => {
    const b = pendingAt(NOW + 5 * MINUTE_MS);
    expect(nextWaitedChange(b, NOW)).to.equal(NOW + MINUTE_MS);
    expect(reads(b, NOW)).to.equal('há 1 minuto');
  });

  it('property: after now; the row reads the same until then, and differently at it once a minute has passed (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.integer({ min: -HOUR_MS, max: 60 * DAY_MS }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (now, waited, r) => {
        const b = pendingAt(now - waited);
        const next = nextWaitedChange(b, now)!;
        expect(next).to.be.above(now);
        expect(reads(b, next - 1)).to.equal(reads(b, now));
        expect(reads(b, now + Math.floor((next - 1 - now) * r))).to.equal(reads(b, now));
        if (waited >= MINUTE_MS) expect(reads(b, next)).not.to.equal(reads(b, now));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('plurals in the labels (Intl.PluralRules)', () => {
  it('say "backup" for one and "backups" for more, in the three languages', () => {
    expect(stringsFor('pt-BR').loaded(1)).to.equal('1 backup na lista.');
    expect(stringsFor('pt-BR').loaded(5)).to.equal('5 backups na lista.');
    expect(stringsFor('en').loaded(1)).to.equal('1 backup in the list.');
    expect(stringsFor('en').loaded(2)).to.equal('2 backups in the list.');
    expect(stringsFor('es').loaded(1)).to.equal('1 backup en la lista.');
    expect(stringsFor('es').loaded(1_000_000)).to.equal('1000000 backups en la lista.');
  });
});
