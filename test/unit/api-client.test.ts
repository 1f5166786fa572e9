/**
 * api/client.ts: each endpoint of the contract (v1 and v1.1) against a fake `fetch`: a validated
 * value or a BackupApiError of the right kind, never anything else; timeouts, aborts, Retry-After,
 * the validators and the Idempotency-Key.
 */
import { expect } from '@open-wc/testing';
import { install } from '@sinonjs/fake-timers';
import fc from 'fast-check';
import { BackupApiError, cancelBackup, DEFAULT_TIMEOUT_MS, isBackup, isBackupList, isDownloadCredentials, isHostKey, issueDownload, listBackups, newIdempotencyKey, parseRetryAfter, requestBackup, type ApiErrorKind, type ClientOptions, type FetchLike } from '../../src/api/client.js';
import { DEFAULT_RETRY_AFTER_MS, rateLimitDelay } from '../../src/core/waits.js';
import { NULL_BODY, contractInstant, fetchFor, jsonValue, scenario, timestampsOf } from '../support/arbitraries.js';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fake `fetch` answering every call with the same response, recording the calls. */
function fakeFetch(status: number, body?: unknown, headers: Record<string, string> = {}): FetchLike & { calls: Call[] } {
  const calls: Call[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'Content-Type': 'application/json', ...headers } });
  }) as FetchLike & { calls: Call[] };
  fn.calls = calls;
  return fn;
}

const opts = (fetch: FetchLike, extra: Partial<ClientOptions> = {}): ClientOptions => ({ baseUrl: 'https://api.example/v1', fetch, ...extra });

/** Resolves to the rejection reason, failing if the promise resolves. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    const value = await p;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (e) {
    return e;
  }
}

async function apiError(p: Promise<unknown>, kind: ApiErrorKind, status?: number): Promise<BackupApiError> {
  const e = await rejection(p);
  expect(e).to.be.instanceOf(BackupApiError);
  const err = e as BackupApiError;
  expect(err.kind).to.equal(kind);
  expect(err.name).to.equal('BackupApiError');
  expect(err.message).to.equal(kind);
  expect(err.status).to.equal(status);
  return err;
}

const backupRow = {
  id: 'bk-1',
  status: 'ready',
  requestedAt: '2026-11-01T10:00:00Z',
  requestedBy: 'admin@example.com',
  readyAt: '2026-11-02T10:00:00Z',
  expiresAt: '2026-11-12T10:00:00Z',
  sizeBytes: 123456789,
  fileName: 'db-2026-11-01.bak',
  sha256: 'ab'.repeat(32),
};
const credentials = {
  host: 'sftp.example.com',
  port: 22,
  username: 'bk-1',
  privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n',
  path: '/backups/db.bak',
  expiresAt: '2026-11-12T10:00:00Z',
};

/** v1.1: what `ssh-keygen -lf` prints for mocks/test-host-key.ts. */
const hostKey = {
  type: 'ssh-ed25519',
  fingerprint: 'SHA256:F4Bc9fY+ioA5RmLe7zzh19dokRgWUviZ02QIpz3ZiCQ',
  publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBazPGX+c9kYUp7AJ4CmsjQpDUXVn1UsEgeh68ski5fO test',
};
/** The v1.1 fields of a row. */
const v11Row = { ...backupRow, status: 'awaiting_release', cancellable: true, estimatedReadyAt: '2026-11-03T10:00:00Z' };

/** The four endpoints, so error mappings are checked on each. */
const endpoints = [
  { name: 'listBackups', run: (o: ClientOptions) => listBackups(o) },
  { name: 'requestBackup', run: (o: ClientOptions) => requestBackup(o, 'key-1') },
  { name: 'issueDownload', run: (o: ClientOptions) => issueDownload(o, 'bk-1') },
  { name: 'cancelBackup', run: (o: ClientOptions) => cancelBackup(o, 'bk-1') },
];

