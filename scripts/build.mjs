#!/usr/bin/env node
// `npm run build`: the two builds of the brief, plus the manifest.
//   1. dist/*.js + dist/*.d.ts   tsc -p tsconfig.build.json: one ES module per source file, Lit left
//                                external (imports stay bare), for the npm package.
//   2. dist/account-backup-tab.bundled.js
//                                esbuild: src/define.ts with Lit and @lit/task inlined, minified, then
//                                terser over that (see bundle()); the drop-in file for
//                                <script type="module">.
//   3. dist/account-backup-conformance.js
//                                esbuild: the conformance kit (conformance/bin.ts), the package's bin,
//                                for Node 20, with Ajv and the contract (as data) inlined: `npx -p`
//                                gets it without any runtime dependency for integrators to install.
//   4. custom-elements.json      `npm run analyze` (cem --litelement), from the JSDoc of the class;
//      types/, editor/           and, from that manifest, the React/Vue typings and the VS Code and
//                                JetBrains editor data (plugins in custom-elements-manifest.config.mjs).
// `src/api/generated/contract.ts` is committed and NOT regenerated here (`npm run contract:types` does
// that; `npm run check:fresh` fails when it is stale).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import yaml from 'js-yaml';
import { minify } from 'terser';
import { minifyTemplates, minifyTemplatesPlugin } from './lib/minify-templates.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Runs a command from the repo root, output shown; stops the build when it fails. */
function run(label, command, args) {
  console.log(`\n> ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\nbuild: "${label}" failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(1);
  }
}

/** Options shared with tools/size.mjs and tools/bench-server.mjs, so they measure what ships. */
export const bundleOptions = {
  entryPoints: [join(root, 'src/define.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  // Respects useDefineForClassFields: false, which Lit's reactive properties rely on.
  tsconfig: join(root, 'tsconfig.json'),
  minify: true, // = minifyWhitespace + minifyIdentifiers + minifySyntax
  legalComments: 'none',
  // No `conditions`: esbuild's defaults never pick Lit's "development" export, so this is prod Lit.
  logLevel: 'warning',
  // html``/css`` literals are strings to esbuild: this plugin minifies their static parts.
  plugins: [minifyTemplatesPlugin],
};

/**
 * terser over esbuild's minified output takes 553 B more off the drop-in's gzip: it inlines
 * functions used once and compresses in two passes, where esbuild's minifier makes one pass and
 * inlines no function.
 * Nothing unsafe: terser's defaults, a second compress pass, ES2022 syntax, an ES module; two
 * choices gzip measurably prefers here (35 B): comparisons stay as written (`x === 'a'`, as esbuild
 * and Lit write them, not `'a' === x`), and the output stays ASCII, as esbuild writes it (terser
 * would turn every `\u00e7` back into `ç`); and parameters no function reads are dropped (15 B),
 * which only code that reads a function's `length` could notice: neither Lit, @lit/task nor src/
 * does.
 */
const terserOptions = {
  module: true,
  ecma: 2022,
  compress: { passes: 2, lhs_constants: false, keep_fargs: false },
  format: { ascii_only: true },
};

/**
 * The drop-in's build, shared with tools/size.mjs and tools/bench-server.mjs so they measure what
 * ships: esbuild bundles with `options` (bundleOptions, or a variant of it), then terser minifies
 * the result again. Returns the code, its source map when `options.sourcemap` asks for one (terser's,
 * mapped back through esbuild's to the sources), and esbuild's metafile when `options.metafile` does.
 */
export async function bundle(options) {
  const result = await esbuild.build({ ...options, write: false });
  const output = (suffix) => result.outputFiles.find((file) => file.path.endsWith(suffix))?.text;
  const { code, map } = await minify(output('.js'), {
    ...terserOptions,
    sourceMap: options.sourcemap ? { content: output('.js.map') } : false,
  });
  return { code, map, metafile: result.metafile };
}

/** `import doc from '….yaml'` gets the document as data (the kit reads the contract this way). */
const contractAsData = {
  name: 'contract-as-data',
  setup(build) {
    build.onLoad({ filter: /\.ya?ml$/ }, (args) => ({ contents: JSON.stringify(yaml.load(readFileSync(args.path, 'utf8'))), loader: 'json' }));
  },
};

/**
 * The conformance kit for Node (shared with scripts/conformance.mjs, which builds its tests the
 * same way). ESM with a `require` of Node's own: Ajv is CommonJS.
 */
export const conformanceOptions = {
  entryPoints: [join(root, 'conformance/bin.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  tsconfig: join(root, 'conformance/tsconfig.json'),
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [contractAsData],
};

async function main() {
  if (!existsSync(join(root, 'src/define.ts'))) {
    console.error('build: src/define.ts does not exist yet; nothing to build.');
    process.exit(1);
  }

  console.log('> clean dist/');
  rmSync(dist, { recursive: true, force: true });

  run('tsc -p tsconfig.build.json (ES modules + .d.ts, Lit external)', bin('tsc'), ['-p', 'tsconfig.build.json']);
  minifyDistTemplates();

  console.log('\n> esbuild + terser src/define.ts -> dist/account-backup-tab.bundled.js (Lit included)');
  const bundled = join(dist, 'account-backup-tab.bundled.js');
  writeFileSync(bundled, (await bundle({ ...bundleOptions, outfile: bundled })).code);

  console.log('\n> esbuild conformance/bin.ts -> dist/account-backup-conformance.js (the bin; Ajv and the contract included)');
  await esbuild.build({ ...conformanceOptions, outfile: join(dist, 'account-backup-conformance.js') });
  chmodSync(join(dist, 'account-backup-conformance.js'), 0o755);

  run('npm run analyze (custom-elements.json)', 'npm', ['run', '--silent', 'analyze']);
  checkManifest();

  printSizes();
}

/** The npm package's modules get the same html``/css`` minification as the bundle (an app's own
 * minifier cannot do it); the rest of the tsc output stays readable. */
function minifyDistTemplates() {
  console.log('\n> minify html``/css`` templates in dist/*.js');
  const walk = (dir) =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  for (const file of walk(dist).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(file, 'utf8');
    const minified = minifyTemplates(source, file);
    if (minified !== source) writeFileSync(file, minified);
  }
}

/** The manifest documents the public API of the brief; cem silently drops what it cannot parse. */
function checkManifest() {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const element = manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .find((d) => d.customElement && d.tagName === 'account-backup-tab');
  const names = (list) => new Set((list ?? []).map((x) => x.name));
  const missing = [];
  if (!element) missing.push('a declaration with tagName account-backup-tab (JSDoc @tag / customElement)');
  else {
    for (const a of ['base-url', 'lang', 'poll-interval']) if (!names(element.attributes).has(a)) missing.push(`attribute ${a}`);
    for (const p of ['baseUrl', 'pollInterval', 'fetch']) if (!names(element.members).has(p)) missing.push(`property ${p}`);
    if (!names(element.slots).has('terms')) missing.push('slot terms (@slot)');
    if ((element.events ?? []).length < 4) missing.push('4+ events (@event)');
    if (!(element.cssParts ?? []).length) missing.push('parts (@csspart)');
    if (!(element.cssProperties ?? []).length) missing.push('CSS custom properties (@cssproperty)');
    if (!element.summary) missing.push('@summary');
  }
  if (missing.length) {
    console.error(`build: custom-elements.json lacks: ${missing.join('; ')}`);
    process.exit(1);
  }
  const internal = (element.attributes ?? []).filter((a) => a.name.startsWith('_')).map((a) => a.name);
  if (internal.length) console.warn(`build: warning: custom-elements.json lists internal state as attributes: ${internal.join(', ')}`);
}

function printSizes() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.js')) files.push(path);
    }
  };
  walk(dist);
  files.push(join(root, 'custom-elements.json'));
  const kB = (n) => `${(n / 1024).toFixed(2)} kB`;
  console.log('\nfile'.padEnd(52) + 'raw'.padStart(12) + 'gzip -9'.padStart(12));
  for (const file of files.sort()) {
    const bytes = readFileSync(file);
    console.log(relative(root, file).padEnd(51) + kB(bytes.length).padStart(12) + kB(gzipSync(bytes, { level: 9 }).length).padStart(12));
  }
  console.log('\n(size budgets: npm run size)');
}

// Runs only when executed, not when a tool imports `bundleOptions` or `bundle`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
