/**
 * Network thrift (issue "Performance", part 3): one GET on load, nothing while idle or hidden,
 * polling that backs off on errors, one POST per confirmation, nothing after a disconnect.
 * Complements the polling tests of account-backup-tab.live.test.ts. Waits of seconds run on fake
 * timers (`Date` too, so the mock backend shares the clock); requests go through the mock backend.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import {
  backend,
  fakeTime as installFakeTime,
  type FakeClock,
  realTime,
  button,
  calls,
  mount,
  openDialog,
  openDownloadAccepted,
  passTime,
  restoreVisibility,
  setHidden,
  settled,
  shadow,
  sleep,
  tickUntil,
  until,
  visibleText,
  windowText,
} from '../support/helpers.js';
import { RETRY_FLOOR_MS } from '../../src/core/waits.js';

const all = () => calls().map((r) => `${r.method} ${r.path}`);

let clock: FakeClock | undefined;
const fakeTime = () => (clock = installFakeTime());

/** Lets fake time pass, and the calls it caused reach the mock. */
const pass = (ms: number) => passTime(clock!, ms);

afterEach(() => {
  realTime();
  clock = undefined;
  restoreVisibility();
  backend.reset('empty');
});

describe('network thrift', () => {
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

  it('sends nothing while hidden, even with a backed-off retry due, and one GET when shown again', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 }); // a backup in progress: polling is on
    backend.fault = 'server-error';
    await tickUntil(time, () => calls('GET', '/backups').length === 2, 'no poll', { max: 2000 });
    await settled(el);
    // The retry would come a floor (or a quarter more) after the failure; hidden for longer than that.
    setHidden(true);
    await passTime(time, 2 * RETRY_FLOOR_MS, 1000);
    expect(calls('GET', '/backups')).to.have.length(2);
    backend.fault = null;
    setHidden(false);
    // Overdue: at once, without a timer (no fake time passes here).
    await until(() => calls('GET', '/backups').length === 3, 'no GET when shown again');
    await until(() => !visibleText(el).includes('Não foi possível atualizar'), 'the list did not recover');
    await sleep(200);
    expect(calls('GET', '/backups')).to.have.length(3);
  });

  it('a page shown again before its retry is due sends nothing at once, and the retry at its time', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    backend.fault = 'server-error';
    await tickUntil(time, () => calls('GET', '/backups').length === 2, 'no poll', { max: 2000 });
    await settled(el);
    const failedAt = Date.now();
    setHidden(true);
    await passTime(time, RETRY_FLOOR_MS / 2, 1000);
    setHidden(false);
    await sleep(200);
    expect(calls('GET', '/backups'), 'nothing at once: the retry is not due').to.have.length(2);
    // Not before the floor counted from the failure, and by the floor and its quarter.
    await passTime(time, failedAt + RETRY_FLOOR_MS - 100 - Date.now(), 1000);
    expect(calls('GET', '/backups'), 'nothing before the floor').to.have.length(2);
    await tickUntil(time, () => calls('GET', '/backups').length === 3, 'no retry', { step: 250, max: RETRY_FLOOR_MS / 4 + 500 });
    el.remove();
  });

  it('backs off exponentially on consecutive errors and returns to the interval after a success', async () => {
    const time = fakeTime();
    const at: number[] = [];
    const el = await mount('cooldown', { pollInterval: 1 });
    /** Notes the fake instant each GET is first seen (to the step of tickUntil). */
    const seen = () => {
      while (at.length < calls('GET', '/backups').length) at.push(Date.now());
      return at.length;
    };
    seen();
    const paced = { step: 50, max: 2000 };
    const backedOff = { step: 250, max: 3 * RETRY_FLOOR_MS };
    backend.fault = 'server-error';
    await tickUntil(time, () => seen() === 2, 'first failing poll', paced);
    await tickUntil(time, () => seen() === 3, 'second failing poll', backedOff);
    backend.fault = null; // the fourth call succeeds
    await tickUntil(time, () => seen() === 4, 'third poll', backedOff);
    await tickUntil(time, () => seen() === 5, 'poll after the success', paced);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // The pace (1 s); after one failure the floor, after two twice the floor (each stretched by
    // up to a quarter, to the step of tickUntil); back to the pace after a success.
    expect(gaps[0]).to.be.within(1000, 1050);
    expect(gaps[1]).to.be.within(RETRY_FLOOR_MS, RETRY_FLOOR_MS * 1.25 + 250);
    expect(gaps[2]).to.be.within(2 * RETRY_FLOOR_MS, 2 * RETRY_FLOOR_MS * 1.25 + 250);
    expect(gaps[3]).to.be.within(1000, 1050);
    el.remove();
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
