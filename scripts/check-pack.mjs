#!/usr/bin/env node
// `npm run check:pack`: what `npm publish` would ship (`npm pack --json` into a temporary folder,
// lifecycle scripts included, so on a clean clone `prepack` must build dist/ first).
//  - publint: every path package.json names for Node and bundlers (exports, main, module, types,
//    bin) is in the tarball, in the format its field says;
//  - are-the-types-wrong (esm-only profile: the package is ES modules only, for Node 16+ ESM and
//    bundlers): every export resolves to its types;
//  - and what neither knows about:
//    - the package's files are there: ES modules, types, the define entry, the drop-in bundle, the
//      manifest, the React/Vue typings and the editor data (VS Code, JetBrains), README, CHANGELOG;
//    - the fields for editors and bundlers point into the tarball (customElements, web-types,
//      contributes.html/css.customData, sideEffects);
//    - nothing else leaks: sources, mocks, demo, tests, MSW's worker, node_modules, source maps;
//    - dist/ modules import only their siblings and the package's dependencies (Lit stays
//      external), the bundle imports nothing and is really minified (esbuild minifying it again
//      saves < 3 %), and only the define entries register the tag (so `sideEffects` tells bundlers
//      the truth);
//    - the bin (`account-backup-conformance`, the conformance kit) starts with a shebang and
//      imports nothing but Node's own modules (Ajv and the contract are bundled in), so `npx -p`
//      needs no dependency of its own. scripts/conformance.mjs runs it from a real tarball.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (!/\bnpm run build\b|scripts\/build\.mjs/.test(pkg.scripts?.prepack ?? '')) {
  console.error('check-pack: package.json has no "prepack" that builds: npm pack on a clean clone would ship no dist/');
  process.exit(1);
}
const tmp = mkdtempSync(join(tmpdir(), 'check-pack-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
let packed;
try {
  // The build's progress goes to stdout too; the JSON is the last thing npm prints.
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  packed = JSON.parse(out.slice(out.lastIndexOf('\n[\n') + 1))[0];
} catch (error) {
  console.error(`check-pack: npm pack failed:\n${error.stdout ?? error.message}`);
  process.exit(1);
}
const files = new Set(packed.files.map((f) => f.path));
const tarball = join(tmp, packed.filename);

const problems = [];
/** A linter on the tarball, its report shown; a failure is one problem, named. */
const lint = (what, bin, args) => {
  console.log(`\n> ${what}`);
  const result = spawnSync(join(root, 'node_modules/.bin', bin), args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) problems.push(`${what} found problems (above)`);
};
lint('publint', 'publint', ['run', tarball, '--strict']);
lint('are-the-types-wrong', 'attw', [tarball, '--profile', 'esm-only']);
const norm = (p) => posix.normalize(p.replace(/^\.\//, ''));
const bundledFile = norm(pkg.exports?.['./bundled']?.default ?? pkg.exports?.['./bundled'] ?? 'dist/account-backup-tab.bundled.js');

const required = [
  'dist/index.js',
  'dist/index.d.ts',
  'dist/define.js',
  'dist/define.d.ts',
  'dist/account-backup-tab.bundled.js',
  'dist/account-backup-conformance.js',
  'custom-elements.json',
  'types/react.d.ts',
  'types/custom-elements-jsx.d.ts',
  'types/vue.d.ts',
  'editor/html-custom-data.json',
  'editor/css-custom-data.json',
  'editor/web-types.json',
  'package.json',
  'README.md',
  'CHANGELOG.md',
];
for (const file of required) if (!files.has(file)) problems.push(`missing from the tarball: ${file}`);

const forbidden = [
  [/^src\//, 'sources (src/): only dist/ ships'],
  [/^mocks\//, 'the mock backend (mocks/)'],
  [/^demo\//, 'the demo (demo/)'],
  [/^test\//, 'tests (test/)'],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/(^|\/)mockServiceWorker\.js$/, "MSW's worker script"],
  [/(?<!\.d)\.ts$/, 'a TypeScript source (only .d.ts may ship)'],
  [/\.map$/, 'a source map'],
  [/^scripts\/|^\.ci\//, 'build/CI scripts'],
  [/(^|\/)(tsconfig[^/]*\.json|eslint\.config\.js|web-test-runner\.config\.mjs|vite\.config\.ts)$/, 'a tool config'],
];
for (const file of files) {
  const hit = forbidden.find(([pattern]) => pattern.test(file));
  if (hit) problems.push(`must not ship ${hit[1]}: ${file}`);
}

// The paths package.json names for editors and bundlers (publint checks those for Node).
const pointers = [
  ...(pkg.customElements ? [[pkg.customElements, 'customElements']] : []),
  ...(Array.isArray(pkg.sideEffects) ? pkg.sideEffects.map((p, i) => [p, `sideEffects[${i}]`]) : []),
  ...(pkg['web-types'] ? [[pkg['web-types'], 'web-types']] : []),
  ...['html', 'css'].flatMap((kind) => (pkg.contributes?.[kind]?.customData ?? []).map((p, i) => [p, `contributes.${kind}.customData[${i}]`])),
];
if (!pkg['web-types']) problems.push('package.json has no "web-types" (JetBrains IDEs read it)');
if (!pkg.contributes?.html?.customData?.length) problems.push('package.json has no "contributes.html.customData" (VS Code custom data)');
if (!pkg.exports) problems.push('package.json has no "exports"');
if (!Object.keys(pkg.bin ?? {}).some((name) => name.includes('conformance'))) problems.push('package.json "bin" has no conformance command');
if (!Array.isArray(pkg.sideEffects)) problems.push('package.json "sideEffects" should list the define entries only');
for (const [path, where] of pointers) {
  if (!files.has(norm(path))) problems.push(`package.json ${where} points at ${path}, which is not in the tarball`);
}

// What the shipped modules import.
const deps = new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }));
const specifiers = (code) =>
  [...code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
const sideEffectFiles = new Set((Array.isArray(pkg.sideEffects) ? pkg.sideEffects : []).map(norm));
const bins = new Set(Object.values(pkg.bin ?? {}).map(norm));
for (const file of [...files].filter((f) => /^dist\/.*\.js$/.test(f))) {
  const code = readFileSync(join(root, file), 'utf8');
  const bundled = file === bundledFile;
  if (bins.has(file)) {
    if (!code.startsWith('#!/usr/bin/env node\n')) problems.push(`${file} is a bin but does not start with #!/usr/bin/env node`);
    for (const spec of specifiers(code)) if (!spec.startsWith('node:')) problems.push(`${file} (a bin) must be self-contained, but imports ${spec}`);
    continue;
  }
  for (const spec of specifiers(code)) {
    if (spec.startsWith('.')) {
      const target = posix.join(posix.dirname(file), spec);
      if (bundled) problems.push(`${file} must be self-contained, but imports ${spec}`);
      else if (!files.has(target)) problems.push(`${file} imports ${spec}, which is not in the tarball`);
    } else {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (bundled) problems.push(`${file} must include its dependencies, but imports ${spec}`);
      else if (!deps.has(name)) problems.push(`${file} imports ${spec}, which is not a dependency`);
    }
  }
  if (/customElements\.define\(/.test(code) && !sideEffectFiles.has(file)) {
    problems.push(`${file} registers a custom element but is not listed in "sideEffects"`);
  }
}
for (const file of sideEffectFiles) {
  if (files.has(file) && !/customElements\.define\(/.test(readFileSync(join(root, file), 'utf8'))) {
    problems.push(`${file} is listed in "sideEffects" but does not register the element`);
  }
}

// The drop-in is really minified: esbuild minifying it again must save less than 3 %.
if (files.has(bundledFile)) {
  const shipped = readFileSync(join(root, bundledFile), 'utf8');
  const again = (await esbuild.transform(shipped, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none', loader: 'js' })).code;
  const saving = 1 - Buffer.byteLength(again) / Buffer.byteLength(shipped);
  if (saving >= 0.03) problems.push(`${bundledFile} is not minified: esbuild minifying it again saves ${(saving * 100).toFixed(1)} %`);
  else console.log(`\n${bundledFile}: minifying it again would save ${(saving * 100).toFixed(2)} % (< 3 %)`);
}

if (problems.length) {
  const built = [...files].some((f) => f.startsWith('dist/'));
  console.error(`check-pack: ${problems.length} problem(s) in the package${built ? '' : ' (no dist/: run `npm run build` first)'}:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-pack: ok (${files.size} files)`);
