#!/usr/bin/env node
/* global window */ // page callbacks
// `npm run trace`: where the time of one load goes, for the widget and both floors of `npm run bench`
// (same server, pages and probe: tools/bench-server.mjs). For each page, loads in fresh tabs of
// Debian's Chromium, from navigation start to the first frame after the 50th row, each recorded
// twice at once:
//   a Chromium trace (CDP Tracing)   the main thread's work by kind (compile, script, style,
//                                    layout, paint, GC, HTML) and the phases (script, fetch, render)
//   a CPU profile (CDP Profiler)     JavaScript self time per source (Lit, @lit/task, each module
//                                    of src/ or bench/) through the bundle's source map, the Intl
//                                    natives by name (DateTimeFormat…), and the row templates
// The pages' scripts are built here with the options of scripts/build.mjs plus a source map (the
// widget's is the same code as dist/account-backup-tab.bundled.js). Each number printed is its median
// over --runs N loads (default 3, interleaved); profiling itself slows the pages, so compare the
// pages with each other here and take ratios from `npm run bench`. Options: --runs N, --cpu N (CDP
// CPU throttling), --json FILE (the numbers), --save DIR (the traces and profiles of the last
// run, to open in DevTools).
import { mkdirSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions, chromiumPath } from '../scripts/lib/chromium.mjs';
import { PAGES, ROWS, chromiumVersion, loadScripts, startServer } from './bench-server.mjs';

const option = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const CPU = Number(option('cpu') ?? 1);
const SAVE = option('save');

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink',
  'blink.user_timing',
  'loading',
  'toplevel',
];

// Main-thread trace events, by what they are. Self time (an event's duration less its children's)
// is charged to the kind of the innermost event, so nothing is counted twice.
const KINDS = [
  ['compile', /^(v8\.compile|v8\.compileModule|V8\.CompileCode|v8\.produceCache|v8\.produceModuleCache|CompileScript|v8\.parseOnBackground)/],
  ['script', /^(v8\.evaluateModule|EvaluateScript|FunctionCall|v8\.run|V8\.Execute|RunMicrotasks|v8\.callFunction|TimerFire|FireAnimationFrame|EventDispatch|v8\.newInstance|XHRReadyStateChange|V8\.BytecodeBudgetInterrupt)/],
  ['GC', /GC|V8\.GC|BlinkGC|MinorGC|MajorGC/],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)/],
  ['layout', /^(Layout|InvalidateLayout)$/],
  ['paint', /^(Paint|PrePaint|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|Commit|PaintImage|RasterTask)/],
  ['HTML', /^(ParseHTML|ParseHTMLDocument)/],
  ['profiler', /^CpuProfiler::/],
];
const kindOf = (name) => KINDS.find(([, pattern]) => pattern.test(name))?.[0] ?? 'other';

// Installed in every page of this script (not of the bench): times each Intl formatter built and
// counts format() calls (too short to time one by one at performance.now()'s resolution).
const INTL_PROBE = `(() => {
  const stats = (window.__intl = { built: 0, buildMs: 0, firstMs: 0, formats: 0 });
  for (const name of ['DateTimeFormat', 'NumberFormat', 'RelativeTimeFormat', 'PluralRules']) {
    const Original = Intl[name];
    for (const method of ['format', 'formatToParts', 'select']) {
      const desc = Object.getOwnPropertyDescriptor(Original.prototype, method);
      if (!desc) continue;
      const fn = desc.value;
      if (desc.get) Object.defineProperty(Original.prototype, method, { ...desc, get() { stats.formats++; return desc.get.call(this); } });
      else Original.prototype[method] = function (...args) { stats.formats++; return fn.apply(this, args); };
    }
    Intl[name] = new Proxy(Original, {
      construct(target, args, newTarget) {
        const t0 = performance.now();
        const made = Reflect.construct(target, args, newTarget === Intl[name] ? target : newTarget);
        const took = performance.now() - t0;
        if (!stats.built++) stats.firstMs = took;
        stats.buildMs += took;
        return made;
      },
    });
  }
})();`;

const scripts = await loadScripts({ sourcemap: true });
const server = await startServer(scripts);
const browser = await puppeteer.launch({ ...chromiumLaunchOptions('--disable-extensions', '--window-size=1280,900'), defaultViewport: { width: 1280, height: 900 } });

