/**
 * The fake backend, through real `fetch` in the browser with msw's worker started: what the
 * element and the sandbox rely on. Time is moved by faking `Date` only.
 */
import { expect } from '@open-wc/testing';
import { install } from '@sinonjs/fake-timers';
import { backend, startMockBackend } from '../mocks/browser.js';
import { scenarioNames } from '../mocks/scenarios.js';
import { TEST_PRIVATE_KEY } from '../mocks/test-key.js';
import { keyFileText } from '../src/key-file.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-24T13:05:00Z');

const get = () => fetch('/api/backups');
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`/api${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const requestBackup = (key: string = crypto.randomUUID()) => post('/backups', {}, { 'Idempotency-Key': key });
const download = (id: string, body: unknown = { termsAccepted: true }) => post(`/backups/${id}/download`, body);

describe('mock backend', () => {
  let clock: ReturnType<typeof install> | undefined;

  before(() => startMockBackend());

  beforeEach(() => {
    clock = install({ toFake: ['Date'], now: NOW });
    backend.reset('empty');
  });

  afterEach(() => {
    clock?.uninstall();
    clock = undefined;
  });

  describe('GET /backups', () => {
    it('lists nothing and allows a request when no backup was ever requested', async () => {
      const response = await get();
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ backups: [], nextRequestAt: null });
      expect(backend.requests).to.have.length(1);
      expect(backend.requests[0]).to.include({ method: 'GET', path: '/backups' });
    });

    it('omits nextRequestAt like an older backend when told to', async () => {
      backend.reset('older-backend');
      const body = await (await get()).json();
      expect(body).to.not.have.property('nextRequestAt');
      expect(body.backups).to.have.length(2);
    });

    it('lists newest first, without the fake’s bookkeeping', async () => {
      backend.reset('typical');
      const body = await (await get()).json();
      expect(body.backups.map((b: { id: string }) => b.id)).to.deep.equal(['b-5', 'b-4', 'b-3', 'b-2', 'b-1']);
      expect(body.nextRequestAt).to.equal(null);
      for (const b of body.backups) expect(Object.keys(b)).to.not.include.members(['progress', 'idempotencyKey']);
    });
  });

  describe('POST /backups', () => {
    it('creates a backup awaiting release and records the call', async () => {
      const response = await requestBackup('key-1');
      expect(response.status).to.equal(201);
      const created = await response.json();
      expect(created).to.deep.equal({
        id: 'b-1',
        status: 'awaiting_release',
        requestedAt: '2026-11-24T13:05:00Z',
        requestedBy: 'admin@example.com',
      });
      const recorded = backend.requests.at(-1)!;
      expect(recorded).to.deep.include({ method: 'POST', path: '/backups', body: {} });
      expect(recorded.headers['idempotency-key']).to.equal('key-1');
    });

    it('answers 409 cooldown with the date within 28 days of the last request', async () => {
      await requestBackup();
      clock!.tick(27 * DAY);
      const response = await requestBackup();
      expect(response.status).to.equal(409);
      expect(await response.json()).to.deep.equal({ error: 'cooldown', nextRequestAt: '2026-12-22T13:05:00Z' });
      expect((await (await get()).json()).nextRequestAt).to.equal('2026-12-22T13:05:00Z');
      expect(backend.backups).to.have.length(1);
    });

    it('allows a new request once 28 days have passed', async () => {
      await requestBackup();
      clock!.tick(28 * DAY);
      expect((await (await get()).json()).nextRequestAt).to.equal(null);
      expect((await requestBackup()).status).to.equal(201);
    });

    it('allows a new request at once when the last one ended in a server error', async () => {
      backend.add({ status: 'server_error', requestedAt: new Date(NOW - DAY).toISOString() });
      expect((await (await get()).json()).nextRequestAt).to.equal(null);
      expect((await requestBackup()).status).to.equal(201);
      expect((await requestBackup()).status).to.equal(409);
    });

    it('replays the same Idempotency-Key with the same backup and creates nothing', async () => {
      const first = await (await requestBackup('same')).json();
      const again = await requestBackup('same');
      expect(again.status).to.equal(201);
      expect(await again.json()).to.deep.equal(first);
      expect(backend.backups).to.have.length(1);
    });

    it('refuses a request without Idempotency-Key', async () => {
      const response = await post('/backups', {});
      expect(response.status).to.equal(400);
      expect((await response.json()).error).to.be.a('string');
      expect(backend.backups).to.have.length(0);
    });
  });

  describe('time', () => {
    it('moves a request from awaiting release to in progress to ready, then expires it after 10 days', async () => {
      const { id } = await (await requestBackup()).json();
      const status = async () => (await (await get()).json()).backups[0];
      expect((await status()).status).to.equal('awaiting_release');
      clock!.tick(20_000);
      expect((await status()).status).to.equal('in_progress');
      expect((await download(id)).status).to.equal(409);
      clock!.tick(20_000);
      const ready = await status();
      expect(ready.status).to.equal('ready');
      expect(ready.readyAt).to.equal('2026-11-24T13:05:40Z');
      expect(ready.expiresAt).to.equal('2026-12-04T13:05:40Z');
      expect(ready.sizeBytes).to.be.a('number').above(0);
      expect(ready.fileName).to.be.a('string').and.not.empty;
      expect(ready.sha256).to.match(/^[0-9a-f]{64}$/);
      clock!.tick(10 * DAY - 1);
      expect((await status()).status).to.equal('ready');
      clock!.tick(1);
      expect((await status()).status).to.equal('expired');
      const gone = await download(id);
      expect(gone.status).to.equal(410);
      expect(await gone.json()).to.deep.equal({ error: 'expired' });
    });

    it('follows configurable timings, and advance() moves a backup on without waiting', async () => {
      backend.timings = { releaseAfterMs: 1000, readyAfterMs: 2000 };
      const { id } = await (await requestBackup()).json();
      clock!.tick(2000);
      expect(backend.get(id).status).to.equal('ready');
      const other = backend.add({ status: 'awaiting_release' });
      backend.advance(other.id);
      expect(backend.get(other.id).status).to.equal('in_progress');
      backend.advance(other.id);
      expect(backend.get(other.id).status).to.equal('ready');
    });

    it('elapse() lets time pass for the backend without faking Date', async () => {
      await requestBackup();
      backend.elapse(28 * DAY);
      expect(backend.backups[0]!.status).to.equal('expired');
      expect((await requestBackup()).status).to.equal(201);
    });
  });

  describe('POST /backups/{id}/download', () => {
    beforeEach(() => backend.reset('typical'));

    it('issues SFTP credentials with the test key, CRLF and without a final newline', async () => {
      const response = await download('b-5');
      expect(response.status).to.equal(200);
      const credentials = await response.json();
      const backup = backend.get('b-5');
      expect(credentials).to.include({ host: 'sftp.backup.softexpert.example', port: 2222, path: `/backups/${backup.fileName}` });
      expect(credentials.expiresAt).to.equal(backup.expiresAt);
      expect(credentials.username).to.match(/^bkp_\w+$/);
      expect(credentials.privateKey).to.include('\r\n').and.not.match(/\n$/);
      expect(keyFileText(credentials.privateKey)).to.equal(TEST_PRIVATE_KEY);
      expect(backend.requests.at(-1)).to.deep.include({ path: '/backups/b-5/download', body: { termsAccepted: true } });
    });

    it('requires the terms to be accepted', async () => {
      expect((await download('b-5', {})).status).to.equal(400);
      expect((await download('b-5', { termsAccepted: 'yes' })).status).to.equal(400);
    });

    it('answers 404 for an unknown id, 409 not_ready and 410 expired', async () => {
      expect((await download('nope')).status).to.equal(404);
      backend.setStatus('b-5', 'in_progress');
      const notReady = await download('b-5');
      expect(notReady.status).to.equal(409);
      expect(await notReady.json()).to.deep.equal({ error: 'not_ready' });
      expect((await download('b-4')).status).to.equal(410);
    });
  });

  describe('faults', () => {
    it('answers 401, 403 plan_not_eligible, 403 forbidden and 500 on every endpoint', async () => {
      const cases = [
        ['unauthorized', 401, 'unauthorized'],
        ['plan-not-eligible', 403, 'plan_not_eligible'],
        ['forbidden', 403, 'forbidden'],
        ['server-error', 500, 'internal'],
      ] as const;
      for (const [scenario, status, error] of cases) {
        backend.reset(scenario);
        for (const response of [await get(), await requestBackup(), await download('b-5')]) {
          expect(response.status, scenario).to.equal(status);
          expect((await response.json()).error, scenario).to.equal(error);
        }
      }
    });

    it('answers 429 with Retry-After: 2', async () => {
      backend.reset('rate-limited');
      const response = await get();
      expect(response.status).to.equal(429);
      expect(response.headers.get('Retry-After')).to.equal('2');
    });

    it('fails at the network level', async () => {
      backend.reset('network-failure');
      let failed = false;
      await get().catch(() => (failed = true));
      expect(failed).to.equal(true);
    });

    it('answers a body that is not JSON, or JSON of the wrong shape', async () => {
      backend.reset('malformed');
      const malformed = await get();
      expect(malformed.status).to.equal(200);
      let parsed = true;
      await malformed.json().catch(() => (parsed = false));
      expect(parsed).to.equal(false);
      backend.reset('wrong-shape');
      const wrong = await (await get()).json();
      expect(wrong).to.not.have.property('backups');
    });

    it('failNext() fails only the next calls', async () => {
      backend.failNext('server-error');
      expect((await get()).status).to.equal(500);
      expect((await get()).status).to.equal(200);
    });

    it('adds latencyMs to every response', async () => {
      clock!.uninstall();
      clock = undefined;
      backend.latencyMs = 300;
      const start = performance.now();
      await get();
      expect(performance.now() - start).to.be.at.least(280);
    });
  });

  describe('scenarios', () => {
    it('all reset without throwing, with dates relative to now', () => {
      for (const name of scenarioNames) backend.reset(name);
      backend.reset('cooldown');
      expect(backend.nextRequestAt()).to.equal(NOW - 3 * DAY + 28 * DAY);
    });

    it('every-status has one backup of each status and an unknown one', async () => {
      backend.reset('every-status');
      const { backups } = await (await get()).json();
      expect(backups.map((b: { status: string }) => b.status).sort()).to.deep.equal(
        ['archived', 'awaiting_release', 'expired', 'in_progress', 'ready', 'server_error'],
      );
    });

    it('slow answers 3 s late', () => {
      backend.reset('slow');
      expect(backend.latencyMs).to.equal(3000);
    });
  });
});
