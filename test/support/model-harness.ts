/**
 * What the model-based tests (`test/resilience/model.test.ts`) see of the world, and nothing of the element's
 * private state:
 * - the wire: every API call as it leaves the page (`window.fetch`, which the element looks up
 *   late), why it left (the step that was running), and how it was answered, classified by the
 *   brief's contract;
 * - a fake clock the tests drive: awake time that passes (timers run), sleeps and device clock
 *   changes that move `Date` without running timers;
 * - the element as a user finds it: controls by role and visible label, rows, where focus is.
 */
import { install } from '@sinonjs/fake-timers';

// Captured at load, before any fake clock: the harness's own waits run on real time.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
const realNow = performance.now.bind(performance);

/** Waits `ms` of real time (also under fake timers). */
export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, ms));

/** A macrotask of its own, without the 4 ms clamp of nested `setTimeout(0)` (a MessageChannel's message). */
const channel = new MessageChannel();
const waitingForTask: (() => void)[] = [];
channel.port1.onmessage = () => waitingForTask.shift()?.();
export const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    waitingForTask.push(resolve);
    channel.port2.postMessage(null);
  });

/** Rejects if `work` takes longer than `ms` of real time (a step that never ends would hang the whole file). */
export async function withinRealTime<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = realSetTimeout(() => reject(new Error(`harness: "${what}" took more than ${ms / 1000} s of real time`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    realClearTimeout(timer);
  }
}

/** Real milliseconds since some origin (also under fake timers). */
export const realTime = (): number => realNow();

/** A broken invariant: the message says what a user would have seen. */
export class Violation extends Error {
  override name = 'Violation';
  constructor(message: string) {
    super(message);
    // The report is the message: where in the harness it was noticed says nothing about the element.
    this.stack = `Violation: ${message}`;
  }
}

// ——— The clock ———

export type FakeClock = ReturnType<typeof install>;

/** The clock installed on the page, whoever installed it: a second install would throw. */
let installed: FakeClock | undefined;

/**
 * `Date`, `performance.now()` and the timers, faked. Awake time ({@link pass}) runs timers; a
 * {@link jump} moves `Date` only, as a laptop's sleep or a device clock change does.
 */
export class Clock {
  #fake?: FakeClock;
  #jumped = 0;

  install(now: number): void {
    installed?.uninstall();
    installed = this.#fake = install({
      now,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
      shouldClearNativeTimers: true,
    });
    this.#jumped = 0;
  }

  uninstall(): void {
    if (this.#fake && this.#fake === installed) {
      installed.uninstall();
      installed = undefined;
    }
    this.#fake = undefined;
  }

  /** Awake milliseconds since the run began: what rates and waits are measured in (jumps excluded). */
  get awake(): number {
    return Date.now() - this.#jumped;
  }

  /**
   * Lets `ms` of awake time pass, from one timer to the next: after each instant at which timers
   * ran, `quiet` waits (in real time) until what they sent is answered. Time never runs on while a
   * call is on the wire (a real answer takes a few real milliseconds, and the element's own time
   * limit must not fire in between), unless the test holds its answer on purpose.
   */
  async pass(ms: number, quiet: () => Promise<void>): Promise<void> {
    const fake = this.#fake!;
    const end = fake.now + ms;
    // One timer at a time, each in a task of its own as in a browser (the promises it settles run before the next).
    for (let fired = 0; this.#nextTimerAt() <= end; fired++) {
      if (fired > 20_000) throw new Violation(`[timers] the element kept setting timers due at once: more than 20000 in ${ms} ms of fake time`);
      fake.next();
      await nextTask();
      await quiet();
    }
    fake.tick(end - fake.now);
    await nextTask();
  }

  /**
   * When the next timer is due. fake-timers keeps its timers in `clock.timers` (a Map of
   * `{ callAt }`, made with the first timer) and has no public way to peek at the next one.
   */
  #nextTimerAt(): number {
    const fake = this.#fake!;
    const timers = (fake as unknown as { timers?: unknown }).timers;
    if (timers === undefined) return Infinity;
    if (!(timers instanceof Map)) throw new Error('harness: @sinonjs/fake-timers no longer keeps its timers in clock.timers (a Map); see Clock.pass');
    let next = Infinity;
    for (const timer of (timers as Map<number, { callAt: number }>).values()) next = Math.min(next, timer.callAt);
    return next;
  }

  /** Moves `Date` by `ms` without running any timer. */
  jump(ms: number): void {
    this.#fake!.setSystemTime(Date.now() + ms);
    this.#jumped += ms;
  }
}