describe('api client: GET /backups', () => {
  it('200 with a valid list resolves with it (GET, Accept JSON, same-origin, no body)', async () => {
    const body = { backups: [backupRow, { id: 'b2', status: 'in_progress', requestedAt: '2026-10-01T00:00:00Z' }], nextRequestAt: '2026-11-29T10:00:00Z' };
    const fetch = fakeFetch(200, body);
    const result = await listBackups(opts(fetch));
    expect(result).to.deep.equal(body);
    expect(fetch.calls).to.have.length(1);
    const { url, init } = fetch.calls[0]!;
    expect(url).to.equal('https://api.example/v1/backups');
    expect(init.method).to.equal('GET');
    expect(init.body).to.equal(null);
    expect(init.credentials).to.equal('same-origin');
    expect((init.headers as Record<string, string>).Accept).to.equal('application/json');
    expect(init.signal).to.be.instanceOf(AbortSignal);
  });

  it('200 with nextRequestAt null or absent is valid', async () => {
    expect(await listBackups(opts(fakeFetch(200, { backups: [], nextRequestAt: null })))).to.deep.equal({ backups: [], nextRequestAt: null });
    expect(await listBackups(opts(fakeFetch(200, { backups: [] })))).to.deep.equal({ backups: [] });
  });

  it('200 with a body that is not JSON → invalid_response', async () => {
    await apiError(listBackups(opts(fakeFetch(200, '<html>Login</html>'))), 'invalid_response', 200);
    await apiError(listBackups(opts(fakeFetch(200, ''))), 'invalid_response', 200);
    await apiError(listBackups(opts(fakeFetch(200))), 'invalid_response', 200);
  });

  it('200 with the wrong shape → invalid_response', async () => {
    for (const body of [
      null,
      [],
      [backupRow],
      { backups: {} },
      { backups: [{ ...backupRow, id: 1 }] },
      { backups: [{ ...backupRow, requestedAt: undefined }] },
      { backups: [{ ...backupRow, sizeBytes: '12' }] },
      { backups: [], nextRequestAt: 123 },
      { items: [] },
      'backups',
    ]) {
      await apiError(listBackups(opts(fakeFetch(200, JSON.stringify(body)))), 'invalid_response', 200);
    }
  });

  it('base URL with trailing slash(es) does not double the slash', async () => {
    for (const baseUrl of ['https://api.example/v1/', 'https://api.example/v1//', '/api/']) {
      const fetch = fakeFetch(200, { backups: [] });
      await listBackups({ baseUrl, fetch });
      expect(fetch.calls[0]!.url).to.equal(baseUrl.replace(/\/+$/, '') + '/backups');
      expect(fetch.calls[0]!.url).not.to.match(/[^:]\/\/backups/);
    }
  });
});

describe('api client: POST /backups', () => {
  it('201 resolves with the new backup; sends the Idempotency-Key header and a {} body', async () => {
    const created = { id: 'new', status: 'awaiting_release', requestedAt: '2026-11-24T13:05:00Z' };
    const fetch = fakeFetch(201, created);
    const key = '3b241101-e2bb-4255-8caf-4136c566a962';
    expect(await requestBackup(opts(fetch), key)).to.deep.equal(created);
    const { url, init } = fetch.calls[0]!;
    expect(url).to.equal('https://api.example/v1/backups');
    expect(init.method).to.equal('POST');
    expect(init.body).to.equal('{}');
    const headers = new Headers(init.headers);
    expect(headers.get('Idempotency-Key')).to.equal(key);
    expect(headers.get('Content-Type')).to.equal('application/json');
  });

  it('a retry reuses the key it is given', async () => {
    const fetch = fakeFetch(201, { id: 'n', status: 'awaiting_release', requestedAt: '2026-11-24T13:05:00Z' });
    await requestBackup(opts(fetch), 'same');
    await requestBackup(opts(fetch), 'same');
    expect(fetch.calls.map((c) => new Headers(c.init.headers).get('Idempotency-Key'))).to.deep.equal(['same', 'same']);
  });

  it('200 instead of 201 is not the contract → invalid_response', async () => {
    await apiError(requestBackup(opts(fakeFetch(200, backupRow)), 'k'), 'invalid_response', 200);
  });

  it('201 with a wrong shape → invalid_response', async () => {
    await apiError(requestBackup(opts(fakeFetch(201, { id: 'x' })), 'k'), 'invalid_response', 201);
  });

  it('409 cooldown carries nextRequestAt', async () => {
    const err = await apiError(
      requestBackup(opts(fakeFetch(409, { error: 'cooldown', nextRequestAt: '2026-12-01T00:00:00Z', message: 'wait' })), 'k'),
      'cooldown',
      409,
    );
    expect(err.nextRequestAt).to.equal('2026-12-01T00:00:00Z');
  });

  it('409 cooldown without a usable nextRequestAt → invalid_response', async () => {
    await apiError(requestBackup(opts(fakeFetch(409, { error: 'cooldown' })), 'k'), 'invalid_response', 409);
    await apiError(requestBackup(opts(fakeFetch(409, { error: 'cooldown', nextRequestAt: 5 })), 'k'), 'invalid_response', 409);
  });
});

