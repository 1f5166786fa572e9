/**
 * src/localize.ts on its own: which language wins, and what each formatter prints in the three
 * languages. The runner pins TZ=America/Sao_Paulo (UTC−3 all year since 2019), so local times
 * are three hours behind UTC. ICU separates some parts with no-break spaces: folded to spaces.
 */
import { expect } from '@open-wc/testing';
import { formatDate, formatSize, formatUtc } from '../src/i18n/format.js';
import { resolveLocale, stringsFor, type LocaleCode } from '../src/i18n/resolve.js';

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

