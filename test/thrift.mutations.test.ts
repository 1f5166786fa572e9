/**
 * Thrift while open (issue 15, part 5): a poll that brings back an unchanged list does no work the
 * page can see. Over several such polls the shadow root has no DOM mutation, the element runs no
 * update at all (so no row is rendered again), and the backend receives one GET per poll, nothing
 * else. 50 rows (one in progress, so polling is on), 1 s polls on fake time against the mock backend.
 *
 * Everything here is a count (issue 18: no test asserts an absolute time; on a busy machine a poll
 * measured 2.1–8.1 ms against a 2 ms budget). What such a poll costs in milliseconds is the bench's:
 * `npm run bench` reports it against the README's target with the shipped build.
 *
 * Updates are counted with a reactive controller added through `addController`, Lit's public API:
 * its `hostUpdate()` runs once in every update of the element, whatever caused it.
 *
 * The rest of part 5 is in test/network-thrift.test.ts and not repeated here: one GET on load (and
 * none when reconfigured), none while idle, none while hidden (even with a retry due), none after a
 * disconnect.
 */
import { expect } from '@open-wc/testing';
import { DAY_MS, iso } from '../mocks/time.js';
import type { AccountBackupTab } from '../src/account-backup-tab.js';
import { backend, calls, fakeTime, type FakeClock, mount, networkQuiet, realTime, rows, shadow, statuses, tickUntil } from './support/helpers.js';

const ROWS = 50;
const POLLS = 5;

/** Where a mutation happened, as a person debugging it would name the node. */
function nodeName(node: Node): string {
  const element = node instanceof Element ? node : node.parentElement;
  const part = element?.getAttribute('part');
  const label = element?.localName === 'button' ? ` "${element.textContent!.trim()}"` : '';
  return `${node instanceof Element ? '' : 'text in '}<${element?.localName}${part ? ` part="${part}"` : ''}>${label}`;
}

/** The mutations as readable lines: where, what, before → after (after = the next record's before). */
function explain(records: MutationRecord[]): string[] {
  return records.map((record, i) => {
    const later = records.slice(i + 1).find((r) => r.target === record.target && r.type === record.type && r.attributeName === record.attributeName);
    const where = nodeName(record.target);
    if (record.type === 'attributes') {
      const now = later ? later.oldValue : (record.target as Element).getAttribute(record.attributeName!);
      return `${where} ${record.attributeName}: ${JSON.stringify(record.oldValue)} → ${JSON.stringify(now)}`;
    }
    if (record.type === 'characterData') return `${where}: ${JSON.stringify(record.oldValue)} → ${JSON.stringify(later ? later.oldValue : record.target.textContent)}`;
    return `${where} children: +${record.addedNodes.length} −${record.removedNodes.length}`;
  });
}

/** What the element does while it is watched: its updates, the mutations of its shadow root, the calls it sends. */
function watch(el: AccountBackupTab) {
  const mutations: MutationRecord[] = [];
  const observer = new MutationObserver((records) => mutations.push(...records));
  observer.observe(shadow(el), { subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true, characterDataOldValue: true });
  let updates = 0;
  const counter = { hostUpdate: () => void updates++ };
  el.addController(counter);
  const callsBefore = calls().length;
  return {
    /** Stops watching, and says what happened meanwhile. */
    stop() {
      mutations.push(...observer.takeRecords());
      observer.disconnect();
      el.removeController(counter);
      return { mutations: explain(mutations), updates, calls: calls().slice(callsBefore).map((r) => `${r.method} ${r.path}`) };
    },
  };
}

describe('thrift while open', () => {
  let clock: FakeClock | undefined;

  afterEach(() => {
    realTime();
    clock = undefined;
    backend.reset('empty');
  });

  const gets = () => calls('GET', '/backups').length;

  /** The cooldown scenario grown to 50 rows, polling every second, the 50 rows on screen. */
  async function openWith50Rows(): Promise<AccountBackupTab> {
    // Fake time from 5 s past a whole minute: the polls below end well before the next minute, so
    // nothing that follows the clock's minutes can be mistaken for the polls' work.
    clock = fakeTime(Math.floor(Date.now() / 60_000) * 60_000 + 5_000);
    const el = await mount('cooldown', { pollInterval: 1 }); // b-2 in progress: polls every second
    const now = Date.now();
    for (let i = 0; i < ROWS - 2; i++) backend.add({ status: i % 3 ? 'expired' : 'ready', requestedAt: iso(now - (4 + i) * DAY_MS) });
    // The next poll brings the 50 rows in: that one changes the DOM, of course.
    await tickUntil(clock, () => rows(el).length === ROWS, 'the 50 rows did not come', { step: 250, max: 5000 });
    await el.updateComplete;
    return el;
  }

  /**
   * Lets fake time run until `n` polls have been answered and read. A poll is scheduled only once
   * the answer before it has been read, so the GET after the n-th proves the n-th was read, on a
   * machine of any speed.
   */
  async function polls(n: number): Promise<void> {
    const target = gets() + n + 1;
    await tickUntil(clock!, () => gets() >= target, `fewer than ${n + 1} polls`, { step: 250, max: (n + 2) * 1000 });
    await networkQuiet();
  }

  it(`${POLLS} polls that bring back an unchanged list change nothing in the shadow root, update nothing, and send one GET each`, async function () {
    const el = await openWith50Rows();
    const watching = watch(el);
    await polls(POLLS);
    await el.updateComplete;
    const seen = watching.stop();

    expect(rows(el)).to.have.length(ROWS);
    expect(seen.mutations, `mutations of the shadow root during ${POLLS} unchanged polls`).to.deep.equal([]);
    expect(seen.updates, `updates of the element during ${POLLS} unchanged polls (so no row was rendered again)`).to.equal(0);
    // The (POLLS + 1)-th GET is the one that proved the last answer was read.
    expect(seen.calls).to.deep.equal(Array(POLLS + 1).fill('GET /backups'));
    el.remove();
  });

  it('the same watch sees a poll that brings a change: the counts above are not blind', async function () {
    const el = await openWith50Rows();
    const watching = watch(el);
    backend.setStatus('b-2', 'ready');
    expect(statuses(el)).to.include('Em progresso');
    await tickUntil(clock!, () => !statuses(el).includes('Em progresso'), 'b-2 did not turn ready on screen', { step: 250, max: 5000 });
    await el.updateComplete;
    const seen = watching.stop();

    expect(seen.mutations, 'mutations when b-2 turned ready').not.to.deep.equal([]);
    expect(seen.updates, 'updates when b-2 turned ready').to.be.greaterThan(0);
    expect(seen.calls.every((c) => c === 'GET /backups'), seen.calls.join(', ')).to.equal(true);
    el.remove();
  });
});
