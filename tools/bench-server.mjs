// The pages `npm run bench`, `npm run trace` and `npm run lighthouse` load, from one node:http server
// that follows the backend contract for what they ask (GET {base}/backups, 50 backups).
//   /widget.html       the drop-in as shipped: dist/account-backup-tab.bundled.js (`npm run build`)
//   /minimal.html      bench/minimal.ts: the article's tab in plain Lit + @lit/task
//   /same-cells.html   bench/floor.ts: the widget's cells in plain Lit + @lit/task
//   /host.html         the drop-in on a plain host page, no probe (what Lighthouse loads)
//   /poll.html         the drop-in polling every second, each poll timed (see POLL_PROBE)
// The bench pages carry the same probe (see PROBE): nothing else differs between them but the script.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, bundleOptions } from '../scripts/build.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROWS = 50;

/** Which script each page loads, and the markup that uses it. */
export const PAGES = {
  widget: { script: 'widget.js', body: '<account-backup-tab base-url="/api" lang="pt-BR" poll-interval="0"></account-backup-tab>' },
  minimal: { script: 'minimal.js', entry: 'bench/minimal.ts', body: '<minimal-tab></minimal-tab>' },
  'same-cells': { script: 'same-cells.js', entry: 'bench/floor.ts', body: '<floor-table></floor-table>' },
};

/** The drop-in as `npm run build` left it; the floors built the same way (scripts/build.mjs's bundle()). */
export async function loadScripts({ sourcemap = false } = {}) {
  const dropIn = join(root, 'dist/account-backup-tab.bundled.js');
  const scripts = {};
  for (const [name, page] of Object.entries(PAGES)) {
    if (!page.entry && !sourcemap) {
      if (!existsSync(dropIn)) throw new Error('dist/account-backup-tab.bundled.js is missing: run `npm run build` first');
      scripts[name] = { js: readFileSync(dropIn, 'utf8') };
      continue;
    }
    // With source maps (npm run trace) the drop-in is rebuilt as scripts/build.mjs builds it, so the
    // same code comes with a map that names the source of every profiled function.
    const { code, map } = await bundle({
      ...bundleOptions,
      ...(page.entry && { entryPoints: [join(root, page.entry)] }),
      sourcemap: sourcemap ? 'external' : false,
      outfile: join(root, `bench-out/${page.script}`),
    });
    scripts[name] = { js: code, map };
  }
  return scripts;
}

/** 50 backups in every status, the same on every page. */
export function backupList(now = Date.now()) {
  const STATUSES = ['ready', 'ready', 'expired', 'in_progress', 'awaiting_release', 'server_error', 'ready', 'bogus'];
  const DAY = 86_400_000;
  const backups = Array.from({ length: ROWS }, (_, i) => {
    const status = STATUSES[i % STATUSES.length];
    const ready = status === 'ready' || status === 'expired';
    return {
      id: `b-${i}`,
      status,
      requestedAt: new Date(now - (i + 1) * 29 * DAY).toISOString(),
      requestedBy: `admin${i}@example.com`,
      readyAt: ready ? new Date(now - DAY).toISOString() : null,
      expiresAt: ready ? new Date(now + (status === 'ready' ? 5 : -1) * DAY).toISOString() : null,
      sizeBytes: ready ? 1_000_000_000 + i * 12_345_678 : null,
      fileName: ready ? `backup-${i}.tar.gz` : null,
      sha256: ready ? 'ab'.repeat(32) : null,
    };
  });
  return { backups, nextRequestAt: null };
}

// The probe, first thing in <head> of every bench page. It costs the same on each: one
// MutationObserver per shadow root that only counts the `tbody` rows among the added nodes (Lit
// inserts a template's nodes in one go, so a query on the added subtree finds rows inserted with
// their table), then, at the 50th, one rAF and a message to land after that frame's paint work.
// Times are performance.now(), i.e. from navigation start.
export const PROBE = `<script>
window.__bench = { rows: 0 };
__bench.done = new Promise((resolve) => (__bench.resolve = resolve));
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const shadow = attachShadow.call(this, init);
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node.nodeType === 1) __bench.rows += node.matches('tbody > tr') ? 1 : node.querySelectorAll('tbody > tr').length;
    if (__bench.rows < ${ROWS}) return;
    observer.disconnect();
    __bench.rowsAt = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => __bench.resolve({ rows: __bench.rowsAt, frame: performance.now() });
      channel.port2.postMessage(0);
    });
  });
  observer.observe(shadow, { childList: true, subtree: true });
  return shadow;
};
</script>`;

// The poll probe, last thing in <body> of /poll.html: before the drop-in's module runs, it gives the
// element a `fetch` (its public property) that times each call from the host's side. The body is
// handed over already read (its `json()` parses a string the wrapper holds), so all the element does
// with an answer (validation, comparison, state, render) runs in one chain of microtasks: a message
// posted at the hand-over is dispatched once that chain is done. The same goes for the call: the
// element's work around it runs before a message posted when `fetch` is called. A poll's cost is the
// sum of the two intervals: main-thread time the element spent, plus two message dispatches (so it
// can only overstate). The first call is the first load, not a poll: not counted. Every later answer
// is the same list, so every counted poll is an unchanged one.
export const POLL_PROBE = `<script>
window.__poll = { costs: [], calls: 0 };
const untilNextTask = (from) =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now() - from);
    channel.port2.postMessage(0);
  });
document.querySelector('account-backup-tab').fetch = async (input, init) => {
  const poll = __poll.calls++ > 0;
  const onCall = untilNextTask(performance.now());
  const real = await fetch(input, init);
  const body = await real.text();
  const answer = new Response(body, { status: real.status, headers: real.headers });
  Object.defineProperty(answer, 'json', { value: () => Promise.resolve(JSON.parse(body)) });
  const handedOver = untilNextTask(performance.now());
  if (poll) Promise.all([onCall, handedOver]).then(([a, b]) => __poll.costs.push(a + b));
  return answer;
};
</script>`;

const html = (script, body, probe) =>
  `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Backup</title>${probe ? PROBE : ''}<script type="module" src="/${script}"></script></head><body>${body}</body></html>`;

/** Starts the server on a free loopback port; `scripts` from loadScripts(). */
export async function startServer(scripts, { list = backupList() } = {}) {
  const listJson = JSON.stringify(list);
  const routes = new Map([['/blank', ['text/html', '<!doctype html><title>blank</title>']]]);
  for (const [name, page] of Object.entries(PAGES)) {
    routes.set(`/${name}.html`, ['text/html', html(page.script, page.body, true)]);
    routes.set(`/${page.script}`, ['text/javascript', scripts[name].js]);
  }
  routes.set('/host.html', ['text/html', html(PAGES.widget.script, `<main><h1>Gerenciar conta</h1>${PAGES.widget.body}</main>`, false)]);
  const polling = PAGES.widget.body.replace('poll-interval="0"', 'poll-interval="1"');
  routes.set('/poll.html', ['text/html', html(PAGES.widget.script, `<main><h1>Gerenciar conta</h1>${polling}</main>${POLL_PROBE}`, false)]);
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const route = routes.get(path);
    if (route) return res.writeHead(200, { 'Content-Type': `${route[0]}; charset=utf-8`, 'Cache-Control': 'no-store' }).end(route[1]);
    if (path === '/api/backups' && req.method === 'GET') {
      return res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(listJson);
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Chromium's version, for the reports. */
export async function chromiumVersion(path) {
  const { execFileSync } = await import('node:child_process');
  return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}
