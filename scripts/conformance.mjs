#!/usr/bin/env node
// CI: the conformance kit (conformance/, the package's `account-backup-conformance` bin) judges rightly.
//   1. its unit tests (node:test; conformance/test/*.test.ts, bundled by esbuild as the bin is);
//   2. the mock backend over real HTTP (scripts/lib/contract-server.mjs; node:http adds `Date` itself),
//      read-only and --allow-writes: it passes, and names the version (v1.1; v1 for a v1 mock);
//   3. broken servers, one fault each: a proxy in front of the mock's HTTP server rewrites its
//      answers (the mock's behaviour is untouched). Each must make the kit exit 1 with a FAIL line
//      that names the rule. Two harmless rewrites (unknown fields everywhere, one 429 with a
//      Retry-After) must still pass;
//   4. the packed package: `npx -p <tarball> account-backup-conformance --help`, and a run of the
//      installed bin against the mock (needs dist/: run after `npm run build`, or it builds).
// Usage: node scripts/conformance.mjs [--only unit|mock|broken|pack]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { conformanceOptions } from './build.mjs';
import { loadMockBackend, startContractServer } from './lib/contract-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const tmp = mkdtempSync(join(tmpdir(), 'conformance-'));
const results = [];
const closers = [];

/** One judgement of this script: printed at once, counted at the end. */
function judge(name, passed, detail = '') {
  results.push({ name, passed });
  console.log(`${passed ? 'PASS' : 'FAIL'}  ${name}${detail ? `\n${detail.replace(/^/gm, '      ')}` : ''}`);
}