/** One traced and profiled load of one page. */
async function traceLoad(name) {
  const tab = await browser.newPage();
  try {
    const cdp = await tab.createCDPSession();
    if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    await tab.evaluateOnNewDocument(INTL_PROBE);
    await tab.goto(`${server.origin}/blank`);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); // µs
    await tab.tracing.start({ categories: CATEGORIES });
    await cdp.send('Profiler.start');
    await tab.goto(`${server.origin}/${name}.html`, { waitUntil: 'domcontentloaded' });
    const marks = await tab.evaluate(() => window.__bench.done);
    const { profile } = await cdp.send('Profiler.stop');
    const trace = JSON.parse(new TextDecoder().decode(await tab.tracing.stop()));
    const timeOrigin = await tab.evaluate(() => performance.timeOrigin);
    const intl = await tab.evaluate(() => window.__intl);
    if (SAVE) {
      mkdirSync(SAVE, { recursive: true });
      writeFileSync(join(SAVE, `${name}.trace.json`), JSON.stringify(trace));
      writeFileSync(join(SAVE, `${name}.cpuprofile`), JSON.stringify(profile));
    }
    return { trace, profile, marks, timeOrigin, intl };
  } finally {
    await tab.close();
  }
}

/** The main thread of the renderer that loaded the page, and its complete events in the window. */
function mainThreadEvents(trace, page) {
  const events = trace.traceEvents;
  const apiRequest = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.endsWith('/api/backups'));
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // The navigation of this page: its navigationStart mark on a renderer main thread.
  const starts = events.filter((e) => e.name === 'navigationStart' && mainThreads.has(`${e.pid}:${e.tid}`) && e.args?.data?.documentLoaderURL?.endsWith(`/${page}.html`));
  const start = starts.at(-1);
  if (!start) throw new Error(`${page}: no navigationStart in the trace`);
  const thread = (e) => e.pid === start.pid && e.tid === start.tid;
  return { events: events.filter(thread), all: events, start: start.ts, apiRequest, pid: start.pid };
}

/**
 * Self time per kind of the main thread's X events between `from` and `to` (µs): an event's clipped
 * duration less its children's, charged to its own kind or, for the many wrappers of no known kind
 * (LocalFrameView::performLayout inside Layout…), to the nearest enclosing event that has one.
 * `busy` is the time covered by top-level tasks.
 */
