/**
 * The one stateful fake of the backend contract (`contract/backup-api.openapi.yaml`), v1 or v1.1
 * ({@link MockBackend.version}, set by each scenario), shared by the sandbox (`demo/`), the tests and
 * the end-to-end scripts. It lives in the page, behind msw (`handlers.ts`), or behind `node:http`.
 *
 * Time: the backend reads `Date.now()` plus its own {@link MockBackend.clockOffsetMs} (a server whose
 * clock is not the device's) and nothing else, and computes progression lazily whenever its state is
 * read. It never starts a timer of its own, so whoever controls `Date` (the demo's time travel, a
 * test's `@sinonjs/fake-timers` `install({ toFake: ['Date'] })`) controls the backend. Every answer
 * carries the server's `Date` header, as the contract says. Tests that do not fake `Date` can use
 * {@link MockBackend.elapse} or {@link MockBackend.advance}.
 */
import type { Backup, BackupList, DownloadCredentials, HostKey } from '../src/core/types.js';
import type { ContractVersion, FaultName, StoredBackup } from './model.js';
import { scenarios, type ScenarioBackend, type ScenarioName } from './scenarios.js';
import { TEST_HOST_FINGERPRINT, TEST_HOST_KEY_TYPE, TEST_HOST_PUBLIC_KEY } from './test-host-key.js';
import { servedPrivateKey } from './test-key.js';
import { DAY_MS, iso } from './time.js';

export type { ScenarioName } from './scenarios.js';
export { FAULTS, type ContractVersion, type FaultName, type StoredBackup } from './model.js';

/** A new request is allowed 28 days after the last one (unless that one ended in `server_error`). */
export const COOLDOWN_MS = 28 * DAY_MS;
/** A ready backup can be downloaded for 10 days. */
export const DOWNLOAD_WINDOW_MS = 10 * DAY_MS;


/** One API call as the backend received it. */
export interface RecordedRequest {
  method: string;
  /** Relative to the base, e.g. `/backups` or `/backups/b-3/download`. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON when it was JSON, the text otherwise, `undefined` when empty. */
  body: unknown;
}

/** What the backend answers; `handlers.ts` turns it into a `Response`. */
export type MockResponse =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'text'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'network-error' };

export interface Timings {
  /** After this long from `requestedAt`, a new request goes from awaiting_release to in_progress. */
  releaseAfterMs: number;
  /** After this long from `requestedAt`, it is ready (and its 10 days start). */
  readyAfterMs: number;
}

export const DEFAULT_TIMINGS: Readonly<Timings> = { releaseAfterMs: 20_000, readyAfterMs: 40_000 };

export const SFTP_HOST = 'sftp.backup.softexpert.example';
export const SFTP_PORT = 2222;
export const REQUESTED_BY = 'admin@example.com';
/** v1.1: a pending backup that does not move on by itself is expected this long after its request. */
export const ESTIMATED_READY_AFTER_MS = DAY_MS;

/** Where the download answer points. */
export interface SftpServer {
  host: string;
  port: number;
  /** Remote folder of the backup files; the path is `<directory>/<fileName>`. */
  directory: string;
  /** A fixed user name; by default each answer makes up one of its own (`bkp_<id>_<random>`). */
  username?: string;
}

export const DEFAULT_SFTP: Readonly<SftpServer> = { host: SFTP_HOST, port: SFTP_PORT, directory: '/backups' };

/** v1.1: the host key the download answer carries by default (the test host key of `test-host-key.ts`). */
export const DEFAULT_HOST_KEYS: readonly Readonly<HostKey>[] = [
  { type: TEST_HOST_KEY_TYPE, fingerprint: TEST_HOST_FINGERPRINT, publicKey: TEST_HOST_PUBLIC_KEY.split(' ').slice(0, 2).join(' ') },
];

const at = (value: string | null | undefined): number | null => {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
};

/** A small deterministic hash, so generated file details are stable per id. */
function hash(text: string, seed = 0): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function fakeSha256(id: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += hash(id, i).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}

const PENDING = new Set(['awaiting_release', 'in_progress']);
/** A latest request with one of these statuses allows a new one at once. */
const FREES_THE_COOLDOWN = new Set(['server_error', 'cancelled']);

type Route = 'list' | 'request' | 'download' | 'cancel';

/** Where the `login-redirect` fault sends the browser: an HTML page, outside the API. */
export const LOGIN_PATH = '/login.html';
export const LOGIN_PAGE = '<!doctype html><title>Entrar</title><form><label>Usuário <input name="u"></label></form>';

