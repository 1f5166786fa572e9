/**
 * The languages the element speaks, and which one a page gets. Each language is one file in
 * `locales/`, typed against pt-BR; this map is the one list of them. Adding one: its file, and a
 * line here (the tests and the sandbox take SUPPORTED_LOCALES).
 */
import { ptBR, type Strings } from './locales/pt-BR.js';
// es before en: the drop-in then holds es next to pt-BR, whose words gzip finds in it.
import { es } from './locales/es.js';
import { en } from './locales/en.js';

export type { Strings };

/** pt-BR first: it is also the language of last resort. */
const LOCALES = { 'pt-BR': ptBR, en, es } satisfies Record<string, Strings>;

export type LocaleCode = keyof typeof LOCALES;
export const SUPPORTED_LOCALES = Object.keys(LOCALES) as LocaleCode[];

/** The language of a tag (`pt-BR` → `pt`, `es_419` → `es`). */
const language = (tag: string): string => tag.trim().toLowerCase().split(/[-_]/)[0]!;

/** The first supported language among the candidates, in order (`pt-BR`, `pt`, `en-US`, `es-419`…); pt-BR when none is. */
export function resolveLocale(candidates: Iterable<string | null | undefined>): LocaleCode {
  for (const tag of candidates) {
    const code = tag && SUPPORTED_LOCALES.find((supported) => language(supported) === language(tag));
    if (code) return code;
  }
  return 'pt-BR';
}

export const stringsFor = (code: LocaleCode): Strings => LOCALES[code];