describe('api client: POST /backups/{id}/download', () => {
  it('200 resolves with the credentials; body is {"termsAccepted":true}', async () => {
    const fetch = fakeFetch(200, credentials);
    expect(await issueDownload(opts(fetch), 'bk-1')).to.deep.equal(credentials);
    const { url, init } = fetch.calls[0]!;
    expect(url).to.equal('https://api.example/v1/backups/bk-1/download');
    expect(init.method).to.equal('POST');
    expect(init.body).to.equal('{"termsAccepted":true}');
    expect(new Headers(init.headers).get('Content-Type')).to.equal('application/json');
    expect(new Headers(init.headers).get('Idempotency-Key')).to.equal(null);
  });

  it('URL-encodes the id', async () => {
    const fetch = fakeFetch(200, credentials);
    await issueDownload(opts(fetch), 'a/b?c=d#e f%ç');
    expect(fetch.calls[0]!.url).to.equal('https://api.example/v1/backups/a%2Fb%3Fc%3Dd%23e%20f%25%C3%A7/download');
    const fetch2 = fakeFetch(200, credentials);
    await issueDownload(opts(fetch2), '../..');
    expect(fetch2.calls[0]!.url).to.equal('https://api.example/v1/backups/..%2F../download');
  });

  it('200 with wrong shape → invalid_response', async () => {
    await apiError(issueDownload(opts(fakeFetch(200, { ...credentials, port: '22' })), 'x'), 'invalid_response', 200);
    await apiError(issueDownload(opts(fakeFetch(200, { ...credentials, privateKey: undefined })), 'x'), 'invalid_response', 200);
  });

  it('409 not_ready', async () => {
    await apiError(issueDownload(opts(fakeFetch(409, { error: 'not_ready' })), 'x'), 'not_ready', 409);
  });

  it('409 with another code → invalid_response', async () => {
    await apiError(issueDownload(opts(fakeFetch(409, { error: 'conflict' })), 'x'), 'invalid_response', 409);
  });

  it('410 expired', async () => {
    await apiError(issueDownload(opts(fakeFetch(410, { error: 'expired' })), 'x'), 'expired', 410);
    await apiError(issueDownload(opts(fakeFetch(410, 'gone')), 'x'), 'expired', 410);
  });
});

describe('api client: DELETE /backups/{id} (v1.1)', () => {
  const cancelled = { ...v11Row, status: 'cancelled', cancellable: false };

  it('200 resolves with the cancelled backup; DELETE with no body, no Content-Type, no Idempotency-Key', async () => {
    const fetch = fakeFetch(200, cancelled);
    expect(await cancelBackup(opts(fetch), 'bk-1')).to.deep.equal(cancelled);
    expect(fetch.calls).to.have.length(1);
    const { url, init } = fetch.calls[0]!;
    expect(url).to.equal('https://api.example/v1/backups/bk-1');
    expect(init.method).to.equal('DELETE');
    expect(init.body).to.equal(null);
    expect(init.credentials).to.equal('same-origin');
    expect(new Headers(init.headers).get('Accept')).to.equal('application/json');
    expect(new Headers(init.headers).get('Content-Type')).to.equal(null);
    expect(new Headers(init.headers).get('Idempotency-Key')).to.equal(null);
  });

  it('URL-encodes the id', async () => {
    const fetch = fakeFetch(200, cancelled);
    await cancelBackup(opts(fetch), '../a b/c?d');
    expect(fetch.calls[0]!.url).to.equal('https://api.example/v1/backups/..%2Fa%20b%2Fc%3Fd');
  });

  it('409 not_cancellable has its own kind', async () => {
    const err = await apiError(cancelBackup(opts(fakeFetch(409, { error: 'not_cancellable', message: 'started' })), 'x'), 'not_cancellable', 409);
    expect(err.nextRequestAt).to.equal(undefined);
    expect(err.retryAfterMs).to.equal(undefined);
  });

  it('409 with another code, or no body → invalid_response', async () => {
    await apiError(cancelBackup(opts(fakeFetch(409, { error: 'conflict' })), 'x'), 'invalid_response', 409);
    await apiError(cancelBackup(opts(fakeFetch(409, 'not_cancellable')), 'x'), 'invalid_response', 409);
    await apiError(cancelBackup(opts(fakeFetch(409, { error: ['not_cancellable'] })), 'x'), 'invalid_response', 409);
  });

  it('an older backend without the endpoint (404, 405) → invalid_response, not a success', async () => {
    await apiError(cancelBackup(opts(fakeFetch(404, { error: 'not_found' })), 'x'), 'invalid_response', 404);
    await apiError(cancelBackup(opts(fakeFetch(405, '')), 'x'), 'invalid_response', 405);
  });

  it('200 or 204 with a body that is not a Backup → invalid_response', async () => {
    await apiError(cancelBackup(opts(fakeFetch(200, { ok: true })), 'x'), 'invalid_response', 200);
    await apiError(cancelBackup(opts(fakeFetch(200, { ...cancelled, cancellable: 'no' })), 'x'), 'invalid_response', 200);
    await apiError(cancelBackup(opts(fakeFetch(204)), 'x'), 'invalid_response', 204);
  });

  it('not_cancellable is read from a 409 only', async () => {
    await apiError(cancelBackup(opts(fakeFetch(400, { error: 'not_cancellable' })), 'x'), 'invalid_response', 400);
    await apiError(cancelBackup(opts(fakeFetch(410, { error: 'not_cancellable' })), 'x'), 'expired', 410);
  });
});

