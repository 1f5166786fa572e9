/**
 * The kit's HTTP side: every call goes through {@link Client.send}, which records the exchange (the
 * checks judge the record, not a live response), keeps the run inside its time budget and honours a
 * `429`'s `Retry-After` with a floor, the way the element does.
 */

/** One call and its answer, as the checks see it. */
export interface Exchange {
  method: string;
  /** Relative to the base URL, e.g. `/backups/b-7/download`. */
  path: string;
  /** `null`: no answer (network failure, timeout). */
  status: number | null;
  /** Why there was no answer. */
  failure?: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON. */
  body: unknown;
  /** The body's text (for messages). */
  text: string;
  /** The server's clock when it answered (`Date`), or `null` when the header is missing or unreadable. */
  serverTime: number | null;
  /** This machine's clock when the answer came. */
  receivedAt: number;
}

export interface ClientOptions {
  baseUrl: string;
  /** Sent with every call (the session: cookies, CSRF token, authorization). */
  headers?: [string, string][];
  fetch?: typeof fetch;
  /** This machine's clock, in ms. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The whole run ends by this `clock()` time; no wait may go past it. */
  deadline: number;
  /** One call gives up after this long. */
  requestTimeoutMs?: number;
  /** A `Retry-After` is never honoured below this. */
  retryFloorMs?: number;
  /** How many times one call is retried after a `429`. */
  maxRetries?: number;
}

/** The run's time budget is spent; the message says on what. */
export class BudgetSpent extends Error {
  override name = 'BudgetSpent';
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
/** The element's own floor is higher; one second keeps a run short and still never hammers a server. */
export const RETRY_FLOOR_MS = 1_000;
export const MAX_RETRIES = 3;

const DELAY_SECONDS = /^\d+$/;

/**
 * How long a `Retry-After` asks to wait, in ms, never below `floorMs`; `null` when the value is not
 * one the contract allows (the `retry-after` check reports that; the call is then not retried).
 * An HTTP date is read against the server's own clock (`serverTime`, from `Date`) when there is one.
 */
export function retryDelay(value: string | undefined, serverTime: number | null, now: number, floorMs = RETRY_FLOOR_MS): number | null {
  const text = (value ?? '').trim();
  let ms: number;
  if (DELAY_SECONDS.test(text)) ms = Number(text) * 1000;
  else if (/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), /.test(text) && Number.isFinite(Date.parse(text))) ms = Date.parse(text) - (serverTime ?? now);
  else return null;
  return Math.max(floorMs, ms);
}

/** `Date` as ms, or `null` when it is not an HTTP date. */
export function httpDate(value: string | undefined): number | null {
  if (!value || !/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), /.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

export class Client {
  /** Every exchange, 429s and all, in order. */
  readonly exchanges: Exchange[] = [];
  /** Each wait the server asked for: how long, after which call. */
  readonly waits: { ms: number; after: string }[] = [];
  readonly #options: Required<Omit<ClientOptions, 'headers'>> & { headers: [string, string][] };

  constructor(options: ClientOptions) {
    this.#options = {
      fetch: globalThis.fetch,
      clock: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
      retryFloorMs: RETRY_FLOOR_MS,
      maxRetries: MAX_RETRIES,
      headers: [],
      ...options,
    };
  }

  /** ms left of the run's budget. */
  get left(): number {
    return this.#options.deadline - this.#options.clock();
  }

  /**
   * One call, retried after a `429` that carries a usable `Retry-After` (at most `maxRetries` times,
   * each wait at least the floor). Throws {@link BudgetSpent} when the budget cannot cover the
   * call or the wait; never throws for what the server does.
   */
  async send(method: string, path: string, { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Exchange> {
    for (let attempt = 0; ; attempt++) {
      const exchange = await this.#once(method, path, body, headers);
      if (exchange.status !== 429 || attempt >= this.#options.maxRetries) return exchange;
      const wait = retryDelay(exchange.headers['retry-after'], exchange.serverTime, exchange.receivedAt, this.#options.retryFloorMs);
      if (wait === null) return exchange;
      const call = `${method} ${path}`;
      if (wait > this.left) {
        throw new BudgetSpent(
          `${call} answered 429 with Retry-After: ${exchange.headers['retry-after']}, a wait of ${Math.ceil(wait / 1000)} s, and only ${Math.max(0, Math.floor(this.left / 1000))} s are left of the run (--max-seconds)`,
        );
      }
      this.waits.push({ ms: wait, after: call });
      await this.#options.sleep(wait);
    }
  }

  async #once(method: string, path: string, body: unknown, extra: Record<string, string>): Promise<Exchange> {
    const { baseUrl, clock, requestTimeoutMs } = this.#options;
    const left = this.left;
    if (left <= 0) throw new BudgetSpent(`no time was left for ${method} ${path} (--max-seconds)`);
    const headers = new Headers({ Accept: 'application/json' });
    for (const [name, value] of this.#options.headers) headers.append(name, value);
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    const exchange: Exchange = { method, path, status: null, headers: {}, body: undefined, text: '', serverTime: null, receivedAt: 0 };
    try {
      const response = await this.#options.fetch(baseUrl.replace(/\/+$/, '') + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        // A redirect is an answer of its own: the element reads one (to a login page) as an
        // expired session, so the kit must see it, not follow it.
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.min(requestTimeoutMs, left)),
      });
      exchange.status = response.status;
      response.headers.forEach((value, name) => (exchange.headers[name.toLowerCase()] = value));
      exchange.text = await response.text();
      try {
        exchange.body = exchange.text ? JSON.parse(exchange.text) : undefined;
      } catch {
        // Not JSON: left undefined, which no schema of the contract accepts.
      }
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      exchange.failure =
        (error as Error).name === 'TimeoutError' ? `no answer within ${Math.round(Math.min(requestTimeoutMs, left) / 1000)} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    }
    exchange.receivedAt = clock();
    exchange.serverTime = httpDate(exchange.headers['date']);
    this.exchanges.push(exchange);
    return exchange;
  }
}
