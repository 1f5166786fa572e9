#!/usr/bin/env node
/**
 * PNGs of the sandbox, one per mock scenario, into docs/screenshots/.
 *
 *   node tools/screenshots.mjs                   # every scenario, pt-BR → docs/screenshots/<scenario>.png
 *   node tools/screenshots.mjs --lang en typical cooldown   # → docs/screenshots/<scenario>.en.png
 *   node tools/screenshots.mjs --width 320 --lang es v1.1   # → docs/screenshots/v1.1.es.w320.png
 *
 * Starts Vite with the repo's config on a free port and drives Debian's Chromium with
 * puppeteer-core (nothing is downloaded). The sandbox clock starts at a fixed instant and the time
 * zone is pinned, so the pictures only change when the product does.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../scripts/lib/chromium.mjs';
import { PINNED, TIME_ZONE, click, startSandbox } from '../scripts/lib/sandbox.mjs';

// Chromium inherits it: the dates in the pictures are São Paulo's.
process.env.TZ = TIME_ZONE;

/** The three windows, opened as a person would: by role and visible label. */
const windows = (t) => [
  { name: 'window-request', scenario: 'empty', steps: (page) => click(page, 'button', t.request) },
  { name: 'window-terms', scenario: 'typical', steps: (page) => click(page, 'button', t.download) },
  {
    name: 'window-credentials',
    scenario: 'typical',
    steps: async (page) => {
      await click(page, 'button', t.download);
      await click(page, 'checkbox', t.accept);
      await click(page, 'button', t.downloadConfirm);
      await page.waitForSelector('account-backup-tab >>> dialog[open] dl');
    },
  },
];

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

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
// --width N: the viewport's width (1100 by default; files get a .wN suffix), to look at narrow layouts.
let width = 1100;
const widthAt = args.indexOf('--width');
if (widthAt !== -1) {
  width = Number(args[widthAt + 1]) || width;
  args.splice(widthAt, 2);
}
const suffix = `${lang === 'pt-BR' ? '' : `.${lang}`}${dark ? '.dark' : ''}${width === 1100 ? '' : `.w${width}`}`;

// The windows are shot with a full run (no scenario named).
const wantedWindows = args.length === 0;

const sandbox = await startSandbox();
// Every scenario the mock backend knows, from the mock itself.
const wanted = args.length ? args : sandbox.scenarioNames;
let browser;
let failures = 0;
try {
  const { base } = sandbox;
  browser = await puppeteer.launch(chromiumLaunchOptions());
  await mkdir(outDir, { recursive: true });

  for (const scenario of wanted) {
    const page = await browser.newPage();
    await page.setViewport({ width, height: 900 });
    if (dark) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const problems = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    const url = `${base}?scenario=${encodeURIComponent(scenario)}&lang=${encodeURIComponent(lang)}&${PINNED}`;
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

  // The windows, opened as a person would: by role and the label the locale table gives.
  for (const shot of wantedWindows ? windows(sandbox.labels(lang)) : []) {
    const page = await browser.newPage();
    await page.setViewport({ width, height: 900 });
    if (dark) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.goto(`${base}?scenario=${shot.scenario}&lang=${encodeURIComponent(lang)}&${PINNED}`, { waitUntil: 'load' });
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
  await sandbox.close();
}
process.exitCode = failures ? 1 : 0;