describe('api client: errors on every endpoint', () => {
  for (const ep of endpoints) {
    describe(ep.name, () => {
      it('401 → unauthorized', async () => {
        await apiError(ep.run(opts(fakeFetch(401, { error: 'unauthorized' }))), 'unauthorized', 401);
        await apiError(ep.run(opts(fakeFetch(401, 'nope'))), 'unauthorized', 401);
      });

      it('403 plan_not_eligible', async () => {
        await apiError(ep.run(opts(fakeFetch(403, { error: 'plan_not_eligible', message: '<b>x</b>' }))), 'plan_not_eligible', 403);
      });

      it('403 other → forbidden', async () => {
        await apiError(ep.run(opts(fakeFetch(403, { error: 'forbidden' }))), 'forbidden', 403);
        await apiError(ep.run(opts(fakeFetch(403, 'not json'))), 'forbidden', 403);
        await apiError(ep.run(opts(fakeFetch(403, { error: ['plan_not_eligible'] }))), 'forbidden', 403);
      });

      it('429 with Retry-After in seconds', async () => {
        const err = await apiError(ep.run(opts(fakeFetch(429, { error: 'rate_limited' }, { 'Retry-After': '120' }))), 'rate_limited', 429);
        expect(err.retryAfterMs).to.equal(120_000);
      });

      it('429 with Retry-After as an HTTP date', async () => {
        const when = new Date(Date.now() + 90_000).toUTCString();
        const err = await apiError(ep.run(opts(fakeFetch(429, {}, { 'Retry-After': when }))), 'rate_limited', 429);
        // HTTP dates have 1 s resolution.
        expect(err.retryAfterMs).to.be.within(80_000, 90_000);
      });

      it('429 without Retry-After → no wait named, so the default wait applies', async () => {
        const err = await apiError(ep.run(opts(fakeFetch(429))), 'rate_limited', 429);
        // The client reports that the backend named no wait; the default is the waits' (core/waits.ts).
        expect(err.retryAfterMs).to.equal(undefined);
        expect(rateLimitDelay(err.retryAfterMs, 1, 0)).to.equal(DEFAULT_RETRY_AFTER_MS);
      });

      for (const status of [500, 502, 503, 504]) {
        it(`${status} → server`, async () => {
          await apiError(ep.run(opts(fakeFetch(status, { error: 'internal' }))), 'server', status);
          await apiError(ep.run(opts(fakeFetch(status, '<h1>Bad Gateway</h1>'))), 'server', status);
        });
      }

      it('an unexpected status (400, 404, 302-ish) → invalid_response', async () => {
        await apiError(ep.run(opts(fakeFetch(400, { error: 'bad_request' }))), 'invalid_response', 400);
        await apiError(ep.run(opts(fakeFetch(404, 'not found'))), 'invalid_response', 404);
        await apiError(ep.run(opts(fakeFetch(204))), 'invalid_response', 204);
      });

      it('fetch rejects → network', async () => {
        const fetch: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
        const err = await apiError(ep.run(opts(fetch)), 'network', undefined);
        expect(err.status).to.equal(undefined);
      });

      it('fetch throws synchronously → network', async () => {
        const fetch: FetchLike = () => {
          throw new TypeError('boom');
        };
        await apiError(ep.run(opts(fetch)), 'network', undefined);
      });
    });
  }
});

