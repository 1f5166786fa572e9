// The checks, run in-process against the mock backend (mocks/backend.ts behind a fetch function, as
// node:http serves it in CI): what passes, what is skipped and why, the verdict, and what the kit
// must never do (wait past its budget, print a session header).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MockBackend, type ScenarioName } from '../../mocks/backend.js';
import { runConformance, summarize, type CheckResult } from '../checks.js';

const BASE = 'http://mock.test/api';

/** `fetch` answered by a MockBackend, with the Date header node:http would add. */
function mockFetch(backend: MockBackend): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const answer = backend.handle({ method: init?.method ?? 'GET', path: url.pathname.replace(/^\/api/, ''), headers, body });
    if (answer.kind === 'network-error') throw new TypeError('fetch failed');
    const text = answer.kind === 'json' ? JSON.stringify(answer.body) : answer.body;
    const type = answer.kind === 'json' ? 'application/json' : 'text/plain';
    return new Response(text, { status: answer.status, headers: { 'Content-Type': type, Date: new Date().toUTCString(), ...answer.headers } });
  }) as typeof fetch;
}

function tenant(scenario: ScenarioName, { free = false } = {}): MockBackend {
  const backend = new MockBackend(scenario);
  if (free) for (const b of backend.list().backups) if (b.cancellable) backend.handle({ method: 'DELETE', path: `/backups/${b.id}`, headers: {}, body: undefined });
  backend.requests = [];
  return backend;
}

const outcomes = (checks: CheckResult[]) => Object.fromEntries(checks.map((c) => [c.id, c.outcome]));
const noSleep = async () => assert.fail('the run must not wait here');

describe('against the mock backend', () => {
  test('a v1.1 tenant that may request: every check passes, the version is v1.1, and the run cancels what it created', async () => {
    const backend = tenant('v1.1', { free: true });
    const report = await runConformance({ baseUrl: BASE, fetch: mockFetch(backend), allowWrites: true, sleep: noSleep });
    assert.deepEqual(
      report.checks.filter((c) => c.outcome !== 'ok').map((c) => c.id),
      ['retry-after'],
    );
    assert.equal(report.summary.meets, 'v1.1');
    assert.equal(report.summary.failed, 0);
    const created = backend.backups.filter((b) => b.idempotencyKey);
    assert.equal(created.length, 1, 'one backup created, not two');
    assert.equal(created[0]!.status, 'cancelled');
    assert.deepEqual(report.cleanup, [`backup ${created[0]!.id}: cancelled by the run`]);
    assert.equal(backend.nextRequestAt(), null, 'the tenant is free for the next run');
  });

  test('read-only sends no write: GETs and one download of an id that cannot exist', async () => {
    const backend = tenant('v1.1');
    const report = await runConformance({ baseUrl: BASE, fetch: mockFetch(backend), sleep: noSleep });
    assert.deepEqual(
      backend.requests.map((r) => `${r.method} ${r.path.replace(/conformance-check-[\w-]+/, '{unknown}')}`),
      ['GET /backups', 'POST /backups/{unknown}/download', 'GET /backups'],
    );
    assert.deepEqual(outcomes(report.checks), { list: 'ok', 'download-unknown': 'ok', timestamps: 'ok', 'date-header': 'ok', 'content-type': 'ok', 'retry-after': 'skip' });
    assert.equal(report.summary.meets, 'v1');
    assert.match(report.summary.why, /--allow-writes/);
  });

  test('a tenant already in its cooldown: the first POST is judged as the cooldown, the rest is skipped, not failed', async () => {
    const backend = tenant('cooldown');
    const report = await runConformance({ baseUrl: BASE, fetch: mockFetch(backend), allowWrites: true, sleep: noSleep });
    assert.equal(report.summary.failed, 0);
    const by = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    assert.equal(by['cooldown']!.outcome, 'ok');
    assert.equal(by['create']!.outcome, 'skip');
    assert.match(by['create']!.detail!, /cooldown until 20\d\d-.*no backup was created/);
    // The list had a backup in progress: a download of it is the not-ready check, and changes nothing.
    assert.equal(by['not-ready']!.outcome, 'ok');
    for (const id of ['replay', 'one-backup', 'cancel', 'not-cancellable', 'cancel-frees']) assert.equal(by[id]!.outcome, 'skip', id);
    assert.equal(backend.backups.length, 2, 'nothing created');
    assert.deepEqual(report.cleanup, []);
  });

  test('a v1 server: the v1.1 checks are skipped, the version is v1, and the backup it could not cancel is named', async () => {
    const backend = tenant('typical');
    const report = await runConformance({ baseUrl: BASE, fetch: mockFetch(backend), allowWrites: true, sleep: noSleep });
    assert.equal(report.summary.meets, 'v1');
    assert.equal(report.summary.failed, 0);
    assert.deepEqual(
      report.checks.filter((c) => c.contract === 'v1.1').map((c) => c.outcome),
      ['skip', 'skip', 'skip'],
    );
    assert.match(report.cleanup.join('\n'), /left on the tenant \(a v1 server cannot cancel\)/);
  });

  test("the session's header values never reach the report", async () => {
    const backend = tenant('v1.1', { free: true });
    const report = await runConformance({ baseUrl: BASE, fetch: mockFetch(backend), allowWrites: true, headers: [['Cookie', 'SESSION=s3cr3t-value']], sleep: noSleep });
    assert.equal(backend.requests[0]!.headers['cookie'], 'SESSION=s3cr3t-value');
    assert.doesNotMatch(JSON.stringify(report), /s3cr3t/);
  });
});

