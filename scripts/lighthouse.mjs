#!/usr/bin/env node
// `npm run lighthouse`: Lighthouse 12's mobile preset (its default config: a mid-range phone's
// screen, simulated 4× CPU slowdown and slow 4G), performance category only, on a plain host page
// with the drop-in (dist/account-backup-tab.bundled.js, `npm run build` first) and 50 rows from the
// contract-following node:http server of scripts/bench-server.mjs. Runs it 3 times, each in a fresh
// Debian Chromium started by chrome-launcher, and prints Total Blocking Time of each and the median.
// Options: --runs N (default 3), --max-tbt MS (exit 1 when the median TBT is above it), --page
// minimal|same-cells (a floor of `npm run bench` instead, to see what plain Lit scores here).
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { chromiumVersion, loadScripts, startServer } from './bench-server.mjs';

const text = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const option = (name) => (text(name) === undefined ? undefined : Number(text(name)));
const PAGE = text('page') ?? 'widget';
const RUNS = option('runs') ?? 3;
const MAX_TBT = option('max-tbt');

const server = await startServer(await loadScripts());
const url = `${server.origin}/${PAGE === 'widget' ? 'host' : PAGE}.html`;
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? chromiumPath, chromeFlags: ['--headless=new', ...chromiumFlags] });
    try {
      const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
      const { audits, categories, runtimeError } = result.lhr;
      if (runtimeError) throw new Error(`lighthouse: ${runtimeError.code}: ${runtimeError.message}`);
      const value = (id) => audits[id]?.numericValue;
      runs.push({
        tbt: value('total-blocking-time'),
        fcp: value('first-contentful-paint'),
        lcp: value('largest-contentful-paint'),
        tti: value('interactive'),
        mainThread: value('mainthread-work-breakdown'),
        score: categories.performance.score,
      });
      const r = runs.at(-1);
      console.log(
        `run ${i + 1}: TBT ${r.tbt.toFixed(0)} ms  (FCP ${r.fcp.toFixed(0)} ms, LCP ${r.lcp.toFixed(0)} ms, TTI ${r.tti.toFixed(0)} ms, main-thread work ${r.mainThread.toFixed(0)} ms, score ${Math.round(r.score * 100)})`,
      );
    } finally {
      await chrome.kill();
    }
  }
} finally {
  await server.close();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const tbt = median(runs.map((r) => r.tbt));
console.log(`\n${PAGE === 'widget' ? 'the drop-in on /host.html' : `the ${PAGE} floor`}: Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile preset, ${await chromiumVersion(process.env.CHROME_PATH ?? chromiumPath)}`);
console.log(`median TBT of ${RUNS}: ${tbt.toFixed(0)} ms${MAX_TBT === undefined ? '' : ` (max ${MAX_TBT} ms)`}`);
if (MAX_TBT !== undefined && tbt > MAX_TBT) {
  console.error(`lighthouse: median TBT ${tbt.toFixed(0)} ms is over ${MAX_TBT} ms`);
  process.exit(1);
}
