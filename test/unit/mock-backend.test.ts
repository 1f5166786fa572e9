/**
 * The fake backend, through real `fetch` in the browser with msw's worker started: what the
 * element and the sandbox rely on. Time is moved by faking `Date` only.
 */
import { expect } from '@open-wc/testing';
import { install } from '@sinonjs/fake-timers';
import { LOGIN_PATH } from '../../mocks/backend.js';
import { backend, startMockBackend } from '../../mocks/browser.js';
import { scenarioNames, scenarios } from '../../mocks/scenarios.js';
import { TEST_HOST_FINGERPRINT, TEST_HOST_PUBLIC_KEY } from '../../mocks/test-host-key.js';
import { TEST_PRIVATE_KEY } from '../../mocks/test-key.js';
import { isBackup, isBackupList, isDownloadCredentials } from '../../src/api/client.js';
import { keyFileText } from '../../src/files/key-file.js';
import { DAY_MS, HOUR_MS } from '../../mocks/time.js';

const NOW = Date.parse('2026-11-24T13:05:00Z');

const get = () => fetch('/api/backups');
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`/api${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const requestBackup = (key: string = crypto.randomUUID()) => post('/backups', {}, { 'Idempotency-Key': key });
const download = (id: string, body: unknown = { termsAccepted: true }) => post(`/backups/${id}/download`, body);
const cancel = (id: string) => fetch(`/api/backups/${encodeURIComponent(id)}`, { method: 'DELETE' });
const listed = async () => (await (await get()).json()) as { backups: Record<string, unknown>[]; nextRequestAt?: string | null };
const V11_FIELDS = ['cancellable', 'estimatedReadyAt'];

/** OpenSSH's fingerprint of a `.pub` line: SHA-256 of the decoded base64 blob, base64 without padding. */
async function openSshFingerprint(publicKey: string): Promise<string> {
  const blob = Uint8Array.from(atob(publicKey.split(' ')[1]!), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', blob));
  return `SHA256:${btoa(String.fromCharCode(...digest)).replace(/=+$/, '')}`;
}

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
      clock!.tick(27 * DAY_MS);
      const response = await requestBackup();
      expect(response.status).to.equal(409);
      expect(await response.json()).to.deep.equal({ error: 'cooldown', nextRequestAt: '2026-12-22T13:05:00Z' });
      expect((await (await get()).json()).nextRequestAt).to.equal('2026-12-22T13:05:00Z');
      expect(backend.backups).to.have.length(1);
    });

    it('allows a new request once 28 days have passed', async () => {
      await requestBackup();
      clock!.tick(28 * DAY_MS);
      expect((await (await get()).json()).nextRequestAt).to.equal(null);
      expect((await requestBackup()).status).to.equal(201);
    });

    it('allows a new request at once when the last one ended in a server error', async () => {
      backend.add({ status: 'server_error', requestedAt: new Date(NOW - DAY_MS).toISOString() });
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

    it('dates and names new records by its own idPrefix and requestedBy (two backends on one page told apart), until reset', async () => {
      backend.idPrefix = 'um-';
      backend.requestedBy = 'ana@um.example';
      expect(await (await requestBackup()).json()).to.include({ id: 'um-1', requestedBy: 'ana@um.example' });
      expect(backend.add({ status: 'expired' })).to.include({ id: 'um-2', requestedBy: 'ana@um.example' });
      backend.reset('empty');
      expect(await (await requestBackup()).json()).to.include({ id: 'b-1', requestedBy: 'admin@example.com' });
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
      clock!.tick(10 * DAY_MS - 1);
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
      backend.elapse(28 * DAY_MS);
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

    it('answers 429 with the Retry-After it is given, or none', async () => {
      backend.reset('rate-limited');
      backend.retryAfter = '0';
      expect((await get()).headers.get('Retry-After')).to.equal('0');
      backend.retryAfter = null;
      const response = await get();
      expect(response.status).to.equal(429);
      expect(response.headers.has('Retry-After')).to.equal(false);
    });

    it('login-redirect: the call is redirected to an HTML sign-in page, which fetch follows', async () => {
      backend.failNext('login-redirect');
      const response = await get();
      // WebKit does not set `redirected` on an answer its Service Worker redirected; the URL tells.
      expect(new URL(response.url).pathname).to.equal(LOGIN_PATH);
      expect(response.headers.get('Content-Type')).to.match(/^text\/html/);
      expect(await response.text()).to.match(/<form/);
      // The sign-in page is not an API call.
      expect(backend.requests.map((r) => r.path)).to.deep.equal(['/backups']);
    });

    it('adds latencyMs to every response: the answer comes after a timer of that length started before the request', async () => {
      clock!.uninstall();
      clock = undefined;
      backend.latencyMs = 300;
      // An order, not a duration: the mock waits with a timer of the page's started after this
      // one, and a page's timers of equal or longer delay fire in the order they were started.
      const order: string[] = [];
      setTimeout(() => order.push('timer'), backend.latencyMs);
      await get();
      order.push('answer');
      expect(order).to.deep.equal(['timer', 'answer']);
    });
  });

  describe("the server's clock", () => {
    it("every answer carries the server's Date, which clockOffsetMs moves away from the device's", async () => {
      expect(Date.parse((await get()).headers.get('Date')!)).to.equal(NOW);
      backend.clockOffsetMs = 2 * DAY_MS;
      expect(Date.parse((await get()).headers.get('Date')!)).to.equal(NOW + 2 * DAY_MS);
      backend.failNext('server-error');
      expect((await get()).headers.has('Date')).to.equal(true);
    });

    it('the backend lives on its own clock: a request made now is dated by it, and its cooldown too', async () => {
      backend.clockOffsetMs = -5 * HOUR_MS;
      const created = await (await requestBackup()).json();
      expect(Date.parse(created.requestedAt)).to.equal(NOW - 5 * HOUR_MS);
      expect(Date.parse((await listed()).nextRequestAt!)).to.equal(NOW - 5 * HOUR_MS + 28 * DAY_MS);
    });

    it('sendsDate = false: no Date header (a cross-origin backend that does not expose it)', async () => {
      backend.sendsDate = false;
      expect((await get()).headers.has('Date')).to.equal(false);
    });
  });

  describe('a lagging read replica', () => {
    it('lists neither a request made less than replicaLagMs ago nor its cooldown; the write path knows it', async () => {
      backend.replicaLagMs = 10_000;
      await requestBackup();
      expect(await listed()).to.deep.equal({ backups: [], nextRequestAt: null });
      expect((await requestBackup()).status).to.equal(409);
      clock!.tick(10_000);
      const caughtUp = await listed();
      expect(caughtUp.backups).to.have.length(1);
      expect(caughtUp.nextRequestAt).to.be.a('string');
    });
  });

  describe('contract v1 (every scenario from before v1.1)', () => {
    const v1Scenarios = ['empty', 'typical', 'every-status', 'cooldown', 'unknown-status', 'slow', 'older-backend'] as const;

    it('the scenarios from before v1.1 are v1 ones, and say nothing of v1.1', () => {
      for (const name of [...v1Scenarios, 'unauthorized', 'plan-not-eligible', 'forbidden', 'rate-limited', 'server-error', 'network-failure', 'malformed', 'wrong-shape'] as const) {
        expect(scenarios[name].version, name).to.equal('v1');
        expect(scenarios[name].description, name).not.to.include('v1.1');
        backend.reset(name);
        expect(backend.version, name).to.equal('v1');
      }
    });

    it('sends none of the v1.1 fields, on any row, even ones stored with them', async () => {
      for (const name of v1Scenarios) {
        backend.reset(name);
        backend.add({ status: 'awaiting_release', cancellable: true, estimatedReadyAt: '2026-11-25T00:00:00Z', requestedAt: '2026-11-20T00:00:00Z' });
        for (const row of (await listed()).backups) expect(Object.keys(row), name).not.to.include.members(V11_FIELDS);
      }
      backend.reset('empty');
      const response = await requestBackup();
      expect(response.status).to.equal(201);
      expect(Object.keys(await response.json())).not.to.include.members(V11_FIELDS);
    });

    it('answers the download without hostKeys', async () => {
      backend.reset('typical');
      const credentials = await (await download('b-5')).json();
      expect(credentials).not.to.have.property('hostKeys');
      expect(isDownloadCredentials(credentials)).to.equal(true);
    });

    it('has no DELETE: 404, as an older backend, and the request stays', async () => {
      backend.reset('every-status');
      const response = await cancel('b-6');
      expect(response.status).to.equal(404);
      expect((await response.json()).error).to.equal('not_found');
      expect(backend.get('b-6').status).to.equal('awaiting_release');
      expect(backend.requests.at(-1)).to.deep.include({ method: 'DELETE', path: '/backups/b-6' });
    });
  });

  describe('contract v1.1', () => {
    beforeEach(() => backend.reset('cancellable'));

    it('the v1.1 scenarios set the backend to v1.1 and say so', () => {
      for (const name of ['v1.1', 'cancellable', 'cancel-too-late', 'host-keys-fingerprint-only'] as const) {
        expect(scenarios[name].version, name).to.equal('v1.1');
        expect(scenarios[name].description, name).to.match(/^v1\.1: /);
        backend.reset(name);
        expect(backend.version, name).to.equal('v1.1');
      }
    });

    it('says cancellable: true on awaiting_release rows only, and estimatedReadyAt on pending rows only', async () => {
      backend.reset('every-status');
      backend.version = 'v1.1';
      const { backups } = await listed();
      expect(isBackupList({ backups })).to.equal(true);
      const byStatus = Object.fromEntries(backups.map((b) => [b.status as string, b]));
      expect(byStatus.awaiting_release).to.include({ cancellable: true });
      // every-status' pending rows do not move on by themselves: expected a day after their request.
      expect(byStatus.awaiting_release!.estimatedReadyAt).to.equal('2026-11-25T11:05:00Z');
      expect(byStatus.in_progress!.estimatedReadyAt).to.equal('2026-11-24T13:05:00Z');
      expect(byStatus.in_progress).not.to.have.property('cancellable');
      for (const status of ['ready', 'expired', 'server_error', 'archived']) {
        expect(Object.keys(byStatus[status]!), status).not.to.include.members(V11_FIELDS);
      }
    });

    it('a new request is cancellable and expected when the backend will have it ready', async () => {
      backend.reset('empty');
      backend.version = 'v1.1';
      const created = await (await requestBackup()).json();
      expect(created).to.deep.equal({
        id: 'b-1',
        status: 'awaiting_release',
        requestedAt: '2026-11-24T13:05:00Z',
        requestedBy: 'admin@example.com',
        cancellable: true,
        estimatedReadyAt: '2026-11-24T13:05:40Z',
      });
      expect(isBackup(created)).to.equal(true);
      clock!.tick(20_000);
      const [moving] = (await listed()).backups;
      expect(moving).to.include({ status: 'in_progress', estimatedReadyAt: '2026-11-24T13:05:40Z' });
      expect(moving).not.to.have.property('cancellable');
    });

    it('a record’s own cancellable: false and estimatedReadyAt (null included) are sent as they are', async () => {
      backend.add({ id: 'b-9', status: 'awaiting_release', requestedAt: '2026-11-24T13:00:00Z', cancellable: false, estimatedReadyAt: null });
      const row = (await listed()).backups.find((b) => b.id === 'b-9');
      expect(row).to.include({ cancellable: false, estimatedReadyAt: null });
    });

    it('DELETE cancels a request awaiting release: 200 with the backup, now cancelled, and a new request is allowed at once', async () => {
      expect((await listed()).nextRequestAt).to.equal('2026-12-22T12:05:00Z');
      expect((await requestBackup()).status).to.equal(409);
      const response = await cancel('b-2');
      expect(response.status).to.equal(200);
      const cancelled = await response.json();
      expect(cancelled).to.deep.equal({ id: 'b-2', status: 'cancelled', requestedAt: '2026-11-24T12:05:00Z', requestedBy: 'admin@example.com' });
      expect(isBackup(cancelled)).to.equal(true);
      expect(backend.requests.at(-1)).to.deep.include({ method: 'DELETE', path: '/backups/b-2', body: undefined });
      const list = await listed();
      expect(list.nextRequestAt).to.equal(null);
      expect(list.backups[0]).to.include({ id: 'b-2', status: 'cancelled' });
      expect((await requestBackup()).status).to.equal(201);
    });

    it('a cancelled request stays cancelled as time passes (it no longer moves on)', async () => {
      backend.reset('empty');
      backend.version = 'v1.1';
      const { id } = await (await requestBackup()).json();
      expect((await cancel(id)).status).to.equal(200);
      clock!.tick(60_000);
      expect(backend.get(id).status).to.equal('cancelled');
    });

    it('a request made in the same second as a cancelled one starts the cooldown (the newer one decides)', async () => {
      backend.reset('empty');
      backend.version = 'v1.1';
      const first = await (await requestBackup()).json();
      expect((await cancel(first.id)).status).to.equal(200);
      expect((await requestBackup()).status).to.equal(201);
      const refused = await requestBackup();
      expect(refused.status).to.equal(409);
      expect((await refused.json()).error).to.equal('cooldown');
    });

    it('DELETE answers 409 not_cancellable for anything but awaiting_release, and changes nothing', async () => {
      backend.reset('every-status');
      backend.version = 'v1.1';
      for (const id of ['b-1', 'b-2', 'b-3', 'b-4', 'b-5']) {
        const before = backend.get(id).status;
        const response = await cancel(id);
        expect(response.status, before).to.equal(409);
        expect((await response.json()).error, before).to.equal('not_cancellable');
        expect(backend.get(id).status).to.equal(before);
      }
      // Cancelling twice: the second one finds it cancelled.
      expect((await cancel('b-6')).status).to.equal(200);
      expect((await cancel('b-6')).status).to.equal(409);
    });

    it('DELETE answers 409 for an awaiting_release record stored as not cancellable, and 404 for an unknown id', async () => {
      backend.add({ id: 'b-9', status: 'awaiting_release', requestedAt: '2026-11-24T13:00:00Z', cancellable: false });
      expect((await cancel('b-9')).status).to.equal(409);
      expect(backend.get('b-9').status).to.equal('awaiting_release');
      const unknown = await cancel('nope');
      expect(unknown.status).to.equal(404);
      expect((await unknown.json()).error).to.equal('not_found');
    });

    it('cancel-too-late: the row says cancellable, DELETE answers 409 not_cancellable', async () => {
      backend.reset('cancel-too-late');
      const row = (await listed()).backups.find((b) => b.id === 'b-2');
      expect(row).to.include({ status: 'awaiting_release', cancellable: true });
      const response = await cancel('b-2');
      expect(response.status).to.equal(409);
      expect((await response.json()).error).to.equal('not_cancellable');
      expect(backend.get('b-2').status).to.equal('awaiting_release');
    });

    it('faults apply to DELETE too', async () => {
      backend.failNext('unauthorized');
      expect((await cancel('b-2')).status).to.equal(401);
      backend.failNext('wrong-shape');
      const wrong = await cancel('b-2');
      expect(wrong.status).to.equal(200);
      expect(isBackup(await wrong.json())).to.equal(false);
      expect(backend.get('b-2').status).to.equal('awaiting_release');
    });

    it('the download answer carries the test host key, fingerprinted as OpenSSH does', async () => {
      backend.reset('v1.1');
      const credentials = await (await download('b-6')).json();
      expect(isDownloadCredentials(credentials)).to.equal(true);
      expect(credentials.hostKeys).to.have.length(1);
      const [key] = credentials.hostKeys;
      expect(key.type).to.equal('ssh-ed25519');
      expect(key.publicKey).to.equal(TEST_HOST_PUBLIC_KEY.split(' ').slice(0, 2).join(' '));
      expect(key.publicKey).to.match(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/]+=*$/);
      expect(await openSshFingerprint(key.publicKey)).to.equal(key.fingerprint);
      expect(key.fingerprint).to.equal(TEST_HOST_FINGERPRINT);
      // The private half is the user's key, not the host's.
      expect(keyFileText(credentials.privateKey)).to.equal(TEST_PRIVATE_KEY);
    });

    it('host-keys-fingerprint-only: the fingerprint without a publicKey', async () => {
      backend.reset('host-keys-fingerprint-only');
      const { hostKeys } = await (await download('b-5')).json();
      expect(hostKeys).to.deep.equal([{ type: 'ssh-ed25519', fingerprint: TEST_HOST_FINGERPRINT, publicKey: null }]);
      // reset() restores the default keys.
      backend.reset('v1.1');
      expect(backend.hostKeys[0]!.publicKey).to.be.a('string');
    });

    it('the v1.1 scenario: history with a cancelled request, a ready one with host keys, and a cancellable request with its estimate', async () => {
      backend.reset('v1.1');
      const list = await listed();
      expect(isBackupList(list)).to.equal(true);
      expect(list.backups.map((b) => `${b.id} ${b.status}`)).to.deep.equal([
        'b-7 awaiting_release',
        'b-6 ready',
        'b-5 cancelled',
        'b-4 expired',
        'b-3 expired',
        'b-2 server_error',
        'b-1 expired',
      ]);
      expect(list.backups[0]).to.include({ cancellable: true, estimatedReadyAt: '2026-11-25T11:05:00Z' });
      expect(list.nextRequestAt).to.equal('2026-12-22T11:05:00Z');
      expect((await cancel('b-7')).status).to.equal(200);
      expect((await listed()).nextRequestAt).to.equal(null);
    });

    it('the SFTP server the answer points at can be set (the end-to-end test points it at a real sshd)', async () => {
      backend.reset('v1.1');
      backend.sftp = { host: '127.0.0.1', port: 40022, directory: '/srv/files/', username: 'backup-e2e' };
      const credentials = await (await download('b-6')).json();
      expect(credentials).to.include({ host: '127.0.0.1', port: 40022, username: 'backup-e2e', path: `/srv/files/${backend.get('b-6').fileName}` });
      backend.reset('v1.1');
      expect(backend.sftp).to.deep.equal({ host: 'sftp.backup.softexpert.example', port: 2222, directory: '/backups' });
    });
  });

  describe('the test host key', () => {
    it('is labelled as made for tests, and its fingerprint is the one OpenSSH computes', async () => {
      expect(TEST_HOST_PUBLIC_KEY).to.include('TEST HOST KEY').and.include('never use it');
      expect(await openSshFingerprint(TEST_HOST_PUBLIC_KEY)).to.equal(TEST_HOST_FINGERPRINT);
      // SHA-256 is 32 bytes: 43 base64 characters without padding.
      expect(TEST_HOST_FINGERPRINT).to.match(/^SHA256:[A-Za-z0-9+/]{43}$/);
    });
  });

  describe('scenarios', () => {
    it('all reset without throwing, with dates relative to now', () => {
      for (const name of scenarioNames) backend.reset(name);
      backend.reset('cooldown');
      expect(backend.nextRequestAt()).to.equal(NOW - 3 * DAY_MS + 28 * DAY_MS);
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