/** A fetch that never answers, but rejects with the signal's reason when aborted (like the real one). */
function hangingFetch(): FetchLike & { signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  const fn = ((_url: string, init: RequestInit) => {
    const signal = init.signal!;
    signals.push(signal);
    return new Promise<Response>((_resolve, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }) as FetchLike & { signals: AbortSignal[] };
  fn.signals = signals;
  return fn;
}

describe('api client: timeout and abort', () => {
  it('the default timeout is 20 s', () => {
    expect(DEFAULT_TIMEOUT_MS).to.equal(20_000);
  });

  it('a fetch that never answers → timeout after timeoutMs, and the request is aborted', async () => {
    // On fake time: the limit is asserted to the millisecond, and no machine is too slow for it.
    const clock = install({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const fetch = hangingFetch();
      let settled = false;
      const call = listBackups(opts(fetch, { timeoutMs: 50 }));
      call.then(
        () => (settled = true),
        () => (settled = true),
      );
      await clock.tickAsync(49);
      expect(settled, 'settled before timeoutMs').to.equal(false);
      expect(fetch.signals[0]!.aborted, 'aborted before timeoutMs').to.equal(false);
      await clock.tickAsync(1);
      await apiError(call, 'timeout', undefined);
      expect(fetch.signals[0]!.aborted).to.equal(true);
    } finally {
      clock.uninstall();
    }
  });

  it("a host's fetch that ignores the signal and never answers still times out, on every endpoint", async () => {
    const deaf: FetchLike = () => new Promise<Response>(() => {});
    for (const ep of endpoints) await apiError(ep.run(opts(deaf, { timeoutMs: 50 })), 'timeout', undefined);
  });

  it('a body that never ends times out, on every endpoint', async () => {
    const endless: FetchLike = async () =>
      ({ status: 200, headers: new Headers(), url: '', type: 'basic', redirected: false, json: () => new Promise(() => {}) }) as unknown as Response;
    for (const ep of endpoints) await apiError(ep.run(opts(endless, { timeoutMs: 50 })), 'timeout', undefined);
  });

  it('a timeout that is no positive number (NaN, 0, -5) is the default, not an instant failure', async () => {
    for (const timeoutMs of [NaN, 0, -5]) {
      const list = await listBackups(opts(fakeFetch(200, { backups: [], nextRequestAt: null }), { timeoutMs }));
      expect(list, String(timeoutMs)).to.deep.equal({ backups: [], nextRequestAt: null });
    }
  });

  it('timeout on every endpoint', async () => {
    for (const ep of endpoints) {
      await apiError(ep.run(opts(hangingFetch(), { timeoutMs: 50 })), 'timeout', undefined);
    }
  });

  it("the caller's abort rejects with the abort reason, not a BackupApiError", async () => {
    const fetch = hangingFetch();
    const controller = new AbortController();
    const reason = new Error('superseded');
    const p = listBackups(opts(fetch, { signal: controller.signal, timeoutMs: 5000 }));
    setTimeout(() => controller.abort(reason), 10);
    const e = await rejection(p);
    expect(e).to.equal(reason);
    expect(e).not.to.be.instanceOf(BackupApiError);
    expect(fetch.signals[0]!.aborted).to.equal(true);
  });

  it("the caller's abort without a reason rejects with an AbortError DOMException", async () => {
    const controller = new AbortController();
    const p = requestBackup(opts(hangingFetch(), { signal: controller.signal }), 'k');
    controller.abort();
    const e = await rejection(p);
    expect(e).not.to.be.instanceOf(BackupApiError);
    expect((e as DOMException).name).to.equal('AbortError');
  });

  it('an already-aborted signal rejects without calling fetch', async () => {
    const fetch = fakeFetch(200, { backups: [] });
    const controller = new AbortController();
    const reason = new Error('gone');
    controller.abort(reason);
    const e = await rejection(listBackups(opts(fetch, { signal: controller.signal })));
    expect(e).to.equal(reason);
    expect(fetch.calls).to.have.length(0);
  });

  it('an abort while the body is being read still wins over the response', async () => {
    const controller = new AbortController();
    const reason = new Error('late');
    const fetch: FetchLike = async () => {
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          setTimeout(() => {
            controller.abort(reason);
            c.enqueue(new TextEncoder().encode('{"backups":[]}'));
            c.close();
          }, 10);
        },
      });
      return new Response(stream, { status: 200 });
    };
    const e = await rejection(listBackups(opts(fetch, { signal: controller.signal })));
    expect(e).to.equal(reason);
  });

  it('a settled call removes its listener from the caller signal and clears its timer', async () => {
    const controller = new AbortController();
    const { signal } = controller;
    let listeners = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
      listeners += 1;
      add(...args);
    }) as AbortSignal['addEventListener'];
    signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
      listeners -= 1;
      remove(...args);
    }) as AbortSignal['removeEventListener'];
    const fetch = fakeFetch(200, { backups: [] });
    await listBackups(opts(fetch, { signal, timeoutMs: 30 }));
    expect(listeners).to.equal(0);
    await apiError(listBackups(opts(fakeFetch(500), { signal, timeoutMs: 30 })), 'server', 500);
    expect(listeners).to.equal(0);
    // The timer was cleared: waiting past timeoutMs does not abort the finished request's signal.
    await new Promise((r) => setTimeout(r, 60));
    expect(fetch.calls[0]!.init.signal!.aborted).to.equal(false);
    controller.abort(new Error('after'));
  });
});

