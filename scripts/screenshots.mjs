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
import { createServer } from 'vite';

process.env.TZ = 'America/Sao_Paulo';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const NOW = '2026-11-24T13:05:00Z';
const SCENARIOS = [
  'empty',
  'typical',
  'every-status',
  'cooldown',
  'unknown-status',
  'unauthorized',
  'plan-not-eligible',
  'forbidden',
  'rate-limited',
  'server-error',
  'network-failure',
  'malformed',
  'wrong-shape',
  'slow',
  'older-backend',
];

const args = process.argv.slice(2);
let lang = 'pt-BR';
const langAt = args.indexOf('--lang');
if (langAt !== -1) {
  lang = args[langAt + 1] ?? lang;
  args.splice(langAt, 2);
}
const wanted = args.length ? args : SCENARIOS;

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
let browser;
let failures = 0;
try {
  await vite.listen();
  const base = `http://127.0.0.1:${port}/`;
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  await mkdir(outDir, { recursive: true });

  for (const scenario of wanted) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
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
    const file = `${outDir}${scenario}${lang === 'pt-BR' ? '' : `.${lang}`}.png`;
    await page.screenshot({ path: file, fullPage: true });
    // Expected noise: failed loads the scenario asks for (msw logs forced network errors).
    const unexpected = problems.filter((p) => !/Failed to load resource|Failed to fetch|NetworkError/i.test(p));
    console.log(`${unexpected.length ? '!' : '✓'} ${scenario} → ${file.slice(root.length)}`);
    for (const p of unexpected) console.log(`    ${p}`);
    failures += unexpected.length ? 1 : 0;
    await page.close();
  }
} finally {
  await browser?.close();
  await vite.close();
}
process.exitCode = failures ? 1 : 0;
