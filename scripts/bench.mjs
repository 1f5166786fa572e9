#!/usr/bin/env node
/* global document, window, requestAnimationFrame, addEventListener, MutationObserver */ // page callbacks
// `npm run bench`: how much the widget costs over the least plain Lit can do (bench/floor.ts).
// Both pages come from one node:http server and load the same 50 backups from its GET /api/backups:
//   widget  the drop-in bundle (built here with the options of scripts/build.mjs), <account-backup-tab>
//   floor   bench/floor.ts bundled with Lit the same way: same columns, labels, dates, sizes, button
// Measured in Debian's Chromium through puppeteer-core, one fresh tab per run:
//   wall        from an inline script at the top of <head> (performance.mark) to 50 `tbody tr` in
//               the shadow root (a MutationObserver on every shadow root the page attaches)
//   painted     the same, to a requestAnimationFrame + task after that (the rows are on screen)
//   main thread CDP Performance.getMetrics TaskDuration delta over the load (blank page → rendered)
//   long tasks  a `longtask` PerformanceObserver (buffered), counted apart for the page load (tasks
//               that start before the list's response has arrived: parsing, compiling and evaluating
//               the script) and for the render (from the response to the rows painted, layout included)
//   click→paint a real click on the first *Baixar arquivo* to the dialog open + a frame painted
// Runs are interleaved in pairs, alternating which page goes first. Prints medians, per-pair ratios
// (widget / floor) with min, max and IQR. Exit 0: a report, not a gate; `--ci` exits 1 when a
// median ratio (main thread or wall) is over 1.3.
// Options: --pairs N (default 15), --cpu N (CDP CPU throttling rate, default 1), --ci
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { bundleOptions } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const PAIRS = arg('pairs', 15);
const CPU = arg('cpu', 1);
const CI = process.argv.includes('--ci');
const TARGET = 1.3;
const ROWS = 50;

// ---- What the pages load --------------------------------------------------------------------
const bundle = async (options) => (await esbuild.build({ ...options, write: false, outfile: 'out.js' })).outputFiles[0].text;
const widgetJs = await bundle(bundleOptions);
const floorJs = await bundle({ ...bundleOptions, entryPoints: [join(root, 'bench/floor.ts')] });

const STATUSES = ['ready', 'ready', 'expired', 'in_progress', 'awaiting_release', 'server_error', 'ready', 'bogus'];
const now = Date.now();
const DAY = 86_400_000;
const backups = Array.from({ length: ROWS }, (_, i) => {
  const status = STATUSES[i % STATUSES.length];
  const requestedAt = new Date(now - (i + 1) * 29 * DAY).toISOString();
  const ready = status === 'ready' || status === 'expired';
  return {
    id: `b-${i}`,
    status,
    requestedAt,
    requestedBy: `admin${i}@example.com`,
    readyAt: ready ? new Date(now - DAY).toISOString() : null,
    expiresAt: ready ? new Date(now + (status === 'ready' ? 5 : -1) * DAY).toISOString() : null,
    sizeBytes: ready ? 1_000_000_000 + i * 12_345_678 : null,
    fileName: ready ? `backup-${i}.tar.gz` : null,
    sha256: ready ? 'ab'.repeat(32) : null,
  };
});
const listJson = JSON.stringify({ backups, nextRequestAt: null });

// Installed before anything else on both pages: the start mark, long tasks, and the 50-rows probe.
const probe = `<script>
performance.mark('start');
window.__r = { longtasks: [] };
try {
  new PerformanceObserver((l) => { for (const e of l.getEntries()) __r.longtasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
} catch {}
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attach.call(this, init);
  const mo = new MutationObserver(() => {
    if (__r.rendered || root.querySelectorAll('tbody tr').length < ${ROWS}) return;
    __r.rendered = performance.now();
    mo.disconnect();
    requestAnimationFrame(() => setTimeout(() => { __r.painted = performance.now(); __r.done = true; }));
  });
  mo.observe(root, { childList: true, subtree: true });
  return root;
};
</script>`;
const page = (script, body) =>
  `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>bench</title>${probe}<script type="module" src="${script}"></script></head><body>${body}</body></html>`;
const PAGES = {
  widget: page('/widget.js', '<account-backup-tab base-url="/api" lang="pt-BR" poll-interval="0"></account-backup-tab>'),
  floor: page('/floor.js', '<floor-table></floor-table>'),
};

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const send = (type, body) => res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
  if (path === '/blank') return send('text/html', '<!doctype html><title>blank</title>');
  if (path === '/widget.html') return send('text/html', PAGES.widget);
  if (path === '/floor.html') return send('text/html', PAGES.floor);
  if (path === '/widget.js') return send('text/javascript', widgetJs);
  if (path === '/floor.js') return send('text/javascript', floorJs);
  if (path === '/api/backups' && req.method === 'GET') return send('application/json', listJson);
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  ...chromiumLaunchOptions('--disable-extensions', '--window-size=1280,900'),
  defaultViewport: { width: 1280, height: 900 },
});