export class MockBackend implements ScenarioBackend {
  /** The contract it follows; each scenario sets it on {@link reset} (every pre-v1.1 one is `v1`). */
  version: ContractVersion = 'v1';
  /** v1.1: the host keys on the download answer. */
  hostKeys: HostKey[] = DEFAULT_HOST_KEYS.map((key) => ({ ...key }));
  /** The SFTP server the download answer points at. */
  sftp: SftpServer = { ...DEFAULT_SFTP };
  /** Progression speed of backups created by POST. */
  timings: Timings = { ...DEFAULT_TIMINGS };
  /** Delay added to every response, in ms. */
  latencyMs = 0;
  /**
   * How far the server's clock is ahead of the device's (negative: behind), in ms. The backend's
   * own time, its timestamps and its `Date` header all follow it; the page's `Date.now()` does not.
   */
  clockOffsetMs = 0;
  /** Whether answers carry a `Date` header (a cross-origin backend that does not expose it: `false`). */
  sendsDate = true;
  /** The `Retry-After` of the `rate-limited` fault: seconds or an HTTP date; `null` sends none. */
  retryAfter: string | null = '2';
  /**
   * A read replica this far behind the write path (ms): `GET /backups` does not show backups
   * requested less than this long ago, nor their cooldown.
   */
  replicaLagMs = 0;
  /** Emulate an older backend: `GET /backups` omits `nextRequestAt`. */
  omitNextRequestAt = false;
  /** Forced answer for every endpoint; `null` for normal behaviour. */
  fault: FaultName | null = null;
  /** How many more calls the fault applies to; `null` for all of them (see {@link failNext}). */
  faultRemaining: number | null = null;
  /** Every API call, in order. */
  requests: RecordedRequest[] = [];
  /** The scenario of the last {@link reset}. */
  scenario: ScenarioName = 'empty';
  /**
   * How the ids of new records begin (`b-` gives `b-1`, `b-2`…), and who requested them: two
   * backends on one page (two `base-url`s) can then be told apart in every row, event and notification.
   */
  idPrefix = 'b-';
  requestedBy = REQUESTED_BY;

  #backups: StoredBackup[] = [];
  #nextId = 1;

  constructor(scenario: ScenarioName = 'empty') {
    this.reset(scenario);
  }

  /** The server's clock: the device's plus {@link clockOffsetMs}. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** The stored records, brought up to date with the server's clock on every read. */
  get backups(): StoredBackup[] {
    this.#progress(this.now());
    return this.#backups;
  }

  set backups(records: StoredBackup[]) {
    this.#backups = records;
    this.#nextId = 1 + Math.max(0, ...records.map((b) => Number(/(\d+)$/.exec(b.id)?.[1] ?? 0)));
  }

  /** Forget everything, then set up `scenario` with dates relative to the server's clock (now()). */
  reset(scenario: ScenarioName = 'empty'): void {
    const entry = scenarios[scenario];
    if (!entry) throw new Error(`Unknown scenario: ${String(scenario)}`);
    this.version = entry.version;
    this.hostKeys = DEFAULT_HOST_KEYS.map((key) => ({ ...key }));
    this.sftp = { ...DEFAULT_SFTP };
    this.timings = { ...DEFAULT_TIMINGS };
    this.latencyMs = 0;
    this.clockOffsetMs = 0;
    this.sendsDate = true;
    this.retryAfter = '2';
    this.replicaLagMs = 0;
    this.omitNextRequestAt = false;
    this.fault = null;
    this.faultRemaining = null;
    this.requests = [];
    this.idPrefix = 'b-';
    this.requestedBy = REQUESTED_BY;
    this.#backups = [];
    this.#nextId = 1;
    this.scenario = scenario;
    entry.setup(this, this.now());
  }

  /** Force `fault` for the next `times` calls only, then behave normally again. */
  failNext(fault: FaultName, times = 1): void {
    this.fault = fault;
    this.faultRemaining = times;
  }