/** Runs the kit (`node <bin> ...args`); resolves to { code, stdout, stderr }. */
function kit(bin, args, { timeoutMs = 60_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// ---- the mock, over HTTP ------------------------------------------------------------------------

const { MockBackend } = await loadMockBackend();

/** A fresh mock tenant on its own server: `scenario`, optionally freed of its pending request. */
async function mockServer(scenario, { free = false } = {}) {
  const backend = new MockBackend(scenario);
  const server = await startContractServer({ backend, base: '/api' });
  closers.push(server.close);
  const baseUrl = `${server.origin}/api`;
  if (free) {
    // The v1.1 scenario has a request awaiting release (so the tenant is in its cooldown): a staging
    // admin cancels it first, over the contract, as they would before a run with writes.
    for (const b of (await (await fetch(`${baseUrl}/backups`)).json()).backups) {
      if (b.cancellable) await fetch(`${baseUrl}/backups/${b.id}`, { method: 'DELETE' });
    }
    const { nextRequestAt } = await (await fetch(`${baseUrl}/backups`)).json();
    if (nextRequestAt !== null) throw new Error(`the ${scenario} tenant is still in its cooldown (${nextRequestAt})`);
  }
  return baseUrl;
}

// ---- broken servers: a proxy that rewrites the mock's answers, one fault each --------------------

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Every object in a JSON value, nested ones too. */
const objects = (v) => (Array.isArray(v) ? v.flatMap(objects) : isObject(v) ? [v, ...Object.values(v).flatMap(objects)] : []);

/**
 * Each rewrite gets the request ({ method, path, headers }) and the mock's answer ({ status, headers,
 * body }: headers lower-case, body parsed JSON or text) and the proxy's own state; it changes the
 * answer in place or returns a new one. `rule`: the check that must FAIL (null: the run must pass).
 */
const FAULTS = [
  {
    name: 'a 200 for a create',
    rule: 'create',
    writes: true,
    rewrite: (req, answer) => {
      if (req.method === 'POST' && req.path === '/backups' && answer.status === 201) answer.status = 200;
    },
  },
  {
    name: 'a zone-less timestamp (requestedAt without Z)',
    rule: 'timestamps',
    writes: false,
    rewrite: (req, answer) => {
      const first = req.method === 'GET' && answer.body?.backups?.[0];
      if (first) first.requestedAt = first.requestedAt.replace(/(\.\d+)?Z$/, '');
    },
  },
  {
    name: 'a second backup for a reused Idempotency-Key',
    rule: 'replay',
    writes: true,
    rewrite: (req, answer, state) => {
      const key = req.headers['idempotency-key'];
      if (req.method === 'POST' && req.path === '/backups' && answer.status === 201) {
        // The first answer for a key is the mock's; a replay gets a new backup, as a server that
        // ignores the key would create, and the list shows both from then on.
        if (!state.byKey.has(key)) state.byKey.set(key, answer.body);
        else {
          const second = { ...state.byKey.get(key), id: `${state.byKey.get(key).id}-again` };
          state.extra.push(second);
          answer.body = second;
        }
      }
      if (req.method === 'GET' && req.path === '/backups' && answer.status === 200) answer.body.backups.unshift(...state.extra);
    },
  },
  {
    name: 'a 409 cooldown without nextRequestAt',
    rule: 'cooldown',
    writes: true,
    rewrite: (req, answer) => {
      if (req.method === 'POST' && answer.status === 409 && isObject(answer.body)) delete answer.body.nextRequestAt;
    },
  },
  {
    name: 'no Date header',
    rule: 'date-header',
    writes: false,
    rewrite: (_req, answer) => {
      delete answer.headers.date;
    },
  },
  {
    name: 'a 429 without Retry-After',
    rule: 'retry-after',
    writes: false,
    rewrite: (req, answer, state) => {
      if (req.method !== 'GET' || state.limited) return;
      state.limited = true;
      return { status: 429, headers: { 'content-type': 'application/json', date: answer.headers.date }, body: { error: 'rate_limited' } };
    },
  },
  {
    name: 'a list without backups',
    rule: 'list',
    writes: false,
    rewrite: (req, answer) => {
      if (req.method === 'GET' && req.path === '/backups' && isObject(answer.body)) delete answer.body.backups;
    },
  },
  // Harmless: the kit must not fail on them.
  {
    name: 'unknown fields in every JSON object (must pass: unknown fields are tolerated)',
    rule: null,
    writes: true,
    rewrite: (_req, answer) => {
      for (const object of objects(answer.body)) object['x-unknown-field'] = { added: 'by the proxy' };
    },
  },
  {
    name: 'one 429 with Retry-After: 1 (must pass: the kit waits, then goes on)',
    rule: null,
    writes: false,
    rewrite: (req, answer, state) => {
      if (req.method !== 'GET' || state.limited) return;
      state.limited = true;
      return { status: 429, headers: { 'content-type': 'application/json', date: answer.headers.date, 'retry-after': '1' }, body: { error: 'rate_limited' } };
    },
  },
];

/** A node:http proxy in front of `upstream` (the mock's server) that applies `rewrite` to each answer. */
async function brokenServer(upstream, rewrite) {
  const state = { byKey: new Map(), extra: [], limited: false };
  const base = new URL(upstream).pathname;
  const server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)));
    const reply = await fetch(new URL(req.url, upstream), { method: req.method, headers, body: text || undefined, redirect: 'manual' });
    const raw = await reply.text();
    let body = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // not JSON: passed on as text
    }
    const answer = { status: reply.status, headers: Object.fromEntries(reply.headers), body };
    const path = new URL(req.url, 'http://x').pathname.slice(base.length);
    const out = rewrite({ method: req.method, path, headers: req.headers }, answer, state) ?? answer;
    for (const name of ['content-length', 'transfer-encoding', 'connection', 'keep-alive']) delete out.headers[name];
    // node:http would add a Date of its own: the proxy sends exactly the headers of the answer.
    res.sendDate = false;
    res.writeHead(out.status, out.headers).end(typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}${base}`;
}

// ---- the steps ----------------------------------------------------------------------------------

async function unitTests() {
  console.log('\n== unit tests (node:test)');
  const dir = join(root, 'conformance/test');
  const entryPoints = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f));
  await esbuild.build({ ...conformanceOptions, entryPoints, outdir: join(tmp, 'unit'), outExtension: { '.js': '.mjs' }, minify: false, banner: { js: conformanceOptions.banner.js.replace(/^#!.*\n/, '') } });
  const files = readdirSync(join(tmp, 'unit')).map((f) => join(tmp, 'unit', f));
  const code = await new Promise((resolve) => spawn(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' }).on('close', resolve));
  judge(`unit tests (${entryPoints.length} files)`, code === 0);
}

async function buildKit() {
  const bin = join(tmp, 'account-backup-conformance.js');
  await esbuild.build({ ...conformanceOptions, outfile: bin });
  return bin;
}

/** Runs the kit and judges it: `expect.exitCode`, `expect.meets` (passing runs), `expect.rule` (the FAIL line). */
async function expectRun(bin, name, args, expect) {
  const { code, stdout, stderr } = await kit(bin, args);
  const lines = stdout.trim().split('\n');
  if (expect.rule) {
    const failing = lines.filter((l) => l.startsWith('FAIL'));
    const named = failing.some((l) => new RegExp(`^FAIL\\s+${expect.rule}\\s`).test(l));
    judge(`${name}: exit ${code}, FAIL ${expect.rule}`, code === 1 && named, `${failing.join('\n')}${named ? '' : `\n(expected a FAIL line for ${expect.rule})\n${stdout}${stderr}`}`);
    return;
  }
  const summary = lines.find((l) => / checks: /.test(l)) ?? '';
  const meets = new RegExp(`The server meets: contract ${expect.meets.replace('.', '\\.')} `).test(summary);
  judge(`${name}: exit ${code}, meets ${expect.meets}`, code === 0 && meets, `${stdout}${stderr}`.trimEnd());
}

async function againstTheMock(bin) {
  console.log('\n== the mock backend over HTTP: the kit passes');
  await expectRun(bin, 'v1.1 mock, read-only', ['--base-url', await mockServer('v1.1')], { meets: 'v1' });
  await expectRun(bin, 'v1.1 mock in its cooldown, --allow-writes (skips what needs a new backup)', ['--base-url', await mockServer('v1.1'), '--allow-writes'], { meets: 'v1' });
  const free = await mockServer('v1.1', { free: true });
  await expectRun(bin, 'v1.1 mock, --allow-writes', ['--base-url', free, '--allow-writes'], { meets: 'v1.1' });
  // The run cancelled what it created, so the same tenant is free again for the next run.
  await expectRun(bin, 'the same v1.1 tenant again, --allow-writes', ['--base-url', free, '--allow-writes', '--header', 'X-CSRF-Token: not-printed'], { meets: 'v1.1' });
  await expectRun(bin, 'v1 mock (typical), --allow-writes', ['--base-url', await mockServer('typical'), '--allow-writes'], { meets: 'v1' });
  const json = await kit(bin, ['--base-url', await mockServer('v1.1', { free: true }), '--allow-writes', '--json']);
  let report;
  try {
    report = JSON.parse(json.stdout);
  } catch {
    report = null;
  }
  judge(
    '--json: one JSON document on stdout, the plan on stderr',
    json.code === 0 && report?.exitCode === 0 && report.summary.meets === 'v1.1' && report.checks.length === 14 && /--allow-writes: this run changes/.test(json.stderr),
    report ? `summary ${JSON.stringify(report.summary)}` : json.stdout,
  );
}

async function againstBrokenServers(bin) {
  console.log('\n== broken servers (one fault each, the mock behind a rewriting proxy): the kit fails, naming the rule');
  for (const fault of FAULTS) {
    const upstream = await mockServer('v1.1', { free: fault.writes });
    const baseUrl = await brokenServer(upstream, fault.rewrite);
    const args = ['--base-url', baseUrl, ...(fault.writes ? ['--allow-writes'] : [])];
    await expectRun(bin, fault.name, args, fault.rule ? { rule: fault.rule } : { meets: fault.writes ? 'v1.1' : 'v1' });
  }
  const json = await kit(bin, ['--base-url', await brokenServer(await mockServer('v1.1'), FAULTS.find((f) => f.rule === 'list').rewrite), '--json']);
  const report = JSON.parse(json.stdout);
  const list = report.checks.find((c) => c.id === 'list');
  judge('--json on a broken server: exitCode 1, the check failed with expected and got', json.code === 1 && report.exitCode === 1 && list.outcome === 'fail' && !!list.expected && !!list.got, JSON.stringify(list));
}

async function fromTheTarball() {
  console.log('\n== the packed package: npx -p <tarball> account-backup-conformance');
  // The package as `npm run build` makes it; the bin rebuilt from today's source either way.
  if (!existsSync(join(root, 'dist/index.js'))) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  else await esbuild.build({ ...conformanceOptions, outfile: join(root, 'dist/account-backup-conformance.js') });
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz')));
  const npx = (args) =>
    new Promise((resolve) => {
      const child = spawn('npx', ['--yes', '--prefer-offline', '-p', tarball, 'account-backup-conformance', ...args], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => resolve({ code, out }));
    });
  const help = await npx(['--help']);
  judge('npx -p <tarball> account-backup-conformance --help', help.code === 0 && /^Usage: account-backup-conformance --base-url URL/.test(help.out), help.out.split('\n')[0]);
  const run = await npx(['--base-url', await mockServer('v1.1')]);
  judge('the installed bin, read-only against the mock', run.code === 0, run.out.trim().split('\n').at(-2));
}

try {
  if (!only || only === 'unit') await unitTests();
  const bin = only === 'pack' || only === 'unit' ? null : await buildKit();
  if (!only || only === 'mock') await againstTheMock(bin);
  if (!only || only === 'broken') await againstBrokenServers(bin);
  if (!only || only === 'pack') await fromTheTarball();
} finally {
  await Promise.all(closers.map((close) => close()));
  rmSync(tmp, { recursive: true, force: true });
}
const failed = results.filter((r) => !r.passed).length;
console.log(`\nconformance: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
