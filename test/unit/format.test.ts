/**
 * src/localize.ts on its own: which language wins, and what each formatter prints in the three
 * languages. The runner pins TZ=America/Sao_Paulo (UTC−3 all year since 2019), so local times
 * are three hours behind UTC. ICU separates some parts with no-break spaces: folded to spaces.
 */
import { expect } from '@open-wc/testing';
import { formatDate, formatSize, formatUtc } from '../../src/i18n/format.js';
import { resolveLocale, stringsFor, type LocaleCode } from '../../src/i18n/resolve.js';
import fc from 'fast-check';
import { nextMidnight, nextTimeLeftChange, timeLeftUntil } from '../../src/i18n/format.js';

const plain = (s: string | null) => s?.replace(/[\u00a0\u202f]/g, ' ') ?? null;

/** 24 Nov 2026, 13:05 UTC: 10:05 in São Paulo. */
const NOV_24 = Date.UTC(2026, 10, 24, 13, 5);
/** 1 Jan 2026, 01:00 UTC: still 31 Dec 2025 in São Paulo. */
const NEW_YEAR_UTC = Date.UTC(2026, 0, 1, 1, 0);

describe('resolveLocale', () => {
  const cases: [string, (string | null | undefined)[], LocaleCode][] = [
    ['pt-BR as is', ['pt-BR'], 'pt-BR'],
    ['any Portuguese is pt-BR', ['pt-PT'], 'pt-BR'],
    ['bare pt', ['pt'], 'pt-BR'],
    ['a region of English', ['en-US'], 'en'],
    ['a region of Spanish (es-419)', ['es-419'], 'es'],
    ['case and underscores', ['EN_gb'], 'en'],
    ['surrounding spaces', ['  es  '], 'es'],
    ['the first supported one wins, in order', ['es', 'en'], 'es'],
    ['unsupported and empty candidates are skipped', [undefined, null, '', 'fr', 'de-DE', 'en'], 'en'],
    ['a tag that only starts like a language is not it', ['english', 'espanol', 'ptx'], 'pt-BR'],
    ['nothing supported: pt-BR', ['fr', 'de'], 'pt-BR'],
    ['no candidates: pt-BR', [], 'pt-BR'],
  ];
  for (const [name, candidates, expected] of cases) {
    it(`${name}: ${JSON.stringify(candidates)} → ${expected}`, () => {
      expect(resolveLocale(candidates)).to.equal(expected);
    });
  }

  it('reads any iterable, lazily, and stops at the first supported tag', () => {
    const read: string[] = [];
    function* tags() {
      for (const tag of ['fr', 'es-MX', 'en']) {
        read.push(tag);
        yield tag;
      }
    }
    expect(resolveLocale(tags())).to.equal('es');
    expect(read).to.deep.equal(['fr', 'es-MX']);
  });

  it('every resolved code has a complete table of labels', () => {
    const keys = Object.keys(stringsFor('pt-BR')).sort();
    for (const code of ['en', 'es'] as const) expect(Object.keys(stringsFor(code)).sort(), code).to.deep.equal(keys);
  });
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

  it('asked in any order, for any zone, the answer is the same (its cache holds one midnight per zone)', () => {
    const later = Date.UTC(2026, 10, 25, 12);
    expect(nextMidnight(later, 'Asia/Tokyo')).to.equal(Date.UTC(2026, 10, 25, 15));
    expect(nextMidnight(NOV_24, 'Asia/Tokyo')).to.equal(Date.UTC(2026, 10, 24, 15));
    expect(nextMidnight(NOV_24, 'UTC')).to.equal(Date.UTC(2026, 10, 25));
    expect(nextMidnight(later, 'Asia/Tokyo')).to.equal(Date.UTC(2026, 10, 25, 15));
    expect(nextMidnight(Date.UTC(2026, 10, 24, 14, 59), 'Asia/Tokyo')).to.equal(Date.UTC(2026, 10, 24, 15));
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
  const DAY = 24 * 3_600_000;
  const HOUR = 3_600_000;
  /** What the row says at `now`. */
  const reads = (now: number, until: number, zone?: string) => JSON.stringify(timeLeftUntil(now, until, zone));

  it('under a day, at each whole hour left: 5 h 30 min left → in 30 min (5 h left)', () => {
    const until = NOV_24 + 5.5 * HOUR;
    expect(nextTimeLeftChange(NOV_24, until)).to.equal(NOV_24 + 0.5 * HOUR);
    expect(reads(NOV_24, until)).to.equal(JSON.stringify({ value: 6, unit: 'hour' }));
    expect(reads(NOV_24 + 0.5 * HOUR, until)).to.equal(JSON.stringify({ value: 5, unit: 'hour' }));
    // The last hour: at the expiry itself (the row expires then).
    expect(nextTimeLeftChange(until - 10 * 60_000, until)).to.equal(until);
  });

  it('from a day on, at the next midnight, or when a day is left, whichever comes first', () => {
    // 10 days left at 10:05 in São Paulo: the next midnight (03:00 UTC) comes first.
    expect(nextTimeLeftChange(NOV_24, NOV_24 + 10 * DAY, 'America/Sao_Paulo')).to.equal(Date.UTC(2026, 10, 25, 3));
    // 1 day and 2 hours left at 10:05: "em 1 dia" while a whole day is left, hours from the next
    // millisecond on ("em 24 horas").
    expect(nextTimeLeftChange(NOV_24, NOV_24 + DAY + 2 * HOUR, 'America/Sao_Paulo')).to.equal(NOV_24 + 2 * HOUR + 1);
  });

  it('property: the row reads the same from now until just before the instant returned, which is after now (2,000 runs)', () => {
    fc.assert(
      fc.property(INSTANTS, fc.integer({ min: 1, max: 40 * DAY }), fc.constantFrom(...WHOLE_HOUR_ZONES), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (now, left, zone, r) => {
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
  const DAY = 24 * 3_600_000;
  const HOUR = 3_600_000;
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
    const until = NOV_24 + 10 * DAY;
    const now = until - DAY;
    expect(reads(now + 1, until)).to.equal(JSON.stringify({ value: 24, unit: 'hour' }));
    expect(reads(now, until)).not.to.equal(reads(now + 1, until));
    // The instant returned must be after now, or nextRedraw drops it and "em 1 dia" stays until
    // the next midnight: here it returns now itself.
    expect(nextTimeLeftChange(now, until)).to.equal(now + 1);
    expect(nextTimeLeftChange(now - HOUR, until), 'an hour before: the same instant').to.be.at.most(now + 1);
  });
});
