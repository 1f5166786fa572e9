#!/usr/bin/env node
// `npm run check:fresh`: the two committed generated files must equal a fresh generation.
//   custom-elements.json        <- `npm run analyze`         (cem, from the element's JSDoc)
//   src/generated/contract.ts   <- `npm run contract:types`  (openapi-typescript, from contract/)
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
  { file: 'custom-elements.json', script: 'analyze' },
  { file: 'src/generated/contract.ts', script: 'contract:types' },
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

  for (const { file, script } of checks) {
    const committed = join(root, file);
    if (!existsSync(committed)) {
      console.error(`check-fresh: ${file} is missing. Fix: npm run ${script}, then commit ${file}.`);
      failed++;
      continue;
    }
    const fresh = join(tmp, file);
    rmSync(fresh, { force: true });
    const result = spawnSync('npm', ['run', '--silent', script], { cwd: tmp, encoding: 'utf8' });
    if (result.status !== 0 || !existsSync(fresh)) {
      console.error(`check-fresh: \`npm run ${script}\` failed, so ${file} cannot be checked:\n${result.stdout}${result.stderr}`);
      failed++;
      continue;
    }
    const a = readFileSync(committed, 'utf8').replace(/\r\n/g, '\n');
    const b = readFileSync(fresh, 'utf8').replace(/\r\n/g, '\n');
    if (a === b) {
      console.log(`check-fresh: ${file} is up to date`);
      continue;
    }
    failed++;
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
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (failed) process.exit(1);
console.log('check-fresh: ok');
