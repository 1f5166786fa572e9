#!/usr/bin/env node
/* global document, requestAnimationFrame -- page.evaluate callbacks run in the page */
/**
 * Visual regression: the element's main states at three widths, compared with the baselines in
 * test/visual/ (pixelmatch).
 *
 *   npm run visual          # compare; fails when a picture differs by more than the tolerance
 *   npm run visual:update   # rewrite the baselines (then look at them, and commit them)
 *
 * The page shows only the element (the sandbox's controls are hidden) at exactly the width; the
 * sandbox clock starts at a fixed instant and the time zone is pinned (as in screenshots.mjs), so a
 * picture changes only when the product does. Fonts are the machine's: baselines are made and
 * compared on the same Debian image as CI. Differences go to $TMPDIR/visual-diff/ (actual + diff).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from './lib/chromium.mjs';
import { PINNED, TIME_ZONE, startSandbox, windows } from './lib/sandbox.mjs';

process.env.TZ = TIME_ZONE;

const update = process.argv.includes('--update');
const baselineDir = fileURLToPath(new URL('../test/visual/', import.meta.url));
const diffDir = join(tmpdir(), 'visual-diff');
const WIDTHS = [360, 800, 1280];
const LANG = 'pt-BR';
/** Anti-aliasing differences stay under pixelmatch's colour threshold; a changed label or box does not fit in 0.1 %. */
const THRESHOLD = 0.1;
const MAX_DIFF_RATIO = 0.001;

/** Only the element, flush with the viewport's edges. */
const ONLY_THE_ELEMENT = `
  body > :not(.stage) { display: none !important; }
  body { margin: 0 !important; padding: 0 !important; max-width: none !important; display: block !important; }
  .stage { margin: 0 !important; padding: 0 !important; border: 0 !important; }
`;

const sandbox = await startSandbox();
const t = sandbox.labels(LANG);
const states = [
  { name: 'typical', scenario: 'typical' },
  {
    name: 'checksum-open',
    scenario: 'typical',
    steps: (page) => page.evaluate(() => document.querySelector('account-backup-tab').shadowRoot.querySelectorAll('details').forEach((d) => (d.open = true))),
  },
  { name: 'cooldown', scenario: 'cooldown' },
  { name: 'server-error', scenario: 'server-error' },
  ...windows(t).map((w) => ({ ...w, window: true })),
];

let browser;
let failed = 0;
try {
  browser = await puppeteer.launch(chromiumLaunchOptions('--hide-scrollbars', '--font-render-hinting=none'));
  await mkdir(baselineDir, { recursive: true });
  for (const width of WIDTHS) {
    for (const state of states) {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 800 });
      await page.goto(`${sandbox.base}?scenario=${state.scenario}&lang=${LANG}&${PINNED}`, { waitUntil: 'load' });
      await page.waitForSelector('html[data-ready]', { timeout: 20_000 });
      await page.addStyleTag({ content: ONLY_THE_ELEMENT });
      await page.waitForSelector('account-backup-tab >>> table, account-backup-tab >>> [part~="error"], account-backup-tab >>> .empty', { timeout: 10_000 });
      if (state.steps) await state.steps(page);
      // Fonts, then two frames: nothing is left to lay out.
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
      const shot = Buffer.from(await page.screenshot({ fullPage: !state.window }));
      await page.close();
      const name = `${state.name}-${width}.png`;
      const baselineFile = join(baselineDir, name);
      if (update || !existsSync(baselineFile)) {
        await writeFile(baselineFile, shot);
        console.log(`${update ? 'updated' : 'new baseline'} test/visual/${name}`);
        if (!update) failed++; // a missing baseline is a failure in CI: run visual:update and commit it
        continue;
      }
      const actual = PNG.sync.read(shot);
      const expected = PNG.sync.read(await readFile(baselineFile));
      let problem = '';
      let differing = 0;
      if (actual.width !== expected.width || actual.height !== expected.height) {
        problem = `size ${actual.width}×${actual.height}, baseline ${expected.width}×${expected.height}`;
      } else {
        const diff = new PNG({ width: actual.width, height: actual.height });
        const pixels = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: THRESHOLD });
        differing = pixels;
        if (pixels > actual.width * actual.height * MAX_DIFF_RATIO) {
          problem = `${pixels} pixels differ (${((100 * pixels) / (actual.width * actual.height)).toFixed(2)} %)`;
          await mkdir(diffDir, { recursive: true });
          await writeFile(join(diffDir, name.replace('.png', '.diff.png')), PNG.sync.write(diff));
        }
      }
      if (problem) {
        failed++;
        await mkdir(diffDir, { recursive: true });
        await writeFile(join(diffDir, name), shot);
        console.log(`✗ ${name}: ${problem} (actual and diff in ${diffDir})`);
      } else {
        console.log(`✓ ${name}${differing ? ` (${differing} pixels differ, within the tolerance)` : ''}`);
      }
    }
  }
} finally {
  await browser?.close();
  await sandbox.close();
}
if (failed && !update) console.log(`${failed} picture(s) differ from test/visual/; if the change is intended: npm run visual:update`);
process.exitCode = failed && !update ? 1 : 0;