// ——— The wire ———

export type Base = '/api' | '/api2';
export const BASES: readonly Base[] = ['/api', '/api2'];

/** Why a call left the page: the kind of step that was running. Only `timer` calls are the element's own initiative. */
export type Cause = 'setup' | 'click' | 'host' | 'visibility' | 'jump' | 'timer';

/**
 * How a call ended. `ok` and `refusal` (409 cooldown/not_ready/not_cancellable, 410) are the
 * contract's answers; the others are failures; `aborted` is the element's own abort.
 */
export type Outcome = 'ok' | 'refusal' | 'rate-limited' | 'server' | 'network' | 'timeout' | 'invalid' | 'session' | 'forbidden' | 'other' | 'aborted';

export const isFailure = (outcome: Outcome | undefined): boolean => outcome !== undefined && outcome !== 'ok' && outcome !== 'refusal' && outcome !== 'aborted';

export interface Call {
  /** Its index in {@link Wire.calls}. */
  n: number;
  base: Base;
  method: string;
  /** Relative to the base, e.g. `/backups`. */
  path: string;
  /** `GET /backups`. */
  list: boolean;
  /** Calls that retry each other share one: the base, the method and the path. */
  channel: string;
  cause: Cause;
  /** Awake time it left at. */
  sentAt: number;
  /** Its place in the order of things that happened (see {@link Wire.nextSeq}). */
  sentSeq: number;
  answeredSeq?: number;
  hidden: boolean;
  key?: string;
  answeredAt?: number;
  outcome?: Outcome;
  status?: number;
  retryAfter?: string | null;
  /** The parsed body of an `ok` answer. */
  body?: unknown;
  /** The base the element was pointed at when the answer came. */
  baseAtAnswer?: Base;
  /** Its backend's own clock when it left (the mock handles it at once: what a lagging list lags behind). */
  serverAt: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBackupShape = (v: unknown): boolean => isObject(v) && typeof v.id === 'string' && typeof v.status === 'string' && typeof v.requestedAt === 'string';
const isListShape = (v: unknown): boolean =>
  isObject(v) && Array.isArray(v.backups) && v.backups.every(isBackupShape) && (v.nextRequestAt === undefined || v.nextRequestAt === null || typeof v.nextRequestAt === 'string');
const isCredentialsShape = (v: unknown): boolean =>
  isObject(v) && typeof v.host === 'string' && typeof v.port === 'number' && typeof v.username === 'string' && typeof v.privateKey === 'string' && typeof v.path === 'string';

/** The brief's contract, read from the outside: what kind of answer a call got. */
function classify(call: Call, response: Response, body: unknown): Outcome {
  const { status } = response;
  const error = isObject(body) ? body.error : undefined;
  // A session that ends in a redirect to an HTML sign-in page (fetch follows it).
  if (response.redirected && !(response.headers.get('Content-Type') ?? '').includes('json')) return 'session';
  if (status === 401) return 'session';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  if (call.list) return status === 200 && isListShape(body) ? 'ok' : status < 300 ? 'invalid' : 'other';
  if (call.method === 'POST' && call.path === '/backups') {
    if (status === 201 && isBackupShape(body)) return 'ok';
    if (status === 409 && error === 'cooldown') return 'refusal';
  } else if (call.method === 'POST' && call.path.endsWith('/download')) {
    if (status === 200 && isCredentialsShape(body)) return 'ok';
    if ((status === 409 && error === 'not_ready') || status === 410) return 'refusal';
  } else if (call.method === 'DELETE') {
    if (status === 200 && isBackupShape(body)) return 'ok';
    if (status === 409 && error === 'not_cancellable') return 'refusal';
  }
  return status < 300 ? 'invalid' : 'other';
}

/** The element's default `timeout`: an abort this long after a call left is its own time limit. */
const ELEMENT_TIMEOUT_MS = 20_000;

interface Held {
  until: number;
  release(): void;
}

/**
 * Every API call of either base as it leaves the page, and its answer. Installed once per page on
 * top of whatever `window.fetch` is then (the element looks `fetch` up at each call).
 *
 * A slow answer ({@link slowNext}) is slow in the element's time: the backend handles the call at
 * once, and the answer is held until that much awake time has passed ({@link release}), so timers,
 * clicks and the element's own time limit can happen while it is on the wire.
 */
export class Wire {
  calls: Call[] = [];
  cause: Cause = 'setup';
  /** Set by the test: awake time, the base in force, and what to do once an answer is read. */
  awake: () => number = () => Date.now();
  currentBase: () => Base = () => '/api';
  serverNow: (base: Base) => number = () => Date.now();
  answered: (call: Call) => void = () => {};
  /** Calls on the wire and not held. */
  #inFlight = 0;
  #idle: (() => void)[] = [];
  #held: Held[] = [];
  #slow: Partial<Record<Base, number>> = {};
  #sent: ((call: Call) => void)[] = [];
  #seq = 0;
  /** Calls let through in the step under way, and how many are (see {@link beginStep}). */
  #stepCalls = 0;
  #stepLimit = Infinity;
  /** Counts sends, answers and releases: unchanged means nothing happened on the wire. */
  activity = 0;
  /** How many calls there were when the step under way began. */
  stepStart = 0;
  /** Set when a step tried to send more calls than its limit: the calls beyond it were held, never sent. */
  burst = 0;
  /** Calls of an earlier run still on the wire are not this run's. */
  #generation = 0;