describe('servers that break a rule', () => {
  test('a session that expired (401): the list fails, and says what the element makes of it', async () => {
    const backend = tenant('unauthorized');
    const report = await runConformance({ baseUrl: BASE, fetch: mockFetch(backend), sleep: noSleep });
    const list = report.checks.find((c) => c.id === 'list')!;
    assert.equal(list.outcome, 'fail');
    assert.match(list.got!, /^401 \(the element reads it as an expired session; pass the session with --header\)/);
    assert.equal(report.summary.meets, 'neither');
  });

  test('a Retry-After of an hour ends the run within its budget, without waiting', async () => {
    const backend = tenant('rate-limited');
    const fetch = mockFetch(backend);
    const hour = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.set('Retry-After', '3600');
      return new Response(await response.text(), { status: response.status, headers });
    }) as typeof globalThis.fetch;
    const report = await runConformance({ baseUrl: BASE, fetch: hour, budgetMs: 30_000, allowWrites: true, sleep: noSleep });
    const by = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    assert.equal(by['list']!.outcome, 'fail');
    assert.match(by['list']!.got!, /Retry-After: 3600, a wait of 3600 s, and only \d+ s are left/);
    assert.equal(by['retry-after']!.outcome, 'ok', 'the 429 did carry a usable Retry-After');
    assert.equal(by['create']!.outcome, 'skip');
    assert.equal(backend.requests.length, 1);
  });

  test('a body that is not JSON fails with what came', async () => {
    const report = await runConformance({ baseUrl: BASE, fetch: mockFetch(tenant('malformed')), sleep: noSleep });
    const by = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    assert.match(by['list']!.got!, /^200 with a body that is not JSON: "<html>/);
    assert.match(by['content-type']!.got!, /GET \/backups 200: "text\/html"/);
  });
});

describe('summarize', () => {
  const check = (id: CheckResult['id'], contract: CheckResult['contract'], outcome: CheckResult['outcome']): CheckResult => ({ id, contract, outcome, title: '' });

  test('names the version whose every check that ran passed', () => {
    assert.equal(summarize([check('list', 'v1', 'ok'), check('cancel', 'v1.1', 'ok')], true).meets, 'v1.1');
    assert.equal(summarize([check('list', 'v1', 'ok'), check('cancel', 'v1.1', 'fail')], true).meets, 'v1');
    assert.equal(summarize([check('list', 'v1', 'ok'), check('cancel', 'v1.1', 'skip')], true).meets, 'v1');
    assert.equal(summarize([check('list', 'v1', 'fail'), check('cancel', 'v1.1', 'ok')], true).meets, 'neither');
  });

  test('counts', () => {
    assert.deepEqual(
      summarize([check('list', 'v1', 'ok'), check('create', 'v1', 'fail'), check('cancel', 'v1.1', 'skip')], true),
      { ok: 1, failed: 1, skipped: 1, meets: 'neither', why: 'v1 checks failed: create' },
    );
  });
});
