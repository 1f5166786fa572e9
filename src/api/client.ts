/**
 * The HTTP client of the backend contract (v1.1): one function per endpoint, every body validated at
 * run time, every failure turned into one typed {@link BackupApiError} the UI can explain.
 */
import { instant } from '../core/rules.js';
import type { Backup, BackupList, DownloadCredentials, HostKey } from '../core/types.js';
import { httpDate, type ServerClock } from '../core/server-clock.js';

export type ApiErrorKind =
  | 'unauthorized'
  | 'plan_not_eligible'
  | 'forbidden'
  | 'cooldown'
  | 'not_ready'
  | 'expired'
  | 'not_cancellable'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalid_response';

/** The one error type the client throws (besides the caller's own abort). */
export class BackupApiError extends Error {
  override name = 'BackupApiError';
  constructor(
    readonly kind: ApiErrorKind,
    /** HTTP status, when a response arrived. */
    readonly status?: number,
    /** `cooldown`: when the next request is allowed (ISO 8601). */
    readonly nextRequestAt?: string,
    /** `rate_limited`: how long the backend asked to wait (read against its `Date`), in ms; `undefined` when it asked nothing usable. */
    readonly retryAfterMs?: number,
  ) {
    super(kind);
  }

  /** Whether the backend refused the call (a 4xx, or a session sent to sign in): it did nothing. Otherwise it may have acted. */
  get refused(): boolean {
    return this.kind === 'unauthorized' || (this.status !== undefined && this.status >= 400 && this.status < 500);
  }
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** Where the contract lives; paths are appended to it. */
  baseUrl: string;
  /** Used for every call, so a host page can add session headers or a CSRF token. */
  fetch: FetchLike;
  /** Aborts the call (the element passes one per run, so a newer run or a disconnect cancels). */
  signal?: AbortSignal;
  /** The client gives up after this many ms with a `timeout` error. */
  timeoutMs?: number;
  /** Learns the server's time from every answer's `Date` header. */
  clock?: Pick<ServerClock, 'observe'>;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

type Test = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString: Test = (v) => typeof v === 'string';
/** The contract's optional fields may also be `null`. */
const optional =
  (test: Test): Test =>
  (v) =>
    v == null || test(v);
const optionalString = optional(isString);
/** A timestamp of the contract: RFC 3339 with `Z` or an offset (see {@link instant}). */
const isTimestamp: Test = (v) => typeof v === 'string' && instant(v) !== null;
const optionalTimestamp = optional(isTimestamp);
/** A v1.1 field that may be absent (a v1 backend) but, unlike the v1 ones, is never `null`. */
const absentOr =
  (test: Test): Test =>
  (v) =>
    v === undefined || test(v);

/**
 * A validator from one test per field. `Record<keyof T, …>` makes the compiler insist on a test for
 * every field of the contract's type, optional ones included, so a new field cannot go unchecked.
 * (`Number.isFinite` is false for anything that is not a number, so it is the whole number test.)
 */
const shape =
  <T>(fields: Record<keyof T, Test>) =>
  (v: unknown): v is T =>
    isObject(v) && Object.entries<Test>(fields).every(([name, test]) => test(v[name]));

export const isBackup = shape<Backup>({
  id: isString,
  status: isString,
  requestedAt: isTimestamp,
  requestedBy: optionalString,
  readyAt: optionalTimestamp,
  expiresAt: optionalTimestamp,
  sizeBytes: optional(Number.isFinite),
  fileName: optionalString,
  sha256: optionalString,
  cancellable: absentOr((v) => typeof v === 'boolean'),
  estimatedReadyAt: optionalTimestamp,
});

export const isBackupList = shape<BackupList>({
  backups: (v) => Array.isArray(v) && v.every(isBackup),
  nextRequestAt: optionalTimestamp,
});

/** OpenSSH's SHA-256 fingerprint: `SHA256:` and 32 bytes in unpadded base64 (43 characters). */
export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;

export const isHostKey = shape<HostKey>({
  type: isString,
  fingerprint: (v) => typeof v === 'string' && FINGERPRINT_PATTERN.test(v),
  publicKey: optionalString,
});

export const isDownloadCredentials = shape<DownloadCredentials>({
  host: isString,
  port: Number.isFinite,
  username: isString,
  privateKey: isString,
  path: isString,
  expiresAt: optionalTimestamp,
  hostKeys: absentOr((v) => Array.isArray(v) && v.every(isHostKey)),
});

/**
 * What a `Retry-After` asks, in ms: delta-seconds, or an HTTP date read against `serverNow` (the
 * answer's own `Date`, so a device clock hours off does not turn 30 s into hours). `undefined` when
 * it asks nothing usable. Floors and caps are the caller's (core/waits.ts).
 */
export function parseRetryAfter(header: string | null | undefined, serverNow: number): number | undefined {
  const value = (header ?? '').trim();
  const at = httpDate(value);
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : at === null ? NaN : Math.max(0, at - serverNow);
  return ms >= 0 ? ms : undefined;
}

/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts; on a plain-http page, a blob
 * URL ends in one (every engine names blob URLs with a random v4 UUID), revoked at once.
 */
export function newIdempotencyKey(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const url = URL.createObjectURL(new Blob());
  URL.revokeObjectURL(url);
  return url.slice(-36);
}

/** The instant an answer's `Date` names, else the device's now. */
const serverTime = (date: string | null | undefined): number => httpDate(date) ?? Date.now();

/** Whether an answer came from another path than the one asked (a redirect was followed). */
function movedAway(answered: unknown, asked: string): boolean {
  if (typeof answered !== 'string' || !answered) return false; // a host's own Response may have no URL
  try {
    return new URL(answered).pathname !== new URL(asked, answered).pathname;
  } catch {
    return false;
  }
}

/**
 * Sends one request and maps every outcome to a validated value or a typed error. A `body` is sent
 * as JSON; without one the request has no body (GET, DELETE).
 */
async function call<T>(
  { baseUrl, fetch, signal, timeoutMs = DEFAULT_TIMEOUT_MS, clock }: ClientOptions,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  isValid: (body: unknown) => body is T,
  successStatus: number,
  body?: object,
  headers?: Record<string, string>,
): Promise<T> {
  const own = new AbortController();
  /** The caller's abort wins, rethrown with the caller's reason; then our own timeout. */
  const stopIfAborted = () => {
    signal?.throwIfAborted();
    if (own.signal.aborted) throw new BackupApiError('timeout');
  };
  stopIfAborted();
  // A timeout that is no number, or not positive, would fail every call at once.
  const timer = setTimeout(() => own.abort(), timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS);
  const forwardAbort = () => own.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  // A host's `fetch` may ignore the signal, and a body may never end: every wait is raced against
  // the abort, so a timeout or a disconnect ends the call whatever the host's function does.
  const aborted = new Promise<never>((_, reject) => own.signal.addEventListener('abort', () => reject(own.signal.reason), { once: true }));
  aborted.catch(() => {}); // nobody may be racing it when it fires
  const unlessAborted = <V>(work: Promise<V>): Promise<V> => Promise.race([work, aborted]);
  try {
    let response: Response;
    const sentAt = Date.now();
    try {
      response = await unlessAborted(fetch(baseUrl.replace(/\/+$/, '') + path, {
        method,
        headers: { Accept: 'application/json', ...(body && { 'Content-Type': 'application/json' }), ...headers },
        body: body ? JSON.stringify(body) : null,
        credentials: 'same-origin',
        // The contract has no redirects: an API call that is redirected is a session sent to a
        // sign-in page (how Suite pages end one), also when that page is on another origin.
        redirect: 'manual',
        signal: own.signal,
      }));
    } catch {
      stopIfAborted();
      throw new BackupApiError('network');
    }
    // A host's own `fetch` might resolve with anything: only a Response-like value is read.
    if (!isObject(response) || typeof response.status !== 'number' || typeof response.json !== 'function') {
      throw new BackupApiError('invalid_response');
    }
    const date = response.headers?.get?.('Date');
    clock?.observe(date, sentAt, Date.now());
    // A redirect, followed or not (a host's `fetch` may ignore `redirect: 'manual'`; WebKit does not
    // always say `redirected`, but the answer then comes from another URL).
    const { status } = response;
    if (response.type === 'opaqueredirect' || response.redirected || (status >= 300 && status < 400) || movedAway(response.url, baseUrl + path)) {
      throw new BackupApiError('unauthorized', status || undefined);
    }
    let json: unknown;
    try {
      json = await unlessAborted(response.json());
    } catch {
      // Not JSON: left undefined, which no validator accepts.
    }
    stopIfAborted();
    if (status === successStatus && isValid(json)) return json;
    // Anything else is an error (a success status whose body is off the contract included: it
    // falls through to invalid_response). 403 and 409 also depend on the body's `error`.
    const { error, nextRequestAt }: Record<string, unknown> = isObject(json) ? json : {};
    const kind: ApiErrorKind =
      status === 401 ? 'unauthorized'
      : status === 403 ? (error === 'plan_not_eligible' ? error : 'forbidden')
      : status === 409 && (error === 'not_ready' || error === 'not_cancellable' || (error === 'cooldown' && isString(nextRequestAt))) ? error
      : status === 410 ? 'expired'
      : status === 429 ? 'rate_limited'
      : status >= 500 ? 'server'
      : 'invalid_response';
    throw new BackupApiError(
      kind,
      status,
      kind === 'cooldown' ? (nextRequestAt as string) : undefined,
      kind === 'rate_limited' ? parseRetryAfter(response.headers?.get?.('Retry-After'), serverTime(date)) : undefined,
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

/** `GET /backups` */
export const listBackups = (options: ClientOptions): Promise<BackupList> => call(options, 'GET', '/backups', isBackupList, 200);

/** `POST /backups`: one `idempotencyKey` per confirmation; a retry of that confirmation reuses it. */
export const requestBackup = (options: ClientOptions, idempotencyKey: string): Promise<Backup> =>
  call(options, 'POST', '/backups', isBackup, 201, {}, { 'Idempotency-Key': idempotencyKey });

/** `POST /backups/{id}/download`: the user has accepted the download terms. */
export const issueDownload = (options: ClientOptions, backupId: string): Promise<DownloadCredentials> =>
  call(options, 'POST', `/backups/${encodeURIComponent(backupId)}/download`, isDownloadCredentials, 200, { termsAccepted: true });

/**
 * `DELETE /backups/{id}` (v1.1): cancel a request still awaiting release. Resolves with the backup,
 * now `cancelled`; a `409 not_cancellable` (the cloud team has already started) rejects with that kind.
 */
export const cancelBackup = (options: ClientOptions, backupId: string): Promise<Backup> =>
  call(options, 'DELETE', `/backups/${encodeURIComponent(backupId)}`, isBackup, 200);
