#!/usr/bin/env node
/* global document, window, getComputedStyle */ // the callbacks passed to $eval and waitForFunction run in the page
// The drop-in file on its own, the way an integrator uses it: a plain HTML page loads
// dist/account-backup-tab.bundled.js, `base-url` points at a real HTTP server that follows the
// contract (the mock backend's rules, served by node:http here, no msw), and headless Chromium
// drives it by role and visible label. The downloaded .pem goes through `ssh-keygen -y`.
// Run after `npm run build`: node scripts/e2e-dropin.mjs
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import { byLabel, chromiumLaunchOptions } from './lib/chromium.mjs';
import { loadMockBackend, startContractServer } from './lib/contract-server.mjs';

const bundle = readFileSync('dist/account-backup-tab.bundled.js', 'utf8');

// The mock backend is plain TypeScript over Date.now(): bundle it for Node and serve it over HTTP.
const { MockBackend } = await loadMockBackend();
const backend = new MockBackend('typical');

// Another copy of Lit on the page, as a Suite page with its own widgets has.
const otherLit = (
  await esbuild.build({
    stdin: {
      contents: "import { LitElement, html } from 'lit'; customElements.define('other-lit-widget', class extends LitElement { render() { return html`<p>other widget</p>`; } });",
      resolveDir: process.cwd(),
    },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
  })
).outputFiles[0].text;

