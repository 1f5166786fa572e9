/** i18n/resolve.ts: which of the languages the element speaks a page gets, and the labels of each. */
import { expect } from '@open-wc/testing';
import { resolveLocale, stringsFor, type LocaleCode } from '../../src/i18n/resolve.js';

// Unsupported languages are written qaa, qab: ISO 639 keeps qaa–qtz for local use, so adding a
// real language (fr, de) never turns these cases into supported ones.
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
    ['unsupported and empty candidates are skipped', [undefined, null, '', 'qaa', 'qab-DE', 'en'], 'en'],
    ['a tag that only starts like a language is not it', ['english', 'espanol', 'ptx'], 'pt-BR'],
    ['nothing supported: pt-BR', ['qaa', 'qab'], 'pt-BR'],
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
      for (const tag of ['qaa', 'es-MX', 'en']) {
        read.push(tag);
        yield tag;
      }
    }
    expect(resolveLocale(tags())).to.equal('es');
    expect(read).to.deep.equal(['qaa', 'es-MX']);
  });

  it('every resolved code has a complete table of labels', () => {
    const keys = Object.keys(stringsFor('pt-BR')).sort();
    for (const code of ['en', 'es'] as const) expect(Object.keys(stringsFor(code)).sort(), code).to.deep.equal(keys);
  });
});
