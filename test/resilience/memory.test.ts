/**
 * Memory: 1,000 connect/disconnect cycles of one element leave nothing behind: no listeners on
 * `document`, no live timers, no pending fetches.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import type { FetchLike } from '../../src/api/client.js';
import '../../src/define.js';
import { listSettled, rows, sleep, until } from '../support/helpers.js';
import { DAY_MS, iso } from '../../mocks/time.js';

/** A list with a pending backup (so polling is scheduled) and a ready one (so the expiry tick is). */
const LIST = () => ({
  backups: [
    { id: 'p', status: 'in_progress', requestedAt: iso(Date.now() - DAY_MS) },
    { id: 'r', status: 'ready', requestedAt: iso(Date.now() - 30 * DAY_MS), readyAt: iso(Date.now() - DAY_MS), expiresAt: iso(Date.now() + 9 * DAY_MS) },
  ],
  nextRequestAt: iso(Date.now() + DAY_MS),
});

interface Tracker {
  listeners: Map<string, number>;
  /** Pending timers set by the element's code (`src/`). */
  timers: Set<number>;
  fetches: { started: number; pending: number };
  fetch: FetchLike;
  restore(): void;
}

function track(): Tracker {
  const t: Tracker = { listeners: new Map(), timers: new Set(), fetches: { started: 0, pending: 0 }, fetch: null as never, restore: () => {} };
  const add = document.addEventListener;
  const remove = document.removeEventListener;
  const registered = new Set<string>();
  // Counts distinct (type, listener) pairs, as the DOM does.
  const id = new WeakMap<object, number>();
  let next = 0;
  const keyOf = (type: string, listener: EventListenerOrEventListenerObject | null) => {
    if (!listener) return null;
    if (!id.has(listener)) id.set(listener, next++);
    return `${type}#${id.get(listener)}`;
  };
  document.addEventListener = function (this: Document, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    const key = keyOf(type, listener);
    if (key && !registered.has(key) && !(typeof options === 'object' && options?.once)) {
      registered.add(key);
      t.listeners.set(type, (t.listeners.get(type) ?? 0) + 1);
    }
    return add.call(this, type, listener as EventListenerOrEventListenerObject, options);
  } as typeof document.addEventListener;
  document.removeEventListener = function (this: Document, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    const key = keyOf(type, listener);
    if (key && registered.delete(key)) t.listeners.set(type, (t.listeners.get(type) ?? 1) - 1);
    return remove.call(this, type, listener as EventListenerOrEventListenerObject, options);
  } as typeof document.removeEventListener;

  const setT = window.setTimeout;
  const clearT = window.clearTimeout;
  window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const handle: number = setT(
      (...a: unknown[]) => {
        t.timers.delete(handle);
        if (typeof fn === 'function') (fn as (...x: unknown[]) => void)(...a);
      },
      ms,
      ...args,
    );
    // Only the element's own timers count (the test helpers leave their own timeouts pending).
    if (/:\d+\/src\//.test(new Error().stack ?? '')) t.timers.add(handle);
    return handle;
  }) as typeof setTimeout;
  window.clearTimeout = ((handle?: number) => {
    if (handle !== undefined) t.timers.delete(handle);
    clearT(handle);
  }) as typeof clearTimeout;

  // An in-page backend: answers after a few ms, honours abort like fetch does.
  t.fetch = (_input, init) => {
    t.fetches.started++;
    t.fetches.pending++;
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const done = () => {
        if (!settled) {
          settled = true;
          t.fetches.pending--;
        }
      };
      const timer = setT(() => {
        done();
        resolve(Response.json(LIST()));
      }, 5);
      init.signal?.addEventListener(
        'abort',
        () => {
          clearT(timer);
          done();
          reject(init.signal!.reason ?? new DOMException('Aborted', 'AbortError'));
        },
        { once: true },
      );
    });
  };

  t.restore = () => {
    document.addEventListener = add;
    document.removeEventListener = remove;
    window.setTimeout = setT;
    window.clearTimeout = clearT;
  };
  return t;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('1,000 connect/disconnect cycles', () => {
  let tracker: Tracker | undefined;
  afterEach(() => tracker?.restore());

  it('leave no listeners on document, no live timers and no pending fetches', async function () {
    this.timeout(20_000);
    tracker = track();
    const t = tracker;
    const el = await fixture<AccountBackupTab>(html`<account-backup-tab lang="pt-BR" poll-interval="30" .fetch=${t.fetch}></account-backup-tab>`);
    el.baseUrl = '/api';
    await until(() => listSettled(el), 'no first load');
    await el.updateComplete;
    await sleep(20);
    const baseline = { listeners: total(t.listeners), timers: t.timers.size, pending: t.fetches.pending, started: t.fetches.started };
    expect(baseline.listeners, 'the element listens to visibilitychange while connected').to.equal(1);
    expect(baseline.timers, 'the poll and the tick').to.equal(2);
    expect(baseline.pending).to.equal(0);

    const parent = el.parentElement!;
    // Lit's public addController: hostUpdate() runs once in every update of the element.
    let updates = 0;
    const counter = { hostUpdate: () => void updates++ };
    el.addController(counter);
    for (let i = 0; i < 1000; i++) {
      el.remove();
      parent.append(el);
      // Every tenth cycle lets the load start and the update run before the next disconnect.
      if (i % 10 === 0) await el.updateComplete;
    }
    await until(() => listSettled(el), 'the last load did not finish', { timeout: 8000 });
    await el.updateComplete;
    await sleep(20);
    el.removeController(counter);

    expect(total(t.listeners), 'listeners on document').to.be.at.most(baseline.listeners);
    expect(t.timers.size, 'live timers').to.be.at.most(baseline.timers);
    expect(t.fetches.pending, 'pending fetches').to.equal(0);
    expect(t.fetches.started - baseline.started, 'one load per reconnect').to.be.at.most(1000);
    expect(rows(el), 'the list on screen').to.have.length(2);
    // Counted, not timed: updates are batched, so the cycles between two awaits cost one
    // update together (102 today: 100 batches, the last load's start and end), never one each.
    expect(updates, 'updates of the element in 1,000 cycles, 10 between two awaits').to.be.at.most(1000 / 10 + 5);

    // Detached for good: nothing of it is left running.
    el.remove();
    await sleep(20);
    expect(total(t.listeners), 'listeners after the final disconnect').to.equal(0);
    expect(t.fetches.pending).to.equal(0);
    expect(t.timers.size, 'timers after the final disconnect').to.equal(0);
  });
});
