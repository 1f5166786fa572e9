#!/usr/bin/env node
// `npm run size`: this report, then the gate (size-limit, on the ceiling in package.json's
// "size-limit": the one place it lives). What users download, minified, gzip -9 and Brotli -q 11:
//   (a) dist/account-backup-tab.bundled.js as shipped (Lit, @lit/task, three languages, contract
//       v1.1 included)   <- `npm run build` (esbuild, then terser: scripts/build.mjs's bundle())
//   (b) the widget's own code: src/define.ts bundled with Lit and @lit/* external (what an app that
//       already has Lit pays), printed with what each part adds (labels, CSS, each module of src/),
//       built by the same bundle() as the drop-in.
// A report: it exits 0 whatever the sizes (size-limit fails over the ceiling; check-pack fails when
// the bundle is not really minified).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { bundle, bundleOptions } from '../scripts/build.mjs';

const KB = 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundledPath = join(root, 'dist/account-backup-tab.bundled.js');
/** The ceiling, as size-limit reads it ("23.5 KiB": the kB of this report are 1024 B). */
const { limit } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))['size-limit'].find((c) => c.path === relative(root, bundledPath));
const [, amount, unit] = /^([\d.]+)\s*(B|KiB)$/.exec(limit) ?? [];
if (!amount) throw new Error(`size: write the ceiling in B or KiB, as 1024-byte kB are printed here (package.json "size-limit" has ${limit})`);
const CEILING = Number(amount) * (unit === 'KiB' ? KB : 1);
/** The performance issue's long-term target, and the aim below it (docs/performance.md). */
const TARGET = 17 * KB;
const AIM = 16 * KB;
const gz = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;
const br = (text) =>
  brotliCompressSync(Buffer.from(text), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
  }).length;
const kB = (n) => `${(n / KB).toFixed(2)} kB`;

if (!existsSync(bundledPath)) {
  console.error('size: dist/account-backup-tab.bundled.js is missing. Run `npm run build` first.');
  process.exit(1);
}

const shipped = readFileSync(bundledPath, 'utf8');
const ownOptions = { ...bundleOptions, external: ['lit', 'lit/*', '@lit/*'], write: false, outfile: 'own-code.js' };
const own = await bundle({ ...ownOptions, metafile: true });
const ownCode = own.code;

const rows = [
  ['dist/account-backup-tab.bundled.js (all included)', shipped, `<= ${kB(CEILING)}`, gz(shipped) <= CEILING ? 'ok' : 'OVER'],
  ['own code: src/define.ts, Lit and @lit/* external', ownCode, '(printed)', ''],
];

const widths = [52, 11, 11, 13, 13, 6];
const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('');
console.log(line(['(kB = 1024 B; size-limit prints 1000 B kB)', 'minified', 'gzip -9', 'brotli -q 11', 'ceiling', '']));
for (const [what, code, ceiling, verdict] of rows) console.log(line([what, kB(Buffer.byteLength(code)), kB(gz(code)), kB(br(code)), ceiling, verdict]));
const bundledGz = gz(shipped);
for (const [name, bytes] of [['target', TARGET], ['aim', AIM]]) {
  console.log(`(${name}) the drop-in at ${kB(bytes)}: ${bundledGz <= bytes ? 'met' : `${kB(bundledGz - bytes)} to go`}`);
}

