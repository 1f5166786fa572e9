#!/usr/bin/env node
/**
 * PNGs of the sandbox, one per mock scenario, into docs/screenshots/.
 *
 *   node scripts/screenshots.mjs                 # every scenario, pt-BR → docs/screenshots/<scenario>.png
 *   node scripts/screenshots.mjs --lang en typical cooldown   # → docs/screenshots/<scenario>.en.png
 *
 * Starts Vite with the repo's config on a free port and drives Debian's Chromium with
 * puppeteer-core (nothing is downloaded). The sandbox clock starts at a fixed instant and the time
 * zone is pinned, so the pictures only change when the product does.
 */
import { mkdir } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { createServer } from 'vite';

process.env.TZ = 'America/Sao_Paulo';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const NOW = '2026-11-24T13:05:00Z';

const args = process.argv.slice(2);
let lang = 'pt-BR';
const langAt = args.indexOf('--lang');
if (langAt !== -1) {
  lang = args[langAt + 1] ?? lang;
  args.splice(langAt, 2);
}
// --dark: prefers-color-scheme: dark (files get a .dark suffix).
const dark = args.includes('--dark');
if (dark) args.splice(args.indexOf('--dark'), 1);
const suffix = `${lang === 'pt-BR' ? '' : `.${lang}`}${dark ? '.dark' : ''}`;

// The windows are shot with a full run (no scenario named).
const wantedWindows = args.length === 0;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const vite = await createServer({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  root: fileURLToPath(new URL('../demo', import.meta.url)),
  logLevel: 'warn',
  server: { host: '127.0.0.1', port, strictPort: true, open: false, hmr: false },
});
// Every scenario the mock backend knows, from the mock itself.
const { scenarioNames } = await vite.ssrLoadModule(fileURLToPath(new URL('../mocks/scenarios.ts', import.meta.url)));
const wanted = args.length ? args : scenarioNames;
let browser;
let failures = 0;
try {
  await vite.listen();
  const base = `http://127.0.0.1:${port}/`;
  browser = await puppeteer.launch(chromiumLaunchOptions());
  await mkdir(outDir, { recursive: true });

  for (const scenario of wanted) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    if (dark) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const problems = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    const url = `${base}?scenario=${encodeURIComponent(scenario)}&lang=${encodeURIComponent(lang)}&now=${NOW}`;
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready]', { timeout: 20_000 });
    // Let the element load its list (the 'slow' scenario is caught mid-load on purpose).
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const file = `${outDir}${scenario}${suffix}.png`;
    await page.screenshot({ path: file, fullPage: true });
    // Expected noise: failed loads the scenario asks for (msw logs forced network errors).
    const unexpected = problems.filter((p) => !/Failed to load resource|Failed to fetch|NetworkError/i.test(p));
    console.log(`${unexpected.length ? '!' : '✓'} ${scenario} → ${file.slice(root.length)}`);
    for (const p of unexpected) console.log(`    ${p}`);
    failures += unexpected.length ? 1 : 0;
    await page.close();
  }

  // The windows, opened as a person would: by role and visible label.
  const t = lang === 'en'
    ? { request: 'Request backup', download: 'Download file', accept: 'I have read and accept the download terms', confirm: 'Download backup' }
    : lang === 'es'
      ? { request: 'Solicitar backup', download: 'Descargar archivo', accept: 'He leído y acepto los términos de descarga', confirm: 'Descargar backup' }
      : { request: 'Solicitar backup', download: 'Baixar arquivo', accept: 'Li e aceito os termos de download', confirm: 'Baixar backup' };
  const click = async (page, role, name) => (await page.waitForSelector(`::-p-aria(${name}[role="${role}"])`, { timeout: 5000 })).click();
  const windows = [
    { name: 'window-request', scenario: 'empty', steps: async (page) => click(page, 'button', t.request) },
    { name: 'window-terms', scenario: 'typical', steps: async (page) => click(page, 'button', t.download) },
    {
      name: 'window-credentials',
      scenario: 'typical',
      steps: async (page) => {
        await click(page, 'button', t.download);
        await click(page, 'checkbox', t.accept);
        await click(page, 'button', t.confirm);
        await page.waitForSelector('account-backup-tab >>> dialog[open] dl');
      },
    },
  ];
  for (const shot of wantedWindows ? windows : []) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    if (dark) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.goto(`${base}?scenario=${shot.scenario}&lang=${encodeURIComponent(lang)}&now=${NOW}`, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready]', { timeout: 20_000 });
    await page.waitForSelector('account-backup-tab >>> [part~="toolbar"]');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await shot.steps(page);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const file = `${outDir}${shot.name}${suffix}.png`;
    await page.screenshot({ path: file });
    console.log(`✓ ${shot.name} → ${file.slice(root.length)}`);
    await page.close();
  }
} finally {
  await browser?.close();
  await vite.close();
}
process.exitCode = failures ? 1 : 0;
