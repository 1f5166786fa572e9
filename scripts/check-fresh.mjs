#!/usr/bin/env node
// `npm run check:fresh`: the committed generated files must equal a fresh generation.
//   custom-elements.json        <- `npm run analyze`         (cem, from the element's JSDoc)
//   types/custom-elements-jsx.d.ts, types/vue.d.ts, editor/*.json
//                               <- the same `npm run analyze` (its plugins, from the manifest)
//   src/api/generated/contract.ts   <- `npm run contract:types`  (openapi-typescript, from contract/)
// Both package.json scripts run unchanged in a temporary copy of the inputs, so the committed files
// (and package.json, which cem may rewrite) are never touched and the commands cannot drift from the
// ones developers run.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(join(tmpdir(), 'check-fresh-'));

const checks = [
  {
    script: 'analyze',
    files: [
      'custom-elements.json',
      'types/custom-elements-jsx.d.ts',
      'types/vue.d.ts',
      'editor/html-custom-data.json',
      'editor/css-custom-data.json',
      'editor/web-types.json',
    ],
  },
  { script: 'contract:types', files: ['src/api/generated/contract.ts'] },
];

let failed = 0;
try {
  // The inputs of both generators, and their optional config files.
  const copy = (path) => existsSync(join(root, path)) && cpSync(join(root, path), join(tmp, path), { recursive: true });
  for (const path of ['package.json', 'src', 'contract']) copy(path);
  for (const name of readdirSync(root)) {
    if (/^(custom-elements-manifest\.config\.|redocly\.ya?ml$|tsconfig.*\.json$)/.test(name)) copy(name);
  }
  symlinkSync(join(root, 'node_modules'), join(tmp, 'node_modules'), 'dir');

  for (const { files, script } of checks) {
    const missing = files.filter((file) => !existsSync(join(root, file)));
    if (missing.length) {
      console.error(`check-fresh: ${missing.join(', ')} missing. Fix: npm run ${script}, then commit ${missing.join(', ')}.`);
      failed++;
      continue;
    }
    for (const file of files) rmSync(join(tmp, file), { force: true });
    const result = spawnSync('npm', ['run', '--silent', script], { cwd: tmp, encoding: 'utf8' });
    if (result.status !== 0) {
      console.error(`check-fresh: \`npm run ${script}\` failed, so ${files.join(', ')} cannot be checked:\n${result.stdout}${result.stderr}`);
      failed++;
      continue;
    }
    for (const file of files) failed += compare(file, script);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** 0 when the committed file equals the fresh one, else 1 with the first differing line. */
function compare(file, script) {
  const fresh = join(tmp, file);
  if (!existsSync(fresh)) {
    console.error(`check-fresh: \`npm run ${script}\` no longer writes ${file}. Fix: delete it or restore its generator.`);
    return 1;
  }
  const a = readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n');
  const b = readFileSync(fresh, 'utf8').replace(/\r\n/g, '\n');
  if (a === b) {
    console.log(`check-fresh: ${file} is up to date`);
    return 0;
  }
  const al = a.split('\n');
  const bl = b.split('\n');
  let i = 0;
  while (i < Math.max(al.length, bl.length) && al[i] === bl[i]) i++;
  console.error(
    `check-fresh: ${file} differs from a fresh \`npm run ${script}\` (first difference at line ${i + 1}):\n` +
      `  committed: ${JSON.stringify(al[i] ?? '<end of file>')}\n` +
      `  fresh:     ${JSON.stringify(bl[i] ?? '<end of file>')}\n` +
      `  Fix: npm run ${script}, review the diff, and commit ${file}.`,
  );
  return 1;
}

if (failed) process.exit(1);
console.log('check-fresh: ok');