describe('api client: parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 24, 13, 0, 0);
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).to.equal(0);
    expect(parseRetryAfter(' 5 ', now)).to.equal(5000);
  });
  it('reads HTTP dates, never negative', () => {
    expect(parseRetryAfter('Tue, 24 Nov 2026 13:01:00 GMT', now)).to.equal(60_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 12:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('  tue, 24 Nov 2026 13:00:30 GMT ', now)).to.equal(30_000);
  });
  it('reads an asctime HTTP date as GMT (RFC 9110 5.6.7), not as the device’s local time', () => {
    // now is Tue, 24 Nov 2026 13:00:00 GMT; the page's zone here is America/Sao_Paulo (UTC−3).
    expect(parseRetryAfter('Tue Nov 24 13:01:00 2026', now)).to.equal(60_000);
    expect(parseRetryAfter('Tuesday, 24-Nov-26 13:01:00 GMT', now)).to.equal(60_000);
  });
  it('names no wait (undefined) when missing or unusable: the caller waits its default', () => {
    expect(parseRetryAfter(null, now)).to.equal(undefined);
    expect(parseRetryAfter(undefined, now)).to.equal(undefined);
    expect(parseRetryAfter('', now)).to.equal(undefined);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    // Not HTTP dates, though Chromium's Date.parse reads them as dates in the past (→ "retry now").
    for (const garbage of ['-5', '1.5', '5 minutes', '2026-11-24T13:01:00Z', '12/24/2026', 'Tue, 99 Nov 2026 99:00:00 GMT']) {
      expect(parseRetryAfter(garbage, now), garbage).to.equal(undefined);
      // …and the wait is then the default, never "retry now".
      expect(rateLimitDelay(parseRetryAfter(garbage, now), 1, 0), garbage).to.equal(DEFAULT_RETRY_AFTER_MS);
    }
  });
});

describe('api client: validators', () => {
  it('isBackup accepts the minimal and the full row, rejects wrong optional types', () => {
    // requestedAt is the one required timestamp: RFC 3339 with a zone (an empty string is no timestamp).
    expect(isBackup({ id: '', status: '', requestedAt: '2026-11-01T10:00:00Z' })).to.equal(true);
    expect(isBackup({ id: '', status: '', requestedAt: '' })).to.equal(false);
    expect(isBackup(backupRow)).to.equal(true);
    expect(isBackup({ ...backupRow, requestedBy: null, readyAt: null, expiresAt: null, sizeBytes: null, fileName: null, sha256: null })).to.equal(true);
    expect(isBackup({ ...backupRow, sizeBytes: Number.NaN })).to.equal(false);
    expect(isBackup({ ...backupRow, sizeBytes: Infinity })).to.equal(false);
    expect(isBackup({ ...backupRow, readyAt: 1 })).to.equal(false);
    expect(isBackup([backupRow])).to.equal(false);
    expect(isBackup(null)).to.equal(false);
  });
  it('isBackupList and isDownloadCredentials', () => {
    expect(isBackupList({ backups: [] })).to.equal(true);
    expect(isBackupList({ backups: [backupRow, {}] })).to.equal(false);
    expect(isDownloadCredentials(credentials)).to.equal(true);
    expect(isDownloadCredentials({ ...credentials, expiresAt: null })).to.equal(true);
    expect(isDownloadCredentials({ ...credentials, port: Number.NaN })).to.equal(false);
    expect(isDownloadCredentials({ ...credentials, host: null })).to.equal(false);
  });
});