  /**
   * Insert a record; missing fields get sensible defaults (id `<idPrefix><n>`, requested now by
   * {@link requestedBy}; a `ready` one ready now for 10 days; file details for ready/expired).
   */
  add(partial: Partial<StoredBackup> = {}, options: { progress?: boolean } = {}): StoredBackup {
    const now = this.now();
    const id = partial.id ?? `${this.idPrefix}${this.#nextId}`;
    const record: StoredBackup = {
      id,
      status: 'awaiting_release',
      requestedAt: iso(now),
      requestedBy: this.requestedBy,
      ...partial,
    };
    if (options.progress !== undefined) record.progress = options.progress;
    const requested = at(record.requestedAt) ?? now;
    if (record.status === 'ready' && !('readyAt' in partial)) record.readyAt = iso(Math.max(requested, now));
    if (record.status === 'expired' && !('readyAt' in partial)) record.readyAt = iso(requested + DAY_MS);
    if (record.status === 'ready' || record.status === 'expired') this.#fillFile(record, partial);
    const numeric = Number(/(\d+)$/.exec(id)?.[1] ?? 0);
    this.#nextId = Math.max(this.#nextId, numeric + 1);
    this.#backups.push(record);
    return record;
  }

  /** The record with `id`, brought up to date; throws when there is none. */
  get(id: string): StoredBackup {
    const record = this.backups.find((b) => b.id === id);
    if (!record) throw new Error(`No backup ${id}`);
    return record;
  }

  /**
   * Set a record's status now, and stop its automatic progression. `ready` makes it ready now
   * (10 days from now); `expired` makes it expire now; file details are filled in when missing.
   */
  setStatus(id: string, status: string): StoredBackup {
    const record = this.get(id);
    const now = this.now();
    record.status = status;
    record.progress = false;
    if (status === 'ready') {
      record.readyAt = iso(now);
      record.expiresAt = iso(now + DOWNLOAD_WINDOW_MS);
      this.#fillFile(record);
    } else if (status === 'expired') {
      record.expiresAt = iso(Math.min(now, at(record.expiresAt) ?? now));
      record.readyAt ??= iso(now - DOWNLOAD_WINDOW_MS);
      this.#fillFile(record);
    }
    return record;
  }

  /**
   * Move backups one step on right now (awaiting_release → in_progress → ready → expired): the one
   * with `id`, or else every pending one. Returns the records it moved.
   */
  advance(id?: string): StoredBackup[] {
    const targets = id === undefined ? this.backups.filter((b) => PENDING.has(b.status)) : [this.get(id)];
    const next: Record<string, string> = { awaiting_release: 'in_progress', in_progress: 'ready', ready: 'expired' };
    for (const record of targets) {
      const status = next[record.status];
      if (status) this.setStatus(record.id, status);
    }
    return targets;
  }

  /**
   * Let `ms` pass for the backend without touching `Date`: every stored timestamp moves `ms` into
   * the past. (A page that fakes `Date` does not need this.)
   */
  elapse(ms: number): void {
    const shift = (value: string | null | undefined) => {
      const t = at(value);
      return t === null ? value : iso(t - ms);
    };
    for (const record of this.#backups) {
      record.requestedAt = shift(record.requestedAt) as string;
      if (record.readyAt) record.readyAt = shift(record.readyAt);
      if (record.expiresAt) record.expiresAt = shift(record.expiresAt);
    }
  }

  /** Epoch ms from which a new request is allowed, or `null` when it is allowed now. */
  nextRequestAt(now = this.now(), records: readonly StoredBackup[] = this.#backups): number | null {
    this.#progress(now);
    let latest: StoredBackup | undefined;
    for (const record of records) {
      const t = at(record.requestedAt);
      // Timestamps have whole seconds: on a tie, the record added later is the newer request.
      if (t !== null && (!latest || t >= (at(latest.requestedAt) as number))) latest = record;
    }
    if (!latest || FREES_THE_COOLDOWN.has(latest.status)) return null;
    const allowedAt = (at(latest.requestedAt) as number) + COOLDOWN_MS;
    return allowedAt > now ? allowedAt : null;
  }

