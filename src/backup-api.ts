/**
 * The HTTP client of the backend contract (v1): one function per endpoint, every body validated at
 * run time, every failure turned into one typed {@link BackupApiError} the UI can explain.
 */
import type { Backup, BackupList, DownloadCredentials } from './backup-types.js';

export type ApiErrorKind =
  | 'unauthorized'
  | 'plan_not_eligible'
  | 'forbidden'
  | 'cooldown'
  | 'not_ready'
  | 'expired'
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
    /** `rate_limited`: how long to wait before trying again, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(kind);
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
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/** When a 429 names no usable `Retry-After`. */
const DEFAULT_RETRY_AFTER_MS = 30_000;
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const optional = (v: unknown, test: (v: unknown) => boolean) => v === undefined || v === null || test(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function isBackup(v: unknown): v is Backup {
  return (
    isObject(v) &&
    isString(v.id) &&
    isString(v.status) &&
    isString(v.requestedAt) &&
    optional(v.requestedBy, isString) &&
    optional(v.readyAt, isString) &&
    optional(v.expiresAt, isString) &&
    optional(v.sizeBytes, isFiniteNumber) &&
    optional(v.fileName, isString) &&
    optional(v.sha256, isString)
  );
}

export function isBackupList(v: unknown): v is BackupList {
  return isObject(v) && Array.isArray(v.backups) && v.backups.every(isBackup) && optional(v.nextRequestAt, isString);
}

export function isDownloadCredentials(v: unknown): v is DownloadCredentials {
  return (
    isObject(v) &&
    isString(v.host) &&
    isFiniteNumber(v.port) &&
    isString(v.username) &&
    isString(v.privateKey) &&
    isString(v.path) &&
    optional(v.expiresAt, isString)
  );
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number {
  if (header) {
    const trimmed = header.trim();
    // Capped at a day: a longer wait is a broken header, and setTimeout overflows past 2^31 ms.
    if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
    // Every HTTP-date form starts with a day name; Date.parse alone reads garbage such as "-5" or
    // "1.5" as dates in some engines (Chromium), which would mean "retry now".
    const at = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i.test(trimmed) ? Date.parse(trimmed) : NaN;
    if (Number.isFinite(at)) return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
  }
  return DEFAULT_RETRY_AFTER_MS;
}

/** A random v4 UUID; `crypto.randomUUID` exists only in secure contexts, so fall back to getRandomValues. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function url(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Sends one request and maps every outcome to a validated value or a typed error. */
async function call<T>(
  options: ClientOptions,
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> },
  isValid: (body: unknown) => body is T,
  successStatus: number,
): Promise<T> {
  const { signal, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  signal?.throwIfAborted();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await options.fetch(url(options.baseUrl, path), {
        method: init.method,
        headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
        body: init.body ? JSON.stringify(init.body) : null,
        credentials: 'same-origin',
        signal: controller.signal,
      });
    } catch {
      if (signal?.aborted) throw signal.reason;
      throw new BackupApiError(timedOut ? 'timeout' : 'network');
    }
    // A host's own `fetch` might resolve with anything: only a Response-like value is read.
    if (!isObject(response) || typeof response.status !== 'number' || typeof response.json !== 'function') {
      throw new BackupApiError('invalid_response');
    }
    const body = await readJson(response);
    if (signal?.aborted) throw signal.reason;
    if (timedOut) throw new BackupApiError('timeout');
    const { status } = response;
    if (status === successStatus) {
      if (isValid(body)) return body;
      throw new BackupApiError('invalid_response', status);
    }
    const code = isObject(body) && isString(body.error) ? body.error : undefined;
    if (status === 401) throw new BackupApiError('unauthorized', status);
    if (status === 403) throw new BackupApiError(code === 'plan_not_eligible' ? 'plan_not_eligible' : 'forbidden', status);
    if (status === 429) throw new BackupApiError('rate_limited', status, undefined, parseRetryAfter(response.headers?.get?.('Retry-After') ?? null));
    if (status === 409 && code === 'cooldown' && isObject(body) && isString(body.nextRequestAt)) {
      throw new BackupApiError('cooldown', status, body.nextRequestAt);
    }
    if (status === 409 && code === 'not_ready') throw new BackupApiError('not_ready', status);
    if (status === 410) throw new BackupApiError('expired', status);
    if (status >= 500) throw new BackupApiError('server', status);
    throw new BackupApiError('invalid_response', status);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

/** `GET /backups` */
export function listBackups(options: ClientOptions): Promise<BackupList> {
  return call(options, '/backups', { method: 'GET' }, isBackupList, 200);
}

/** `POST /backups`: one `idempotencyKey` per confirmation; a retry of that confirmation reuses it. */
export function requestBackup(options: ClientOptions, idempotencyKey: string): Promise<Backup> {
  return call(options, '/backups', { method: 'POST', body: {}, headers: { 'Idempotency-Key': idempotencyKey } }, isBackup, 201);
}

/** `POST /backups/{id}/download`: the user has accepted the download terms. */
export function issueDownload(options: ClientOptions, backupId: string): Promise<DownloadCredentials> {
  return call(
    options,
    `/backups/${encodeURIComponent(backupId)}/download`,
    { method: 'POST', body: { termsAccepted: true } },
    isDownloadCredentials,
    200,
  );
}