describe('api client: validators, contract v1.1', () => {
  it('a v1 body (none of the v1.1 fields) still validates', () => {
    expect(isBackup(backupRow)).to.equal(true);
    expect(isBackupList({ backups: [backupRow], nextRequestAt: null })).to.equal(true);
    expect(isDownloadCredentials(credentials)).to.equal(true);
    expect('hostKeys' in credentials || 'cancellable' in backupRow || 'estimatedReadyAt' in backupRow).to.equal(false);
  });

  it('v1.1 bodies validate: cancellable, estimatedReadyAt (or null), hostKeys with or without publicKey', async () => {
    expect(isBackup(v11Row)).to.equal(true);
    expect(isBackup({ ...v11Row, cancellable: false, estimatedReadyAt: null })).to.equal(true);
    expect(isBackup({ id: 'b', status: 'cancelled', requestedAt: '2026-11-01T10:00:00Z' })).to.equal(true);
    expect(isBackupList({ backups: [v11Row, backupRow], nextRequestAt: null })).to.equal(true);
    for (const hostKeys of [[], [hostKey], [hostKey, { type: 'ssh-rsa', fingerprint: 'SHA256:' + 'A'.repeat(43) }], [{ ...hostKey, publicKey: null }]]) {
      expect(isDownloadCredentials({ ...credentials, hostKeys }), JSON.stringify(hostKeys)).to.equal(true);
    }
    // And through the client, unchanged.
    const body = { ...credentials, hostKeys: [hostKey] };
    expect(await issueDownload(opts(fakeFetch(200, body)), 'bk-1')).to.deep.equal(body);
    const list = { backups: [v11Row], nextRequestAt: null };
    expect(await listBackups(opts(fakeFetch(200, list)))).to.deep.equal(list);
  });

  it('malformed v1.1 Backup fields are rejected', async () => {
    for (const bad of [
      { cancellable: 'true' },
      { cancellable: 1 },
      { cancellable: null },
      { estimatedReadyAt: 1732450000000 },
      { estimatedReadyAt: true },
      { estimatedReadyAt: {} },
    ]) {
      expect(isBackup({ ...v11Row, ...bad }), JSON.stringify(bad)).to.equal(false);
      await apiError(listBackups(opts(fakeFetch(200, { backups: [{ ...v11Row, ...bad }] }))), 'invalid_response', 200);
    }
  });

  it('malformed hostKeys are rejected', async () => {
    const base64 = 'F4Bc9fY+ioA5RmLe7zzh19dokRgWUviZ02QIpz3ZiCQ';
    for (const hostKeys of [
      null,
      'ssh-ed25519 AAAA',
      {},
      [null],
      ['SHA256:' + base64],
      [{ fingerprint: hostKey.fingerprint }],
      [{ ...hostKey, type: null }],
      [{ ...hostKey, type: 25519 }],
      [{ ...hostKey, publicKey: 42 }],
      [{ ...hostKey, publicKey: ['ssh-ed25519', 'AAAA'] }],
      [{ ...hostKey, fingerprint: undefined }],
      [{ ...hostKey, fingerprint: base64 }], // no SHA256: prefix
      [{ ...hostKey, fingerprint: 'sha256:' + base64 }],
      [{ ...hostKey, fingerprint: 'MD5:' + base64 }],
      [{ ...hostKey, fingerprint: 'SHA256:' + base64 + '=' }], // padded
      [{ ...hostKey, fingerprint: 'SHA256:' + base64.slice(1) }], // too short for 32 bytes
      [{ ...hostKey, fingerprint: 'SHA256:' + base64 + 'A' }],
      [{ ...hostKey, fingerprint: 'SHA256:' + base64.replace('+', '-') }], // base64url is not OpenSSH's
      [{ ...hostKey, fingerprint: ' SHA256:' + base64 }],
      [{ ...hostKey, fingerprint: 'SHA256:' + base64 + '\n' }],
      [{ ...hostKey, fingerprint: '16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48' }],
      [hostKey, { ...hostKey, fingerprint: 'nope' }],
    ]) {
      expect(isDownloadCredentials({ ...credentials, hostKeys }), JSON.stringify(hostKeys)).to.equal(false);
      await apiError(issueDownload(opts(fakeFetch(200, { ...credentials, hostKeys })), 'x'), 'invalid_response', 200);
    }
  });

  it('isHostKey: type and fingerprint required, publicKey optional or null', () => {
    expect(isHostKey(hostKey)).to.equal(true);
    expect(isHostKey({ type: 'ssh-ed25519', fingerprint: hostKey.fingerprint })).to.equal(true);
    expect(isHostKey({ type: 'ssh-ed25519', fingerprint: hostKey.fingerprint, publicKey: null })).to.equal(true);
    expect(isHostKey({ type: 'ssh-ed25519' })).to.equal(false);
    expect(isHostKey([hostKey])).to.equal(false);
  });
});

describe('api client: newIdempotencyKey', () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const expectThousandUniqueV4Keys = () => {
    const keys = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const k = newIdempotencyKey();
      expect(k).to.match(UUID_V4);
      keys.add(k);
    }
    expect(keys.size).to.equal(1000);
  };

  it('is a v4 UUID and unique', () => {
    expectThousandUniqueV4Keys();
  });

  it('is still a unique v4 UUID where crypto.randomUUID is unavailable (a plain-http page)', () => {
    const original = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID');
    const own = Object.getOwnPropertyDescriptor(crypto, 'randomUUID');
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true, writable: true });
    try {
      expect(typeof crypto.randomUUID).to.equal('undefined');
      expectThousandUniqueV4Keys();
    } finally {
      if (own) Object.defineProperty(crypto, 'randomUUID', own);
      else delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID).to.equal('function');
    expect(original).not.to.equal(undefined);
  });
});

