// The kit's HTTP side: Retry-After honoured with a floor, never beyond the run's budget, and a
// redirect seen rather than followed. A fake fetch and a fake clock: nothing waits for real.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BudgetSpent, Client, retryDelay, RETRY_FLOOR_MS } from '../client.js';

const DATE = 'Tue, 24 Nov 2026 13:05:00 GMT';
const SERVER_NOW = Date.parse(DATE);

/** A fetch that answers from `answers` in turn (the last one again when they run out), and records calls. */
function scripted(answers: { status: number; headers?: Record<string, string>; body?: string }[]) {
  const calls: string[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push(`${init?.method} ${String(input)}`);
    const a = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return new Response(a.body ?? '{"error":"x"}', { status: a.status, headers: { 'Content-Type': 'application/json', Date: DATE, ...a.headers } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A clock that only moves when the client sleeps. */
function fakeTime(start = 1_000_000) {
  let now = start;
  const slept: number[] = [];
  return { clock: () => now, sleep: async (ms: number) => void (slept.push(ms), (now += ms)), slept };
}

describe('retryDelay', () => {
  test('delay-seconds, never below the floor', () => {
    assert.equal(retryDelay('0', null, 0), RETRY_FLOOR_MS);
    assert.equal(retryDelay('2', null, 0), 2000);
    assert.equal(retryDelay(' 30 ', null, 0), 30_000);
  });

  test("an HTTP date is read against the server's Date, not this machine's clock", () => {
    // This machine is a day behind: by its clock the date is a day away; by the server's, 10 s.
    assert.equal(retryDelay('Tue, 24 Nov 2026 13:05:10 GMT', SERVER_NOW, SERVER_NOW - 86_400_000), 10_000);
    assert.equal(retryDelay('Tue, 24 Nov 2026 13:04:00 GMT', SERVER_NOW, SERVER_NOW), RETRY_FLOOR_MS);
  });

  test('anything else is unusable', () => {
    for (const bad of [undefined, '', 'soon', '-1', '1.5', '2026-11-24T13:05:10Z']) assert.equal(retryDelay(bad, null, 0), null, String(bad));
  });
});

describe('Client.send', () => {
  test('a 429 with Retry-After: 0 is retried after the floor, then the answer is returned', async () => {
    const { fetch, calls } = scripted([{ status: 429, headers: { 'Retry-After': '0' } }, { status: 200, body: '{"backups":[]}' }]);
    const time = fakeTime();
    const client = new Client({ baseUrl: 'http://server/api/', fetch, ...time, deadline: time.clock() + 60_000 });
    const answer = await client.send('GET', '/backups');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { backups: [] });
    assert.deepEqual(calls, ['GET http://server/api/backups', 'GET http://server/api/backups']);
    assert.deepEqual(time.slept, [RETRY_FLOOR_MS]);
    assert.equal(client.exchanges.length, 2, 'the 429 is recorded too, for the retry-after check');
  });

  test('a server that keeps answering 429 gets a bounded number of retries', async () => {
    const { fetch, calls } = scripted([{ status: 429, headers: { 'Retry-After': '1' } }]);
    const time = fakeTime();
    const client = new Client({ baseUrl: 'http://server/api', fetch, ...time, deadline: time.clock() + 60_000, maxRetries: 3 });
    assert.equal((await client.send('GET', '/backups')).status, 429);
    assert.equal(calls.length, 4);
  });

  test('a 429 without a usable Retry-After is not retried (the retry-after check fails it)', async () => {
    const { fetch, calls } = scripted([{ status: 429 }]);
    const time = fakeTime();
    const client = new Client({ baseUrl: 'http://server/api', fetch, ...time, deadline: time.clock() + 60_000 });
    assert.equal((await client.send('GET', '/backups')).status, 429);
    assert.equal(calls.length, 1);
    assert.deepEqual(time.slept, []);
  });

  test('a wait longer than what is left of the budget ends the run instead of waiting', async () => {
    const { fetch } = scripted([{ status: 429, headers: { 'Retry-After': '3600' } }]);
    const time = fakeTime();
    const client = new Client({ baseUrl: 'http://server/api', fetch, ...time, deadline: time.clock() + 120_000 });
    await assert.rejects(client.send('GET', '/backups'), (error: Error) => error instanceof BudgetSpent && /3600 s/.test(error.message));
    assert.deepEqual(time.slept, []);
  });

  test('a redirect is an answer of its own, not followed', async () => {
    const { fetch } = scripted([{ status: 302, headers: { Location: 'https://sso.example/login' }, body: '' }]);
    const time = fakeTime();
    const client = new Client({ baseUrl: 'http://server/api', fetch, ...time, deadline: time.clock() + 60_000 });
    const answer = await client.send('GET', '/backups');
    assert.equal(answer.status, 302);
    assert.equal(answer.headers['location'], 'https://sso.example/login');
  });

  test('the session headers go with every call; the Date header is read as the server clock', async () => {
    let seen: Headers | undefined;
    const fetch = (async (_input: string | URL | Request, init?: RequestInit) => {
      seen = new Headers(init?.headers);
      return new Response('{}', { status: 200, headers: { Date: DATE } });
    }) as typeof globalThis.fetch;
    const time = fakeTime();
    const client = new Client({ baseUrl: 'http://server/api', fetch, ...time, deadline: time.clock() + 60_000, headers: [['Cookie', 'SESSION=secret']] });
    const answer = await client.send('POST', '/backups', { body: {}, headers: { 'Idempotency-Key': 'k' } });
    assert.equal(seen?.get('cookie'), 'SESSION=secret');
    assert.equal(seen?.get('idempotency-key'), 'k');
    assert.equal(seen?.get('content-type'), 'application/json');
    assert.equal(answer.serverTime, SERVER_NOW);
  });
});
