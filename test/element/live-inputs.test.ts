/**
 * Inputs that change after the first render. A new `base-url` or `fetch` is another backend (another
 * tenant, another session): nothing of the old one stays, neither its rows, nor its pending write,
 * nor its error, nor what it had ready. `poll-interval`, `notify` and the language take effect at
 * once. Each test follows the user's timeline: the page hidden and time passing, not a call of
 * `refresh()` by hand.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { stringsFor } from '../../src/i18n/resolve.js';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { DAY_MS, iso } from '../../mocks/time.js';
import {
  backend,
  button,
  calls,
  fakeNotifications,
  fakeTime,
  mount,
  openDialog,
  openRequest,
  passTime,
  realTime,
  restoreVisibility,
  rows,
  secondBackend,
  setHidden,
  settled,
  shadow,
  statuses,
  tickUntil,
  until,
  visibleText,
  worker,
} from '../support/helpers.js';

const pt = stringsFor('pt-BR');
const en = stringsFor('en');

afterEach(() => {
  worker.resetHandlers();
  realTime();
  restoreVisibility();
  backend.reset('empty');
  document.documentElement.lang = 'en';
});

/** Every `account-backup-*` event the element fires from now on. */
function recordEvents(el: Element): string[] {
  const seen: string[] = [];
  for (const name of ['account-backup-ready', 'account-backup-requested', 'account-backup-error', 'account-backup-unauthorized']) {
    el.addEventListener(name, () => seen.push(name));
  }
  return seen;
}

describe('a new base-url is a new backend', () => {
  it('the old rows go even when the new backend fails', async () => {
    const el = await mount('typical');
    expect(rows(el)).to.have.length(5);
    const other = secondBackend('/api2');
    other.fault = 'server-error';
    el.baseUrl = '/api2';
    await until(() => visibleText(el).includes(pt.errors.server), 'the new backend’s error was not shown');
    expect(rows(el), 'rows of the old backend').to.deep.equal([]);
    expect(visibleText(el)).not.to.contain(pt.staleList);
    await expect(el).to.be.accessible();
  });

  it('what was already ready on the new backend is no news: no account-backup-ready', async () => {
    const el = await mount('empty');
    const events = recordEvents(el);
    const other = secondBackend('/api2');
    other.add({ id: 'x-1', status: 'ready', requestedAt: iso(Date.now() - 3 * DAY_MS) });
    other.add({ id: 'x-2', status: 'ready', requestedAt: iso(Date.now() - 40 * DAY_MS) });
    el.baseUrl = '/api2';
    await until(() => statuses(el).length === 2, 'the new list was not shown');
    await settled(el);
    expect(events).to.deep.equal([]);
  });

  it('a backup just requested on the old backend does not lock the new one for 28 days', async () => {
    const el = await mount('empty');
    await openRequest(el);
    button(el, 'Solicitar backup').click();
    await until(() => !openDialog(el) && rows(el).length === 1, 'the request did not show its row');
    await settled(el);
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    secondBackend('/api2');
    el.baseUrl = '/api2';
    await until(() => rows(el).length === 0 && visibleText(el).includes(pt.empty), 'the new, empty list was not shown');
    await settled(el);
    expect(button(el, 'Solicitar backup').disabled, visibleText(el)).to.equal(false);
    expect(visibleText(el)).not.to.contain(pt.nextRequest);
  });

  it('a new fetch is a new session too: the old rows go when it fails', async () => {
    const el = await mount('typical');
    expect(rows(el)).to.have.length(5);
    el.fetch = async () => new Response(JSON.stringify({ error: 'internal' }), { status: 500, headers: { 'Content-Type': 'application/json' } });
    await until(() => visibleText(el).includes(pt.errors.server), 'the new session’s error was not shown');
    expect(rows(el)).to.deep.equal([]);
  });

  it('the new backend’s first load says it is loading, also when a background poll came before', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 }); // a backup in progress: polls every second
    await tickUntil(time, () => calls('GET', '/backups').length >= 2, 'no background poll', { max: 3000 });
    await settled(el);
    const other = secondBackend('/api2', 'typical');
    other.latencyMs = 400;
    el.baseUrl = '/api2';
    await el.updateComplete;
    // The old rows are gone; what takes their place must say that the new list is on its way
    // (as it does when no poll came before): not a blank page for as long as the backend takes.
    expect(rows(el)).to.deep.equal([]);
    expect(visibleText(el), 'while the new backend answers').to.contain(pt.loading);
    expect(shadow(el).querySelector('[aria-busy="true"]'), 'aria-busy while loading').not.to.equal(null);
    expect(button(el, pt.refresh).getAttribute('aria-disabled')).to.equal('true');
    await until(() => rows(el).length === 5, 'the new list was not shown');
  });

  it('an open window of the old backend closes, and its call goes nowhere', async () => {
    const el = await mount('typical');
    await openRequest(el);
    secondBackend('/api2');
    el.baseUrl = '/api2';
    await until(() => !shadow(el).querySelector('dialog[open]'), 'the window stayed open');
    expect(calls('POST', '/backups')).to.deep.equal([]);
  });
});