  /** `GET /backups` as the contract says (newest first; of two in the same second, the one added later). */
  list(now = this.now()): BackupList {
    // A lagging replica has not seen the newest requests yet.
    const seen = this.backups.filter((b) => !this.replicaLagMs || (at(b.requestedAt) ?? -Infinity) <= now - this.replicaLagMs);
    const backups = [...seen].reverse().sort((a, b) => (at(b.requestedAt) ?? 0) - (at(a.requestedAt) ?? 0)).map((record) => this.#public(record));
    if (this.omitNextRequestAt) return { backups };
    const next = this.nextRequestAt(now, seen);
    return { backups, nextRequestAt: next === null ? null : iso(next) };
  }

  /** Answer one API call (recorded first). `path` is relative to the base. */
  handle(request: RecordedRequest): MockResponse {
    const answer = this.#answer(request);
    if (answer.kind === 'network-error' || !this.sendsDate) return answer;
    // Every answer says when the server made it (RFC 9110's IMF-fixdate, whole seconds).
    return { ...answer, headers: { ...answer.headers, Date: new Date(this.now()).toUTCString() } };
  }

  #answer(request: RecordedRequest): MockResponse {
    this.requests.push(request);
    const fault = this.#takeFault();
    const { method, path } = request;
    const route: Route | null =
      method === 'GET' && path === '/backups'
        ? 'list'
        : method === 'POST' && path === '/backups'
          ? 'request'
          : method === 'POST' && /^\/backups\/[^/]+\/download$/.test(path)
            ? 'download'
            : // A v1 backend has no DELETE: it falls through to 404, as an older backend answers.
              method === 'DELETE' && this.version === 'v1.1' && /^\/backups\/[^/]+$/.test(path)
              ? 'cancel'
              : null;
    if (fault && route) return this.#faultResponse(fault, route);
    const now = this.now();
    switch (route) {
      case 'list':
        return { kind: 'json', status: 200, body: this.list(now) };
      case 'request':
        return this.#request(request, now);
      case 'download':
        return this.#download(decodeURIComponent(path.split('/')[2]!), request.body, now);
      case 'cancel':
        return this.#cancel(decodeURIComponent(path.split('/')[2]!));
      default:
        return { kind: 'json', status: 404, body: { error: 'not_found', message: `${method} ${path}` } };
    }
  }

  #request(request: RecordedRequest, now: number): MockResponse {
    const key = request.headers['idempotency-key'];
    if (!key) return { kind: 'json', status: 400, body: { error: 'bad_request', message: 'Idempotency-Key header is required' } };
    const replay = this.backups.find((b) => b.idempotencyKey === key);
    if (replay) return { kind: 'json', status: 201, body: this.#public(replay) };
    const next = this.nextRequestAt(now);
    if (next !== null) return { kind: 'json', status: 409, body: { error: 'cooldown', nextRequestAt: iso(next) } };
    const record = this.add({ requestedAt: iso(now), status: 'awaiting_release', idempotencyKey: key }, { progress: true });
    return { kind: 'json', status: 201, body: this.#public(record) };
  }

  #download(id: string, body: unknown, now: number): MockResponse {
    const accepted = typeof body === 'object' && body !== null && (body as { termsAccepted?: unknown }).termsAccepted === true;
    if (!accepted) return { kind: 'json', status: 400, body: { error: 'terms_not_accepted', message: 'termsAccepted must be true' } };
    const record = this.backups.find((b) => b.id === id);
    if (!record) return { kind: 'json', status: 404, body: { error: 'not_found' } };
    if (record.status === 'expired') return { kind: 'json', status: 410, body: { error: 'expired' } };
    if (record.status !== 'ready') return { kind: 'json', status: 409, body: { error: 'not_ready' } };
    const fileName = record.fileName ?? `backup-${record.id}.bak.gz`;
    const { host, port, directory, username } = this.sftp;
    const credentials: DownloadCredentials = {
      host,
      port,
      username: username ?? `bkp_${record.id.replace(/\W/g, '')}_${hash(record.id + now).toString(36).slice(0, 4)}`,
      privateKey: servedPrivateKey(),
      path: `${directory.replace(/\/+$/, '')}/${fileName}`,
      expiresAt: record.expiresAt ?? null,
    };
    if (this.version === 'v1.1') credentials.hostKeys = this.hostKeys.map((key) => ({ ...key }));
    return { kind: 'json', status: 200, body: credentials };
  }

  /** v1.1 `DELETE /backups/{id}`: only a request still awaiting release can be cancelled. */
  #cancel(id: string): MockResponse {
    const record = this.backups.find((b) => b.id === id);
    if (!record) return { kind: 'json', status: 404, body: { error: 'not_found' } };
    if (record.status !== 'awaiting_release' || record.cancellable === false || record.refuseCancel) {
      return { kind: 'json', status: 409, body: { error: 'not_cancellable', message: 'The cloud team has already started on this backup.' } };
    }
    record.status = 'cancelled';
    record.progress = false;
    return { kind: 'json', status: 200, body: this.#public(record) };
  }