/** One run of one page in a fresh tab. */
async function run(name) {
  const tab = await browser.newPage();
  try {
    const cdp = await tab.createCDPSession();
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    await tab.goto(`${origin}/blank`);
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const before = await metrics();
    await tab.goto(`${origin}/${name}.html`, { waitUntil: 'domcontentloaded' });
    await tab.waitForFunction(() => window.__r?.done, { polling: 5, timeout: 30_000 });
    const after = await metrics();
    const r = await tab.evaluate(() => ({
      start: performance.getEntriesByName('start')[0].startTime,
      rendered: window.__r.rendered,
      painted: window.__r.painted,
      longtasks: window.__r.longtasks.filter((t) => t.start < window.__r.painted),
      // When the list's body was in: everything after it is rendering the rows.
      data: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/backups'))?.responseEnd ?? 0,
    }));
    const long = r.longtasks.filter((t) => t.duration > 50);
    const rendering = long.filter((t) => t.start >= r.data);

    // Click → window painted.
    await tab.evaluate(() => {
      const host = document.querySelector('account-backup-tab, floor-table');
      const shadow = host.shadowRoot;
      const c = (window.__click = {});
      addEventListener('click', (e) => (c.t0 ??= e.timeStamp), { capture: true });
      const mo = new MutationObserver(() => {
        if (c.open || !shadow.querySelector('dialog[open]')) return;
        c.open = performance.now();
        mo.disconnect();
        requestAnimationFrame(() => setTimeout(() => (c.painted = performance.now())));
      });
      mo.observe(shadow, { subtree: true, childList: true, attributes: true, attributeFilter: ['open'] });
    });
    const button = await tab.evaluateHandle(() =>
      document.querySelector('account-backup-tab, floor-table').shadowRoot.querySelector('[part~="download-button"], button.download'),
    );
    await button.click();
    await tab.waitForFunction(() => window.__click.painted, { polling: 5, timeout: 10_000 });
    const click = await tab.evaluate(() => window.__click.painted - window.__click.t0);

    return {
      wall: r.rendered - r.start,
      painted: r.painted - r.start,
      main: (after.TaskDuration - before.TaskDuration) * 1000,
      renderTasks: rendering.length,
      loadTasks: long.length - rendering.length,
      ...(process.argv.includes('--verbose') &&
        console.log(name, JSON.stringify({ start: r.start, data: r.data, rendered: r.rendered, painted: r.painted, longtasks: r.longtasks }))),
      longestRender: Math.max(0, ...r.longtasks.filter((t) => t.start >= r.data).map((t) => t.duration)),
      longestLoad: Math.max(0, ...r.longtasks.filter((t) => t.start < r.data).map((t) => t.duration)),
      click,
    };
  } finally {
    await tab.close();
  }
}

// ---- Interleaved pairs ------------------------------------------------------------------------
const results = { widget: [], floor: [] };
await run('widget'); // warm-up (first compile of both, disk caches), not counted
await run('floor');
for (let i = 0; i < PAIRS; i++) {
  const order = i % 2 ? ['floor', 'widget'] : ['widget', 'floor'];
  for (const name of order) results[name].push(await run(name));
  process.stdout.write(`\rpairs: ${i + 1}/${PAIRS}`);
}
process.stdout.write('\n\n');
await browser.close();
server.close();

// ---- Report -----------------------------------------------------------------------------------
const quantile = (values, q) => {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
};
const median = (v) => quantile(v, 0.5);
const ms = (n) => `${n.toFixed(1)} ms`;
const x = (n) => `${n.toFixed(2)}×`;

const METRICS = [
  ['main', 'main-thread time (TaskDuration)'],
  ['wall', 'wall: script start → 50 rows'],
  ['painted', 'wall: script start → 50 rows painted'],
  ['click', 'click Baixar arquivo → window painted'],
];
const rows = [['', 'widget (median, IQR)', 'floor (median, IQR)', 'ratio median', 'ratio min–max', 'ratio IQR']];
const ratioMedians = {};
for (const [key, label] of METRICS) {
  const w = results.widget.map((r) => r[key]);
  const f = results.floor.map((r) => r[key]);
  const ratios = w.map((v, i) => v / f[i]);
  ratioMedians[key] = median(ratios);
  const iqr = (v, fmt) => `${fmt(median(v))} (${fmt(quantile(v, 0.25))}–${fmt(quantile(v, 0.75))})`;
  rows.push([
    label,
    iqr(w, ms),
    iqr(f, ms),
    x(median(ratios)),
    `${x(Math.min(...ratios))}–${x(Math.max(...ratios))}`,
    `${x(quantile(ratios, 0.25))}–${x(quantile(ratios, 0.75))}`,
  ]);
}
const sum = (name, key) => results[name].reduce((n, r) => n + r[key], 0);
const longest = (name, key) => Math.max(...results[name].map((r) => r[key]));
const longTasks = (name, count, key) => `${sum(name, count)} in ${results[name].length} runs (longest ${ms(longest(name, key))})`;
rows.push(
  ['long tasks > 50 ms rendering the rows (list in → painted)', longTasks('widget', 'renderTasks', 'longestRender'), longTasks('floor', 'renderTasks', 'longestRender'), '', '', ''],
  ['long tasks > 50 ms loading the page (before the list is in)', longTasks('widget', 'loadTasks', 'longestLoad'), longTasks('floor', 'loadTasks', 'longestLoad'), '', '', ''],
);
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`${PAIRS} interleaved pairs, ${ROWS} rows, Chromium ${(await import('node:child_process')).execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(' ')[1]}, CPU throttling ${CPU}×`);
for (const [i, r] of rows.entries()) {
  console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`\ntarget: median ratio ≤ ${TARGET}× for main-thread and wall time`);

const over = ['main', 'wall'].filter((k) => ratioMedians[k] > TARGET);
if (over.length) {
  console.log(`over target: ${over.join(', ')}`);
  if (CI) process.exit(1);
}
