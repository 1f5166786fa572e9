/**
 * Inputs that change after the first render: a new `base-url` or `fetch` is another backend
 * (another tenant, another session), and nothing of the old one stays: neither its rows, nor its
 * pending write, nor its error, nor what it had ready. (A new `poll-interval` is in polling.test.ts,
 * `notify` in notifications.test.ts, a new language in language.test.ts.) Each test follows the
 * user's timeline: the page hidden and time passing, not a call of `refresh()` by hand.
 */
import { expect } from '@open-wc/testing';
import { stringsFor } from '../../src/i18n/resolve.js';
import { DAY_MS, iso } from '../../mocks/time.js';
import {
  backend,
  button,
  calls,
  fakeTime,
  mount,
  openDialog,
  openRequest,
  realTime,
  restoreVisibility,
  rows,
  secondBackend,
  settled,
  shadow,
  sleep,
  statuses,
  tickUntil,
  until,
  visibleText,
  worker,
} from '../support/helpers.js';

const pt = stringsFor('pt-BR');

afterEach(() => {
  worker.resetHandlers();
  realTime();
  restoreVisibility();
  backend.reset('empty');
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

  it('a request still on the wire when its window was closed: its answer, after a new base-url, shows nothing on the new backend', async () => {
    const el = await mount('empty');
    await openRequest(el);
    backend.latencyMs = 2000;
    button(el, 'Solicitar backup').click();
    await el.updateComplete;
    button(el, 'Fechar').click();
    await sleep(100); // a user's moment: the window has closed
    expect(openDialog(el), 'the window closed').to.equal(null);
    secondBackend('/api2');
    el.baseUrl = '/api2';
    const events = recordEvents(el);
    await until(() => visibleText(el).includes(pt.empty), 'the new, empty list was not shown');
    // The old backend creates the backup and answers 201 meanwhile.
    await until(() => backend.backups.length === 1, 'the old backend did not create the backup');
    await sleep(300);
    await settled(el);
    expect(rows(el), 'rows on the new backend').to.deep.equal([]);
    expect(button(el, 'Solicitar backup').disabled, 'the new backend allows a request').to.equal(false);
    expect(events, 'events after the new base-url').to.deep.equal([]);
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