  #takeFault(): FaultName | null {
    const fault = this.fault;
    if (fault && this.faultRemaining !== null) {
      this.faultRemaining -= 1;
      if (this.faultRemaining <= 0) {
        this.fault = null;
        this.faultRemaining = null;
      }
    }
    return fault;
  }

  #faultResponse(fault: FaultName, route: Route): MockResponse {
    const ok = route === 'request' ? 201 : 200;
    switch (fault) {
      case 'unauthorized':
        return { kind: 'json', status: 401, body: { error: 'unauthorized', message: 'Session expired' } };
      case 'plan-not-eligible':
        return { kind: 'json', status: 403, body: { error: 'plan_not_eligible', message: 'Enterprise or Regulated plans only' } };
      case 'forbidden':
        return { kind: 'json', status: 403, body: { error: 'forbidden', message: 'Missing permission CM056' } };
      case 'rate-limited':
        return { kind: 'json', status: 429, body: { error: 'rate_limited' }, headers: this.retryAfter === null ? {} : { 'Retry-After': this.retryAfter } };
      case 'login-redirect':
        // A Suite page ends a session this way: the API answers with a redirect to an HTML sign-in page.
        return { kind: 'json', status: 302, body: null, headers: { Location: LOGIN_PATH } };
      case 'server-error':
        return { kind: 'json', status: 500, body: { error: 'internal', message: '<b>Internal</b> server error' } };
      case 'network-failure':
        return { kind: 'network-error' };
      case 'malformed':
        return { kind: 'text', status: ok, body: '<html><body>Proxy login</body></html>', headers: { 'Content-Type': 'text/html' } };
      case 'wrong-shape': {
        const body =
          route === 'list'
            ? { items: [{ id: 1, state: 'ready' }] }
            : route === 'download'
              ? { host: 'sftp.backup.softexpert.example', port: '2222' }
              : { id: 42, status: null };
        return { kind: 'json', status: ok, body };
      }
    }
  }

  /** Lazy progression: bring every record up to `now`. */
  #progress(now: number): void {
    for (const record of this.#backups) {
      const requested = at(record.requestedAt);
      if (record.progress && requested !== null && PENDING.has(record.status)) {
        if (record.status === 'awaiting_release' && now >= requested + this.timings.releaseAfterMs) record.status = 'in_progress';
        if (record.status === 'in_progress' && now >= requested + this.timings.readyAfterMs) {
          const readyAt = requested + this.timings.readyAfterMs;
          record.status = 'ready';
          record.readyAt = iso(readyAt);
          record.expiresAt = iso(readyAt + DOWNLOAD_WINDOW_MS);
          this.#fillFile(record);
        }
      }
      if (record.status === 'ready') {
        const readyAt = at(record.readyAt);
        const expiry = at(record.expiresAt) ?? (readyAt === null ? null : readyAt + DOWNLOAD_WINDOW_MS);
        if (expiry !== null && now >= expiry) record.status = 'expired';
      }
    }
  }

  /** Defaults for the file details of a ready or expired backup (`keep`: fields given explicitly). */
  #fillFile(record: StoredBackup, keep: Partial<StoredBackup> = {}): void {
    const readyAt = at(record.readyAt) ?? this.now();
    if (!('expiresAt' in keep) && !record.expiresAt) record.expiresAt = iso(readyAt + DOWNLOAD_WINDOW_MS);
    if (!('sizeBytes' in keep)) record.sizeBytes ??= 1_500_000_000 + (hash(record.id) % 3_500_000_000);
    if (!('fileName' in keep)) record.fileName ??= `backup-${iso(readyAt).slice(0, 10)}-${record.id}.bak.gz`;
    if (!('sha256' in keep)) record.sha256 ??= fakeSha256(record.id);
  }

  /**
   * The record as the contract shows it, without the fake's bookkeeping. v1 sends none of the v1.1
   * fields; v1.1 says `cancellable` on `awaiting_release` rows (true unless the record says false)
   * and `estimatedReadyAt` on pending ones (the record's own, else when it will or should be ready).
   */
  #public(record: StoredBackup): Backup {
    const { idempotencyKey: _key, progress: _progress, refuseCancel: _refuse, cancellable, estimatedReadyAt, ...v1 } = record;
    if (this.version === 'v1') return v1;
    const backup: Backup = v1;
    if (backup.status === 'awaiting_release') backup.cancellable = cancellable !== false;
    if (PENDING.has(backup.status)) {
      const requested = at(backup.requestedAt);
      const estimate = requested === null ? null : requested + (record.progress ? this.timings.readyAfterMs : ESTIMATED_READY_AFTER_MS);
      backup.estimatedReadyAt = estimatedReadyAt !== undefined ? estimatedReadyAt : estimate === null ? null : iso(estimate);
    }
    return backup;
  }
}
