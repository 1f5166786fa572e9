/**
 * Thrift while the page stays open: the element asks the network and the page for no more than
 * what a user needs.
 *
 * On the network: one GET on load (none when reconfigured, one for a new fetch), nothing while
 * idle, one POST per confirmation, nothing after a disconnect. (Polling's pace, its pauses while
 * hidden and its backoff are in test/element/polling.test.ts.)
 *
 * On the page: a poll that brings back an unchanged list does no work the page can see. Over
 * several such polls the shadow root has no DOM mutation, the element runs no update at all (so no
 * row is rendered again), and the backend receives one GET per poll, nothing else. 50 rows (one in
 * progress, so polling is on), 1 s polls on fake time against the mock backend. Updates are counted
 * with a reactive controller added through `addController`, Lit's public API: its `hostUpdate()`
 * runs once in every update of the element, whatever caused it.
 *
 * Everything here is a count: no test asserts an absolute time (on a busy machine a poll measured
 * 2.1–8.1 ms against a 2 ms budget). What such a poll costs in milliseconds is the bench's: `npm
 * run bench` reports it against the README's target with the shipped build. Waits of seconds run on
 * fake timers (`Date` too, so the mock backend shares the clock).
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { RETRY_FLOOR_MS } from '../../src/core/waits.js';
import { DAY_MS, iso } from '../../mocks/time.js';
import {
  backend,
  button,
  calls,
  fakeTime as installFakeTime,
  type FakeClock,
  mount,
  networkQuiet,
  openDialog,
  openDownloadAccepted,
  passTime,
  realTime,
  restoreVisibility,
  rows,
  settled,
  shadow,
  sleep,
  statuses,
  tickUntil,
  until,
  windowText,
} from '../support/helpers.js';

const all = () => calls().map((r) => `${r.method} ${r.path}`);

let clock: FakeClock | undefined;
const fakeTime = (now?: number) => (clock = installFakeTime(now));

/** Lets fake time pass, and the calls it caused reach the mock. */
const pass = (ms: number) => passTime(clock!, ms);

afterEach(() => {
  realTime();
  clock = undefined;
  restoreVisibility();
  backend.reset('empty');
});

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

describe('calls sent', () => {
  it('sends one GET on load, however the element is configured; none when reconfigured, but for a new fetch: exactly one', async () => {
    await mount('empty');
    backend.reset('typical');
    backend.requests.length = 0;
    // Attributes set before connecting, properties after: still one load.
    const el = document.createElement('account-backup-tab') as AccountBackupTab;
    el.setAttribute('lang', 'en');
    el.setAttribute('poll-interval', '1');
    el.setAttribute('base-url', '/api');
    el.timeout = 5000;
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(el);
    await settled(el);
    el.lang = 'es';
    el.pollInterval = 2;
    el.timeout = 6000;
    el.baseUrl = '/api'; // unchanged: no reload
    el.requestUpdate();
    await el.updateComplete;
    await sleep(300);
    expect(all()).to.deep.equal(['GET /backups']);
    // A new fetch is a new session (another user's, perhaps): the list is read again, once, through it.
    const seen: string[] = [];
    const sessionFetch = (input: string, init: RequestInit) => {
      seen.push(`${init.method} ${input}`);
      return window.fetch(input, init);
    };
    el.fetch = sessionFetch;
    await until(() => all().length === 2, 'no GET through the new fetch');
    await settled(el);
    // The same function again is no new session.
    el.fetch = sessionFetch;
    el.lang = 'en';
    await el.updateComplete;
    await sleep(300);
    expect(all()).to.deep.equal(['GET /backups', 'GET /backups']);
    expect(seen).to.deep.equal(['GET /api/backups']);
  });

  it('sends nothing while idle: windows opened and closed, re-renders, nothing pending', async () => {
    fakeTime();
    const el = await mount('typical', { pollInterval: 1 });
    button(el, 'Solicitar backup').click();
    await until(() => openDialog(el));
    button(el, 'Fechar').click();
    await until(() => !openDialog(el));
    button(el, 'Baixar arquivo').click();
    await until(() => openDialog(el));
    (openDialog(el)!.querySelector('input[type=checkbox]') as HTMLInputElement).click();
    button(el, 'Fechar').click();
    await until(() => !openDialog(el));
    for (let i = 0; i < 5; i++) {
      el.requestUpdate();
      await el.updateComplete;
    }
    await pass(5000);
    expect(all()).to.deep.equal(['GET /backups']);
  });

  it('sends one POST per confirmation, even on a double click, then one GET', async () => {
    const el = await mount('empty');
    button(el, 'Solicitar backup').click();
    await until(() => openDialog(el));
    const confirm = button(el, 'Solicitar backup'); // the confirmation's: the page behind is inert
    confirm.click();
    confirm.click();
    confirm.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await until(() => !openDialog(el), 'the window stayed open');
    await settled(el);
    await sleep(300);
    expect(all()).to.deep.equal(['GET /backups', 'POST /backups', 'GET /backups']);
  });

  it('sends one download POST per confirmation, even on a double click', async () => {
    const el = await mount('typical');
    await openDownloadAccepted(el);
    const confirm = button(el, 'Baixar backup');
    confirm.click();
    confirm.click();
    await until(() => windowText(el).includes('sftp -P'), 'no credentials');
    expect(calls('POST').map((r) => r.path)).to.have.length(1);
    expect(calls('POST')[0]!.path).to.match(/^\/backups\/[^/]+\/download$/);
    button(el, 'Fechar').click();
  });

  it('sends nothing after a disconnect: no backed-off poll, no 429 retry of a confirmation', async () => {
    const time = fakeTime();
    const polling = await mount('cooldown', { pollInterval: 1 });
    backend.fault = 'server-error';
    await tickUntil(time, () => calls('GET', '/backups').length === 2, 'no poll', { max: 2000 });
    await settled(polling);
    polling.remove();
    backend.fault = null;
    // Well past the backed-off retry (the floor, or a quarter more).
    await passTime(time, 2 * RETRY_FLOOR_MS, 1000);
    expect(calls('GET', '/backups')).to.have.length(2);

    const el = await mount('empty');
    backend.failNext('rate-limited'); // 429: the element would retry the POST after the floor (or a quarter more)
    button(el, 'Solicitar backup').click();
    await until(() => openDialog(el));
    button(el, 'Solicitar backup').click();
    await until(() => shadow(el).querySelector('dialog[open] [role=alert]'), 'no 429 message');
    el.remove();
    await passTime(time, 2 * RETRY_FLOOR_MS, 1000);
    expect(all()).to.deep.equal(['GET /backups', 'POST /backups']);
  });
});

describe('work done by an unchanged poll', () => {
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