describe('poll-interval changed at run time', () => {
  it('from 0 to 1 with a backup in progress: a GET within about a second', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 0 });
    await passTime(time, 5000, 500);
    const gets = calls('GET', '/backups').length;
    el.pollInterval = 1;
    await tickUntil(time, () => calls('GET', '/backups').length > gets, 'no GET after poll-interval became 1', { max: 1500, step: 250 });
  });

  it('from 1 to 0: no GET after that', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    await passTime(time, 300, 100);
    el.pollInterval = 0;
    await el.updateComplete;
    const gets = calls('GET', '/backups').length;
    await passTime(time, 10_000, 500);
    expect(calls('GET', '/backups').length).to.equal(gets);
  });
});

describe('notify keeps its promise', () => {
  it('opted in, the page hidden, the backend turns the backup ready: one notification', async () => {
    const notifications = fakeNotifications('granted');
    try {
      const time = fakeTime();
      const el = await mount('cooldown', { pollInterval: 30 });
      el.notify = true;
      await el.updateComplete;
      expect(visibleText(el)).to.contain(pt.notifyOn);
      setHidden(true);
      await passTime(time, 60_000, 5000);
      backend.setStatus('b-2', 'ready');
      await tickUntil(time, () => notifications.shown.length > 0, 'no notification while hidden', { max: 5 * 60_000, step: 5000 });
      await passTime(time, 5 * 60_000, 10_000);
      expect(notifications.shown.map((n) => n.title)).to.deep.equal([pt.readyTitle]);
    } finally {
      notifications.restore();
    }
  });

  it('without notify, a hidden page does not poll', async () => {
    const time = fakeTime();
    await mount('cooldown', { pollInterval: 30 });
    setHidden(true);
    const gets = calls('GET', '/backups').length;
    await passTime(time, 10 * 60_000, 10_000);
    expect(calls('GET', '/backups').length).to.equal(gets);
  });
});

describe('language', () => {
  /** A component of the host page that puts the element inside its own shadow root. */
  class HostPanel extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = '<account-backup-tab base-url="/api" poll-interval="0"></account-backup-tab>';
    }
  }
  if (!customElements.get('abt-test-host-panel')) customElements.define('abt-test-host-panel', HostPanel);

  afterEach(() => {
    delete (navigator as { languages?: unknown }).languages;
  });

  it('a lang on an ancestor outside the shadow root the element sits in is followed, and its changes too', async () => {
    document.documentElement.lang = 'pt-BR';
    backend.reset('typical');
    const section = await fixture(html`<section lang="en"><abt-test-host-panel></abt-test-host-panel></section>`);
    const el = section.querySelector('abt-test-host-panel')!.shadowRoot!.querySelector('account-backup-tab') as AccountBackupTab;
    await settled(el);
    expect(visibleText(el)).to.contain(en.refresh);
    section.setAttribute('lang', 'es');
    await until(() => visibleText(el).includes(stringsFor('es').refresh), 'the language did not follow the section');
  });

  it('the text is marked with the language it is written in: on <html lang="de"> the pt-BR fallback says lang="pt-BR"', async () => {
    document.documentElement.lang = 'de';
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['de-DE', 'fr'] });
    backend.reset('typical');
    const el = await fixture<AccountBackupTab>(html`<account-backup-tab base-url="/api" poll-interval="0"></account-backup-tab>`);
    await settled(el);
    expect(visibleText(el)).to.contain(pt.refresh);
    const langOf = (node: Element) => node.closest('[lang]')?.getAttribute('lang');
    expect(langOf(shadow(el).querySelector('[role=heading]')!), 'the heading').to.equal('pt-BR');
    expect(langOf(shadow(el).querySelector('[role=status]')!), 'the live region').to.equal('pt-BR');
    await openRequest(el);
    expect(langOf(shadow(el).querySelector('dialog h2')!), 'the window').to.equal('pt-BR');
    await expect(el).to.be.accessible();
  });
});