function selfTimeByKind(events, from, to) {
  const complete = events.filter((e) => e.ph === 'X' && e.dur > 0 && e.ts < to && e.ts + e.dur > from).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const clip = (e) => Math.max(0, Math.min(e.ts + e.dur, to) - Math.max(e.ts, from));
  const stack = [];
  const nodes = [];
  let busy = 0;
  for (const e of complete) {
    while (stack.length && stack.at(-1).e.ts + stack.at(-1).e.dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const own = kindOf(e.name);
    const node = { e, self: clip(e), kind: own !== 'other' ? own : (parent?.kind ?? 'other') };
    if (parent) parent.self -= node.self;
    else busy += node.self;
    stack.push(node);
    nodes.push(node);
  }
  const byKind = {};
  const other = {};
  for (const { e, kind, self } of nodes) {
    byKind[kind] = (byKind[kind] ?? 0) + Math.max(0, self);
    if (kind === 'other') other[e.name] = (other[e.name] ?? 0) + Math.max(0, self);
  }
  return { byKind, busy, other };
}

/** The source map of a page's bundle, and a function that names the source of a (line, column). */
function sourceLookup(name) {
  const map = new SourceMap(JSON.parse(scripts[name].map));
  const payload = map.payload;
  const lines = new Map();
  return (line, column) => {
    const entry = map.findEntry(line, column);
    if (!entry?.originalSource) return null;
    const source = entry.originalSource.replace(/^.*?node_modules\//, 'node_modules/').replace(/^(\.\.\/)+/, '');
    const index = payload.sources.indexOf(entry.originalSource);
    if (!lines.has(index)) lines.set(index, (payload.sourcesContent?.[index] ?? '').split('\n'));
    const text = lines.get(index)[entry.originalLine] ?? '';
    // The function's name as written where it starts: `#renderTable(`, `formatDate = (`, `function x(`.
    const fn = /(#?[A-Za-z_$][\w$]*)\s*(?:=\s*(?:async\s*)?\(|\(|=\s*(?:async\s+)?function)/.exec(text.slice(Math.max(0, entry.originalColumn - 40)))?.[1];
    return { source, line: entry.originalLine + 1, fn };
  };
}

/** Where a source belongs, for the JavaScript table. */
const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)/;
const sourceGroup = (source) => PACKAGE.exec(source)?.[1] ?? source.replace(/^.*?\b(src|bench)\//, '$1/');

/** JavaScript self time from the CPU profile (µs), by source and for natives by name, inside [from, to]. */
function profileBreakdown(profile, name, from, to) {
  const lookup = sourceLookup(name);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const selfByNode = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    if (t < from || t > to) continue;
    selfByNode.set(profile.samples[i], (selfByNode.get(profile.samples[i]) ?? 0) + next);
  }
  const describe = new Map();
  const where = (node) => {
    if (describe.has(node.id)) return describe.get(node.id);
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    let d;
    if (url.endsWith(`/${PAGES[name].script}`) && lineNumber === 0 && columnNumber === 0) {
      d = { group: '(module top level: evaluation, incl. what it builds)', fn: '(module top level)' };
    } else if (url.endsWith(`/${PAGES[name].script}`)) {
      const found = lookup(lineNumber, columnNumber);
      d = found ? { group: sourceGroup(found.source), fn: found.fn ?? functionName, at: `${found.source}:${found.line}` } : { group: 'bundle (unmapped)', fn: functionName };
    } else if (!url) d = { group: functionName.startsWith('(') ? functionName : 'native', fn: functionName || '(anonymous)' };
    else d = { group: url.replace(/^.*\//, ''), fn: functionName };
    describe.set(node.id, d);
    return d;
  };
  const byGroup = {};
  const byNative = {};
  const byFunction = {};
  for (const [id, self] of selfByNode) {
    const d = where(nodes.get(id));
    byGroup[d.group] = (byGroup[d.group] ?? 0) + self;
    if (d.group === 'native') byNative[d.fn] = (byNative[d.fn] ?? 0) + self;
    const key = `${d.fn} (${d.at ?? d.group})`;
    byFunction[key] = (byFunction[key] ?? 0) + self;
  }
  // Inclusive time of the row templates: samples under a function of the page's own code whose name
  // says it builds rows (the widget's #renderTable/#renderDetails/#time/#renderValue, the floors' map
  // callbacks are inside render()).
  const TEMPLATE = /^#?(render|renderTable|renderDetails|renderValue|renderList|time|details)$/;
  let templates = 0;
  for (const [id, self] of selfByNode) {
    for (let n = nodes.get(id); n; n = nodes.get(parent.get(n.id))) {
      const d = where(n);
      if ((d.group.startsWith('src/') || d.group.startsWith('bench/')) && TEMPLATE.test(d.fn ?? '')) {
        templates += self;
        break;
      }
    }
  }
  return { byGroup, byNative, byFunction, templates };
}

/** The numbers of one traced load. */
function analyse(name, { trace, profile, marks, timeOrigin, intl }) {
  const { events, all, start, apiRequest } = mainThreadEvents(trace, name);
  // Trace µs and page ms share the monotonic clock: navigationStart ≈ timeOrigin.
  const at = (pageMs) => start + pageMs * 1000;
  const end = at(marks.frame);
  const finish = (url) => all.find((e) => e.name === 'ResourceFinish' && e.args?.data?.requestId === url?.args?.data?.requestId);
  const script = all.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.endsWith(`/${PAGES[name].script}`));
  const evaluate = events.filter((e) => e.name === 'v8.evaluateModule' && e.ts >= start && e.ts < end).sort((a, b) => a.ts - b.ts)[0];
  const apiDone = finish(apiRequest);
  const { byKind: kinds, other } = selfTimeByKind(events, start, end);
  const afterFetch = apiDone ? selfTimeByKind(events, apiDone.ts, end) : null;
  const js = profileBreakdown(profile, name, start, end);
  const ms = (us) => (us ?? 0) / 1000;
  return {
    wall: marks.frame,
    phases: {
      'script requested → evaluated': evaluate && script ? ms(evaluate.ts + evaluate.dur - script.ts) : null,
      'module evaluation (main thread)': evaluate ? ms(evaluate.dur) : null,
      'fetch: GET sent → body in': apiRequest && apiDone ? ms(apiDone.ts - apiRequest.ts) : null,
      'first render: body in → frame after row 50': apiDone ? ms(end - apiDone.ts) : null,
      '  of which main thread busy': afterFetch ? ms(afterFetch.busy) : null,
      '    style + layout + paint in it': afterFetch ? ms((afterFetch.byKind.style ?? 0) + (afterFetch.byKind.layout ?? 0) + (afterFetch.byKind.paint ?? 0)) : null,
      '    script in it': afterFetch ? ms(afterFetch.byKind.script ?? 0) : null,
    },
    kinds: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, ms(v)])),
    other: Object.fromEntries(Object.entries(other).map(([k, v]) => [k, ms(v)])),
    js: {
      groups: Object.fromEntries(Object.entries(js.byGroup).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, ms(v)])),
      intl,
      intlByName: Object.fromEntries(Object.entries(js.byNative).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, ms(v)])),
      templates: ms(js.templates),
      top: Object.entries(js.byFunction).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => [k, ms(v)]),
    },
    timeOrigin,
  };
}

