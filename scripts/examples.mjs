#!/usr/bin/env node
/* global document */ // the callbacks passed to waitForFunction run in the page
// `node scripts/examples.mjs [--only react,vue,angular,html]`: the examples as an integrator builds them.
//   1. npm pack (prepack builds) into a temp dir: the examples get the package only from there;
//   2. react/, vue/ and angular/: npm ci, npm install --no-save <tarball>, npm run build (react and
//      vue: type-check + vite; angular: ng build, whose AOT compile type-checks the templates
//      strictly, then esbuild); html/: the tarball's drop-in file next to the page;
//   3. each built app is served with a server that follows the backend contract (contract-server.mjs)
//      and sets a `csrf` cookie; Chromium (--lang=en, so pt-BR comes from the app's `lang`) requests
//      a backup by role and label, and the script checks the POST carried the cookie's token as
//      X-CSRF-Token and the app showed the backup the event named.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from './lib/chromium.mjs';
import { loadMockBackend, startContractServer } from './lib/contract-server.mjs';

const root = join(import.meta.dirname, '..');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : ['react', 'vue', 'angular', 'html'];
const BASE = '/api/account/backup';
const timings = [];
const timed = (label, fn) => {
  const start = Date.now();
  console.log(`\n> ${label}`);
  const result = fn();
  timings.push([label, Date.now() - start]);
  return result;
};
const run = (cwd, command, args) => execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' } });

const tmp = mkdtempSync(join(tmpdir(), 'examples-'));
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

try {
  timed('npm pack (prepack: npm run build)', () => run(root, 'npm', ['pack', '--silent', '--pack-destination', tmp]));
  const tarball = join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz')));
  run(tmp, 'tar', ['xzf', tarball]); // ./package/… for the plain page

  /** Where each example's built files are, and the files the server adds. */
  const apps = {
    react: { dir: join(root, 'examples/react/dist') },
    vue: { dir: join(root, 'examples/vue/dist') },
    angular: { dir: join(root, 'examples/angular/dist') },
    html: { dir: join(root, 'examples/html'), extra: { '/account-backup-tab.bundled.js': join(tmp, 'package/dist/account-backup-tab.bundled.js') } },
  };
  const builds = { react: 'tsc -b, vite build', vue: 'vue-tsc -b, vite build', angular: 'ng build: AOT with strict templates, esbuild' };
  for (const name of only.filter((n) => n !== 'html')) {
    const cwd = join(root, 'examples', name);
    timed(`${name}: npm ci`, () => run(cwd, 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']));
    timed(`${name}: npm install --no-save <tarball>`, () =>
      run(cwd, 'npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball]),
    );
    timed(`${name}: npm run build (${builds[name]})`, () => run(cwd, 'npm', ['run', 'build']));
  }

  const { MockBackend } = await loadMockBackend();
  const browser = await puppeteer.launch(chromiumLaunchOptions('--lang=en-US'));
  try {
    for (const name of only) {
      const start = Date.now();
      console.log(`\n> ${name}: request a backup in Chromium`);
      const backend = new MockBackend('typical');
      const token = randomUUID();
      const { dir, extra = {} } = apps[name];
      const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
      const server = await startContractServer({
        backend,
        base: BASE,
        page(_req, res, url) {
          const file = extra[url.pathname] ?? join(dir, normalize(url.pathname === '/' ? '/index.html' : url.pathname));
          if (!file.startsWith(dir) && !Object.values(extra).includes(file)) return false;
          if (!existsSync(file)) return false;
          const headers = { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' };
          if (file.endsWith('.html')) headers['Set-Cookie'] = `csrf=${token}; Path=/; SameSite=Strict`;
          res.writeHead(200, headers).end(readFileSync(file));
          return true;
        },
      });
      const tab = await browser.newPage();
      const errors = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      try {
        await tab.goto(server.origin);
        await (await tab.waitForSelector('::-p-aria(Solicitar backup[role="button"])', { timeout: 10000 })).click();
        await tab.waitForSelector('account-backup-tab >>> dialog[open]');
        // With the confirmation open, the page behind it is inert: its button is the only one of that name.
        await (await tab.waitForSelector('::-p-aria(Solicitar backup[role="button"])')).click();
        await tab.waitForFunction(() => document.querySelector('[role="status"]:not([hidden])')?.textContent.includes('requested'), { timeout: 10000 });
        const posts = backend.requests.filter((r) => r.method === 'POST' && r.path === '/backups');
        check(posts.length === 1, `${name}: one POST /backups (${posts.length})`);
        check(posts[0]?.headers['x-csrf-token'] === token, `${name}: it carried the session's CSRF token (${posts[0]?.headers['x-csrf-token']})`);
        check(backend.requests.every((r) => r.headers['x-csrf-token'] === token), `${name}: every call carried it (${backend.requests.length} calls)`);
        const shown = await tab.$eval('[role="status"]', (p) => p.textContent);
        const created = backend.list().backups[0].id;
        check(shown.includes(created), `${name}: the app heard account-backup-requested for the new backup ("${shown}", created ${created})`);
        check(errors.length === 0, `${name}: no page errors (${errors.join('; ') || 'none'})`);
      } catch (error) {
        check(false, `${name}: ${error.message}`);
      } finally {
        await tab.close();
        server.close();
        timings.push([`${name}: request a backup in Chromium`, Date.now() - start]);
      }
    }
  } finally {
    await browser.close();
  }
} catch (error) {
  check(false, error.message);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

console.log('\ntimings:');
for (const [label, ms] of timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${label}`);
console.log(failures ? `examples: ${failures} check(s) failed` : 'examples: all checks passed');
process.exit(failures ? 1 : 0);