const KINDS: readonly ApiErrorKind[] = [
  'unauthorized',
  'plan_not_eligible',
  'forbidden',
  'cooldown',
  'not_ready',
  'expired',
  'not_cancellable',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'invalid_response',
];

describe('api client: properties', () => {
  it('resolves with a value that passes the validator, or rejects with a BackupApiError (10,000 runs)', async function () {
    this.timeout(60_000);
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(scenario, async ([ep, o]) => {
        const options = { baseUrl: 'https://api.example/v1/', fetch: fetchFor(o), timeoutMs: 5_000 };
        let settled: { ok: true; value: unknown } | { ok: false; error: unknown };
        try {
          const value =
            ep.name === 'list'
              ? await listBackups(options)
              : ep.name === 'request'
                ? await requestBackup(options, 'k')
                : ep.name === 'download'
                  ? await issueDownload(options, ep.id)
                  : await cancelBackup(options, ep.id);
          settled = { ok: true, value };
          count(`${ep.name}:ok`);
        } catch (error) {
          settled = { ok: false, error };
          count(error instanceof BackupApiError ? error.kind : 'other');
        }
        const success = ep.name === 'request' ? 201 : 200;
        if (settled.ok) {
          const valid = ep.name === 'list' ? isBackupList : ep.name === 'download' ? isDownloadCredentials : isBackup;
          if (!valid(settled.value)) throw new Error(`resolved with an invalid value: ${JSON.stringify(settled.value)?.slice(0, 200)}`);
          if (o.type !== 'respond') throw new Error('resolved without a response');
          if (o.status !== success) throw new Error(`resolved on status ${o.status}`);
          // Every timestamp of what resolved is RFC 3339 with a zone, as the test reads it.
          const stamps = timestampsOf(settled.value);
          const bad = stamps.find(([, v]) => v !== null && v !== undefined && contractInstant(v) === null);
          if (bad) throw new Error(`resolved with ${bad[0]} = ${JSON.stringify(bad[1])?.slice(0, 80)}, which is no RFC 3339 timestamp`);
        } else {
          const e = settled.error;
          if (!(e instanceof BackupApiError)) throw new Error(`rejected with something else: ${String(e)}`);
          if (!KINDS.includes(e.kind)) throw new Error(`unknown kind ${e.kind}`);
          if (o.type === 'respond' && o.contract && o.status === success && !NULL_BODY.has(o.status)) {
            throw new Error(`a body that keeps to the contract was refused (${e.kind}): ${o.body?.slice(0, 200)}`);
          }
          if (e.kind === 'rate_limited') {
            // What the backend asked, or undefined when it asked nothing usable (the waits' default then).
            const header = o.type === 'respond' ? o.retryAfter?.trim() : undefined;
            const expected = header !== undefined && /^\d+$/.test(header) ? Number(header) * 1000 : undefined;
            if (expected !== undefined ? e.retryAfterMs !== expected : !(e.retryAfterMs === undefined || (Number.isFinite(e.retryAfterMs) && e.retryAfterMs >= 0))) {
              throw new Error(`retryAfterMs ${e.retryAfterMs} for Retry-After ${JSON.stringify(header)}`);
            }
            if (header === undefined || header === '' || /^-|\./.test(header)) {
              if (e.retryAfterMs !== undefined) throw new Error(`retryAfterMs ${e.retryAfterMs} for Retry-After ${JSON.stringify(header)}`);
            }
          } else if (e.retryAfterMs !== undefined) throw new Error(`retryAfterMs on a ${e.kind}`);
          if (e.kind === 'cooldown' && typeof e.nextRequestAt !== 'string') throw new Error('cooldown without nextRequestAt');
          if (o.type === 'respond' && e.status !== o.status) throw new Error(`status ${e.status} ≠ ${o.status}`);
          if ((o.type === 'reject' || o.type === 'throw') && e.kind !== 'network') throw new Error(`kind ${e.kind} for a failed fetch`);
        }
      }),
      { numRuns: 10_000 },
    );
    // The generators reach every success and every error kind but `timeout` (tested in backup-api).
    for (const key of ['list:ok', 'request:ok', 'download:ok', 'cancel:ok', ...KINDS.filter((k) => k !== 'timeout')]) {
      expect(seen.get(key) ?? 0, `${key} in ${JSON.stringify([...seen])}`).to.be.greaterThan(10);
    }
  });

  it('the validators never throw on arbitrary input (10,000 runs)', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        for (const valid of [isBackup, isBackupList, isDownloadCredentials]) expect(valid(v)).to.be.a('boolean');
      }),
      { numRuns: 10_000 },
    );
  });
});