  constructor() {
    const inner = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      const base = BASES.find((b) => url.pathname.startsWith(`${b}/`));
      if (url.origin !== location.origin || !base) return inner(input, init);
      if (++this.#stepCalls > this.#stepLimit) {
        this.burst++;
        return new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal;
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      }
      return this.#track(inner, base, url, input, init);
    };
  }

  /** One counter for sends, answers and events: what happened before what, while fake time stands still. */
  nextSeq(): number {
    return ++this.#seq;
  }

  /** Calls on the wire whose answer is not held. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves once no call is on the wire (held ones aside). */
  whenIdle(): Promise<void> {
    return this.#inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  #done(): void {
    if (--this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Calls whose answer is held (slow). */
  get held(): number {
    return this.#held.length;
  }

  /** The next call to `base` gets its answer only after `ms` of awake time (`null`: at the usual speed after all). */
  slowNext(base: Base, ms: number | null): void {
    if (ms === null) delete this.#slow[base];
    else this.#slow[base] = ms;
  }

  /** Awake time at which the next held answer is due, or Infinity. */
  get nextRelease(): number {
    return Math.min(Infinity, ...this.#held.map((h) => h.until));
  }

  /** Lets every held answer whose time has come reach the element (on the wire again until it is read). */
  release(): void {
    const now = this.awake();
    const due = this.#held.filter((h) => h.until <= now);
    this.#held = this.#held.filter((h) => h.until > now);
    for (const h of due) {
      this.#inFlight++;
      this.activity++;
      h.release();
    }
  }

  /**
   * Resolves with the first call matching `test` that leaves the page within `ms` of real time (at
   * once, in the task of its fetch), or with null.
   */
  whenSent(test: (call: Call) => boolean, ms: number): Promise<Call | null> {
    return new Promise((resolve) => {
      const done = (call: Call | null) => {
        this.#sent = this.#sent.filter((l) => l !== listener);
        realClearTimeout(timer);
        resolve(call);
      };
      const listener = (call: Call) => test(call) && done(call);
      const timer = realSetTimeout(() => done(null), ms);
      this.#sent.push(listener);
    });
  }

  get stepLimit(): number {
    return this.#stepLimit;
  }

  /**
   * A new step begins: at most `limit` calls may leave in it. A storm (an answer that makes the
   * element send again at once, again and again) would otherwise never let the step end: the calls
   * beyond the limit are held, never sent nor answered (an abort still ends them), and counted in {@link burst}.
   */
  beginStep(cause: Cause, limit: number): void {
    this.stepStart = this.calls.length;
    this.cause = cause;
    this.#stepCalls = 0;
    this.#stepLimit = limit;
    this.burst = 0;
  }

  /** Forgets the calls of the run before (and drops the answers it still held). */
  reset(): void {
    this.calls = [];
    this.cause = 'setup';
    this.burst = 0;
    this.#stepLimit = Infinity;
    this.#held = [];
    this.#slow = {};
    this.#sent = [];
    this.#generation++;
  }

  async #track(inner: typeof fetch, base: Base, url: URL, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const path = url.pathname.slice(base.length);
    const key = new Headers(init?.headers).get('Idempotency-Key') ?? undefined;
    const list = method === 'GET' && path === '/backups';
    const call: Call = {
      n: this.calls.length,
      base,
      method,
      path,
      list,
      channel: `${base} ${method} ${path}`,
      cause: this.cause,
      sentAt: this.awake(),
      sentSeq: this.nextSeq(),
      serverAt: this.serverNow(base),
      hidden: document.hidden,
      ...(key !== undefined && { key }),
    };
    this.calls.push(call);
    const slow = this.#slow[base];
    delete this.#slow[base];
    const generation = this.#generation;
    const mine = () => generation === this.#generation;
    const signal = init?.signal;
    const settle = (outcome: Outcome) => {
      if (!mine()) return;
      // The element gives up on its own after its time limit: that is a failed call, not a choice.
      if (outcome === 'aborted' && this.awake() - call.sentAt >= ELEMENT_TIMEOUT_MS) outcome = 'timeout';
      call.outcome = outcome;
      call.answeredAt = this.awake();
      call.answeredSeq = this.nextSeq();
      this.activity++;
      call.baseAtAnswer = this.currentBase();
      this.answered(call);
    };
    this.activity++;
    for (const listener of [...this.#sent]) listener(call);
    this.#inFlight++;
    let counted = true;
    try {
      let response: Response;
      let text: string;
      try {
        response = await inner(input, init);
        text = await response.clone().text();
        if (slow !== undefined && mine()) {
          this.#done();
          counted = false;
          await new Promise<void>((resolve, reject) => {
            const held: Held = { until: call.sentAt + slow, release: resolve };
            this.#held.push(held);
            // Aborted while held: it is no longer on the wire at all.
            signal?.addEventListener('abort', () => {
              this.#held = this.#held.filter((h) => h !== held);
              reject(signal.reason);
            }, { once: true });
          });
          // release() counted it as on the wire again.
          counted = true;
        }
      } catch (error) {
        settle(signal?.aborted ? 'aborted' : 'network');
        throw error;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      call.status = response.status;
      if (response.status === 429) call.retryAfter = response.headers.get('Retry-After');
      const outcome = signal?.aborted ? 'aborted' : classify(call, response, body);
      if (outcome === 'ok') call.body = body;
      settle(outcome);
      // The element reads the body next (unless it was redirected or gave up): the call is on the
      // wire until it has, or fake time could run on to the element's own time limit meanwhile (a
      // body takes Firefox a few tasks to hand over).
      const redirect = response.type === 'opaqueredirect' || response.redirected || (response.status >= 300 && response.status < 400);
      if (signal?.aborted || redirect) return response;
      counted = false;
      return this.#untilRead(response);
    } finally {
      if (counted) this.#done();
    }
  }

  /** `response`, whose call is done once its body has been read (`json()` or `text()` settled). */
  #untilRead(response: Response): Response {
    let open = true;
    const close = () => {
      if (open) (open = false), this.#done();
    };
    return new Proxy(response, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (prop === 'json' || prop === 'text') return (...args: unknown[]) => (method.apply(target, args) as Promise<unknown>).finally(close);
        return method.bind(target);
      },
    });
  }
}

// ——— The element as a user finds it ———

const fold = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** What a control says on screen. */
export const visibleLabel = (node: Element): string => fold(node.textContent);

export const shadowOf = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;

/** The open window, or null. */
export const openWindow = (el: Element): HTMLDialogElement | null => shadowOf(el).querySelector('dialog[open]');

/** Buttons on the page behind the windows. */
export const pageButtons = (el: Element): HTMLButtonElement[] => [...shadowOf(el).querySelectorAll('button')].filter((b) => !b.closest('dialog'));

/** Buttons in the open window. */
export const windowButtons = (el: Element): HTMLButtonElement[] => [...(openWindow(el)?.querySelectorAll('button') ?? [])];

export const byLabel = (buttons: HTMLButtonElement[], label: string): HTMLButtonElement[] => buttons.filter((b) => visibleLabel(b) === label);

/** The rows of the list, as text. */
export const rowTexts = (el: Element): string[] => [...shadowOf(el).querySelectorAll('tbody tr')].map((tr) => fold(tr.textContent));

/** The status label of every row. */
export const rowStatuses = (el: Element): string[] => [...shadowOf(el).querySelectorAll('tbody [part~="status"]')].map((s) => fold(s.textContent));

/** The instant of the next-request date shown, or null when none is. */
export function nextRequestShown(el: Element): number | null {
  const time = shadowOf(el).querySelector('[part~="next-request"] time[datetime]');
  const ms = time ? Date.parse(time.getAttribute('datetime') ?? '') : NaN;
  return Number.isFinite(ms) ? ms : null;
}

function describe(node: Element | null): string {
  if (!node) return 'nothing';
  const id = node.id ? `#${node.id}` : '';
  const text = fold(node.textContent).slice(0, 60);
  return `<${node.localName}${id}>${text ? ` "${text}"` : ' (empty)'}`;
}

function accessibleName(node: Element): string {
  const label = node.getAttribute('aria-label');
  if (label && fold(label)) return fold(label);
  const labelledBy = node.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = node.getRootNode() as ShadowRoot | Document;
    const text = labelledBy
      .split(/\s+/)
      .map((id) => fold(root.getElementById?.(id)?.textContent))
      .join(' ');
    if (fold(text)) return fold(text);
  }
  if (node instanceof HTMLInputElement) return fold([...(node.labels ?? [])].map((l) => l.textContent).join(' '));
  return fold(node.textContent);
}

/**
 * Why focus is not on a visible control with a name inside the element, or null when it is. The
 * chain is followed through the shadow root; a control is a button, link, form field or summary.
 */
export function focusProblem(el: Element): string | null {
  const outer = document.activeElement;
  if (outer !== el) return `focus is on ${describe(outer)}, outside the element`;
  const inner = shadowOf(el).activeElement;
  if (!inner) return 'focus is on the element itself, on no control inside it';
  if (!inner.matches('button, a[href], input, select, textarea, summary')) return `focus is on ${describe(inner)}, which is not a control`;
  if ((inner as HTMLButtonElement).disabled) return `focus is on ${describe(inner)}, which is disabled`;
  if (!accessibleName(inner)) return `focus is on ${describe(inner)}, which has no name`;
  const box = inner.getBoundingClientRect();
  const hidden =
    !inner.checkVisibility({ visibilityProperty: true }) ||
    box.width === 0 ||
    box.height === 0 ||
    !!inner.closest('[inert], dialog:not([open])');
  if (hidden) return `focus is on ${describe(inner)}, which is not visible`;
  return null;
}