/** The median of each number over the runs (lists, such as the top functions, from the median run). */
function medianOf(runs) {
  const mid = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const merge = (values) => {
    const first = values.find((v) => v !== null && v !== undefined);
    if (typeof first === 'number') return mid(values.map((v) => v ?? 0));
    if (Array.isArray(first) || first === undefined || first === null) return first;
    const keys = [...new Set(values.flatMap((v) => Object.keys(v ?? {})))];
    return Object.fromEntries(keys.map((k) => [k, merge(values.map((v) => v?.[k]))]));
  };
  const merged = merge(runs);
  merged.js.top = runs.find((r) => r.wall === merged.wall)?.js.top ?? runs[0].js.top;
  return merged;
}

const RUNS = Number(option('runs') ?? 3);
const runs = Object.fromEntries(Object.keys(PAGES).map((name) => [name, []]));
for (const name of Object.keys(PAGES)) await traceLoad(name); // warm-up, as in the bench
for (let i = 0; i < RUNS; i++) {
  const order = Object.keys(PAGES);
  for (const name of i % 2 ? order.reverse() : order) runs[name].push(analyse(name, await traceLoad(name)));
}
const results = Object.fromEntries(Object.entries(runs).map(([name, list]) => [name, medianOf(list)]));
await browser.close();
await server.close();

// ---- Report -----------------------------------------------------------------------------------
const names = Object.keys(PAGES);
const fmt = (v) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} ms`);
const table = (title, rows) => {
  const all = [[title, ...names], ...rows];
  const widths = all[0].map((_, c) => Math.max(...all.map((r) => String(r[c]).length)));
  for (const [i, r] of all.entries()) {
    console.log(r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log();
};
console.log(`median of ${RUNS} traced loads each (each number on its own), ${ROWS} rows, ${await chromiumVersion(chromiumPath)}, CPU throttling ${CPU}×\n`);
table('phases (wall time)', [
  ['navigation → frame after row 50', ...names.map((n) => fmt(results[n].wall))],
  ...Object.keys(results.widget.phases).map((k) => [k, ...names.map((n) => fmt(results[n].phases[k]))]),
]);
const kinds = [...new Set(names.flatMap((n) => Object.keys(results[n].kinds)))].sort((a, b) => results.widget.kinds[b] - results.widget.kinds[a]);
table('main thread by kind (trace, self time)', [
  ...kinds.map((k) => [k, ...names.map((n) => fmt(results[n].kinds[k]))]),
  ['total', ...names.map((n) => fmt(Object.values(results[n].kinds).reduce((a, b) => a + b, 0)))],
]);
const others = [...new Set(names.flatMap((n) => Object.keys(results[n].other)))];
others.sort((a, b) => (results.widget.other[b] ?? 0) - (results.widget.other[a] ?? 0));
table('"other", its largest events (self time)', others.slice(0, 8).map((k) => [k, ...names.map((n) => fmt(results[n].other[k]))]));
const groups = [...new Set(names.flatMap((n) => Object.keys(results[n].js.groups)))].filter((g) => g !== '(idle)');
groups.sort((a, b) => Math.max(...names.map((n) => results[n].js.groups[b] ?? 0)) - Math.max(...names.map((n) => results[n].js.groups[a] ?? 0)));
table('JavaScript self time by source (CPU profile)', [
  ...groups.map((g) => [g, ...names.map((n) => fmt(results[n].js.groups[g]))]),
  ['row templates (inclusive: building the values)', ...names.map((n) => fmt(results[n].js.templates))],
]);
const natives = [...new Set(names.flatMap((n) => Object.keys(results[n].js.intlByName)))].slice(0, 10);
table('Intl (timed in the page: V8\'s profiler charges Intl\'s C++ to the JS that calls it)', [
  ['formatters built', ...names.map((n) => String(results[n].js.intl.built))],
  ['time building them', ...names.map((n) => fmt(results[n].js.intl.buildMs))],
  ['  of which the first (ICU data)', ...names.map((n) => fmt(results[n].js.intl.firstMs))],
  ['format() calls', ...names.map((n) => String(results[n].js.intl.formats))],
]);
table('natives by name (CPU profile, self time)', natives.map((f) => [f, ...names.map((n) => fmt(results[n].js.intlByName[f]))]));
for (const n of names) {
  console.log(`top self time, ${n}:`);
  for (const [fn, v] of results[n].js.top) console.log(`  ${fmt(v).padStart(9)}  ${fn}`);
  console.log();
}
const out = option('json');
if (out) writeFileSync(out, JSON.stringify(results, null, 2));