// Where the own code's bytes go (esbuild metafile: minified bytes each input leaves in esbuild's
// output, before terser's pass, which takes a few percent more off the whole).
const inputs = Object.entries(Object.values(own.metafile.outputs)[0].inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
console.log('\nown code by input (minified bytes in the output):');
for (const [input, { bytesInOutput }] of inputs) if (bytesInOutput) console.log(`${String(bytesInOutput).padStart(8)} B  ${input}`);

// What each part adds to the own code's gzip: the same build with that module replaced by a stub
// that exports the same names (values unknown to esbuild, so nothing that uses them is dropped) and
// keeps using what it imports (so a part is charged for its own code, not for its dependencies).
// gzip is not additive: each figure is what removing that part alone would save, give or take a
// few bytes of gzip noise (a tiny module may show as slightly negative).
const exportsOf = async (file) =>
  Object.values((await esbuild.build({ entryPoints: [file], bundle: false, format: 'esm', write: false, metafile: true, outdir: 'x', logLevel: 'silent' })).metafile.outputs)[0].exports;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** The values a module imports, as `[specifier, [local names]]` (type-only imports left out). */
function importsOf(file) {
  const source = readFileSync(file, 'utf8');
  const found = [];
  for (const [, clause, specifier] of source.matchAll(/^import\s+(?!type\s)([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    const names = [];
    const named = /\{([^}]*)\}/.exec(clause)?.[1];
    for (const item of named?.split(',') ?? []) {
      const spec = item.trim();
      if (!spec || spec.startsWith('type ')) continue;
      names.push(spec.split(/\s+as\s+/).pop());
    }
    const rest = clause.replace(/\{[^}]*\}/, '').split(',').map((x) => x.trim()).filter(Boolean);
    for (const part of rest) names.push(part.replace(/^\*\s+as\s+/, ''));
    if (names.length) found.push([specifier, names, clause]);
  }
  return found;
}
const stubbed = (file, names) => ({
  name: 'stub',
  setup: (b) =>
    b.onLoad({ filter: new RegExp(`${escape(file)}$`) }, () => ({
      contents: [
        // The same imports, each used once, so what the module needed from elsewhere stays.
        ...importsOf(file).map(([specifier, , clause]) => `import ${clause.replace(/\btype\s+\w+\s*,?/g, '')} from ${JSON.stringify(specifier)};`),
        `globalThis.keep = [${importsOf(file).flatMap(([, local]) => local).join(', ')}];`,
        ...names.map((n) => `export const ${n} = globalThis.stub;`),
      ].join('\n'),
      resolveDir: dirname(file),
      loader: 'js',
    })),
});
const ownWithout = async (file) =>
  gz((await bundle({ ...ownOptions, plugins: [stubbed(file, await exportsOf(file)), ...bundleOptions.plugins] })).code);

const WHAT = {
  'src/i18n/locales/pt-BR.ts': 'the pt-BR labels',
  'src/i18n/locales/en.ts': 'the en labels',
  'src/i18n/locales/es.ts': 'the es labels',
  'src/account-backup-tab.styles.ts': 'the CSS',
  'src/api/client.ts': 'the HTTP client and its validation',
  'src/core/rules.ts': 'the rules (when a request is allowed, status, time left)',
  'src/i18n/format.ts': 'Intl formatting',
  'src/files/key-file.ts': 'the .pem key file',
  'src/events.ts': 'the events',
};
/** A module's own one-line description: the first sentence of its leading comment, if any. */
const describeModule = (file) => {
  const lead = /^\s*(?:\/\*\*?([\s\S]*?)\*\/|((?:\/\/[^\n]*\n)+))/.exec(readFileSync(file, 'utf8'));
  const text = (lead?.[1] ?? lead?.[2] ?? '').replace(/^\s*(\*|\/\/)\s?/gm, '').replace(/\s+/g, ' ').trim();
  const sentence = text.split(/(?<=[.:;])\s/)[0].replace(/[.:;]$/, '');
  return sentence.length > 70 ? `${sentence.slice(0, 67)}…` : sentence;
};
const ELEMENT = 'src/account-backup-tab.ts';
const ENTRY = 'src/define.ts';
const parts = [];
for (const [input, { bytesInOutput }] of inputs) {
  const file = join(root, input);
  // Every module of src/ the own code contains (new ones appear by themselves), but the element:
  // what is left once the parts are counted is the element and its templates.
  if (!input.startsWith('src/') || input === ELEMENT || input === ENTRY || !bytesInOutput) continue;
  const what = WHAT[input] ?? describeModule(file);
  parts.push([gz(ownCode) - (await ownWithout(file)), `${what ? `${what} ` : ''}(${relative(root, file)})`]);
}
console.log('\nown code, gzip bytes each part adds (removing it alone would save this much):');
for (const [bytes, label] of parts.sort((a, b) => b[0] - a[0])) console.log(`${kB(bytes).padStart(10)}  ${label}`);
const counted = parts.reduce((n, [bytes]) => n + bytes, 0);
console.log(`${kB(gz(ownCode) - counted).padStart(10)}  the rest: the element and its templates (${ELEMENT}), and what gzip shares between parts`);
console.log(`${kB(bundledGz - gz(ownCode)).padStart(10)}  Lit and the @lit/* packages the element imports, in the drop-in (its gzip minus the own code's)`);