const CSP = "script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";
const cspPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strict CSP</title>
<script type="module" src="/csp-watch.js"></script>
<script type="module" src="/account-backup-tab.bundled.js"></script>
<script>window.inlineRan = true;</script>
</head><body><account-backup-tab base-url="/contract/v1" poll-interval="0"></account-backup-tab></body></html>`;
const cspWatch = "window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));";

const page = `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Drop-in</title>
<style>button { display: none } * { font-family: serif; color: red }</style>
<script type="module" src="/other-lit.js"></script>
<script type="module" src="/account-backup-tab.bundled.js"></script>
<script type="module" src="/account-backup-tab.bundled.js?again"></script>
</head><body><h1>Gerenciar conta</h1><other-lit-widget></other-lit-widget><account-backup-tab base-url="/contract/v1" poll-interval="1"></account-backup-tab></body></html>`;

const server = await startContractServer({
  backend,
  base: '/contract/v1',
  files: {
    '/': { type: 'text/html', body: page },
    '/csp': { type: 'text/html', body: cspPage, headers: { 'Content-Security-Policy': CSP } },
    '/csp-watch.js': { type: 'text/javascript', body: cspWatch },
    '/other-lit.js': { type: 'text/javascript', body: otherLit },
    '/account-backup-tab.bundled.js': { type: 'text/javascript', body: bundle },
  },
});
const { origin } = server;

const downloads = mkdtempSync(join(tmpdir(), 'e2e-dropin-'));
const browser = await puppeteer.launch(chromiumLaunchOptions('--lang=pt-BR'));
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};
try {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  const cdp = await tab.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await tab.goto(origin);
  const byRole = (role, label) => byLabel(tab, role, label, 5000);
  const textOf = () => tab.$eval('account-backup-tab', (el) => el.shadowRoot.textContent.replace(/\s+/g, ' '));

  await tab.waitForFunction(() => document.querySelector('account-backup-tab')?.shadowRoot?.querySelector('tbody'));
  check((await textOf()).includes('Pronto para baixar'), 'the list shows the article’s status labels');
  // The template minifier keeps the space between two inline elements written on two lines.
  check(/\d \(em \d+ dias\)/.test(await textOf()), 'the expiry date and its days left are two words ("10:05 (em 8 dias)")');
  check(errors.length === 0, `loading the bundle twice, next to another copy of Lit, throws nothing (${errors.join('; ') || 'no errors'})`);
  check(
    await tab.$eval('other-lit-widget', (el) => el.shadowRoot?.textContent === 'other widget'),
    'the other copy of Lit still renders its own element',
  );

  // Request, through the confirmation window.
  await (await byRole('button', 'Solicitar backup')).click();
  await tab.waitForSelector('account-backup-tab >>> dialog[open]');
  // With the window open, the page behind it is out of the accessibility tree: the confirmation's
  // *Solicitar backup* is the only button of that name.
  const sameName = await tab.$$('::-p-aria(Solicitar backup[role="button"])');
  check(sameName.length === 1, `one "Solicitar backup" button while the confirmation is open (${sameName.length})`);
  await sameName[0].click();
  await tab.waitForFunction(() => document.querySelector('account-backup-tab').shadowRoot.textContent.includes('Aguardando liberação'));
  check(backend.requests.filter((r) => r.method === 'POST' && r.path === '/backups').length === 1, 'one POST /backups');
  check(await tab.$eval('account-backup-tab >>> button[part~="request-button"]', (b) => b.disabled), 'the request button is disabled afterwards');
  check((await textOf()).includes('Próxima solicitação disponível em'), 'the next allowed date is shown');

  // Download, through the terms window.
  await (await byRole('button', 'Baixar arquivo')).click();
  await (await byRole('checkbox', 'Li e aceito os termos de download')).click();
  await (await byRole('button', 'Baixar backup')).click();
  const save = await byRole('button', 'Salvar chave .pem');
  check((await textOf()).includes('sftp -P 2222 -i '), 'the sftp command is shown');
  await save.click();
  let file;
  for (let i = 0; i < 50 && !file; i++) {
    await new Promise((r) => setTimeout(r, 100));
    file = readdirSync(downloads).find((f) => f.endsWith('.pem'));
  }
  check(!!file, `the key is saved as a .pem file (${file})`);
  if (file) {
    const path = join(downloads, file);
    const key = readFileSync(path, 'utf8');
    check(!key.includes('\r') && key.endsWith('\n') && !key.endsWith('\n\n'), 'the key file has LF endings and one final newline');
    chmodSync(path, 0o600);
    try {
      execFileSync('ssh-keygen', ['-y', '-f', path], { stdio: 'pipe' });
      check(true, 'ssh-keygen -y accepts the key file');
    } catch (e) {
      check(false, `ssh-keygen -y accepts the key file: ${e.stderr}`);
    }
  }
  await tab.keyboard.press('Escape');
  await tab.waitForFunction(() => !document.querySelector('account-backup-tab').shadowRoot.querySelector('dialog[open]'));
  const html = await tab.$eval('account-backup-tab', (el) => el.shadowRoot.innerHTML);
  check(!html.includes('sftp -P'), 'closing the window forgets the access data');

  // A page served with a strict CSP and Trusted Types.
  const strict = await browser.newPage();
  const strictErrors = [];
  strict.on('pageerror', (e) => strictErrors.push(e.message));
  await strict.goto(`${origin}/csp`);
  await strict.waitForFunction(() => document.querySelector('account-backup-tab')?.shadowRoot?.querySelector('tbody'), { timeout: 5000 });
  await (await byLabel(strict, 'button', 'Download file', 5000)).click();
  await strict.waitForSelector('account-backup-tab >>> dialog[open]');
  // The page's own inline script is the one thing the policy must block: proof that it is in force.
  check(await strict.evaluate(() => window.inlineRan !== true), 'the strict CSP is in force (an inline script was blocked)');
  const violations = (await strict.evaluate(() => window.violations)).filter((v) => v !== 'script-src-elem inline');
  check(
    violations.length === 0 && strictErrors.length === 0,
    `renders and opens its window under "${CSP}" (${[...violations, ...strictErrors].join('; ') || 'no violations'})`,
  );
  const bg = await strict.$eval('account-backup-tab >>> button.primary', (b) => getComputedStyle(b).backgroundColor);
  check(bg !== 'rgba(0, 0, 0, 0)', `its styles apply under style-src 'self' (primary button background ${bg})`);
} finally {
  await browser.close();
  await server.close();
  rmSync(downloads, { recursive: true, force: true });
}
console.log(failures ? `e2e-dropin: ${failures} check(s) failed` : 'e2e-dropin: all checks passed');
process.exit(failures ? 1 : 0);
