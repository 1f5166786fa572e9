/** A tab left open: polling, visibility, backoff, disconnects, keyboard use and language resolution. */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { sendKeys } from '@web/test-runner-commands';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import {
  announcement,
  fakeTime as installFakeTime,
  type FakeClock,
  realTime,
  backend,
  button,
  calls,
  mount,
  openDialog,
  passTime,
  restoreVisibility,
  rows,
  setHidden,
  settled,
  shadow,
  sleep,
  statuses,
  tickUntil,
  until,
  worker,
  visibleText,
  windowText,
} from '../support/helpers.js';
import { RETRY_FLOOR_MS } from '../../src/core/waits.js';

/** Polling runs on fake timers: seconds of waiting take milliseconds. */
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

describe('polling', () => {
  it('refreshes while a backup is pending and shows its new status', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    expect(statuses(el)).to.include('Em progresso');
    backend.setStatus('b-2', 'ready');
    await tickUntil(time, () => statuses(el).includes('Pronto para baixar'), 'the list did not refresh', { max: 2000 });
    expect(calls('GET', '/backups').length).to.be.greaterThan(1);
    expect(announcement(el)).to.contain('Pronto para baixar');
  });

  it('stops once nothing is pending, and never polls at 0', async () => {
    fakeTime();
    const idle = await mount('typical', { pollInterval: 1 });
    await pass(5000);
    expect(calls('GET', '/backups')).to.have.length(1);
    idle.remove();
    await mount('cooldown', { pollInterval: 0 });
    await pass(5000);
    expect(calls('GET', '/backups')).to.have.length(1);
  });

  it('pauses while the page is hidden and catches up when it is shown', async () => {
    fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    setHidden(true);
    await pass(5000);
    expect(calls('GET', '/backups')).to.have.length(1);
    setHidden(false);
    // At once, without waiting for the next interval.
    await until(() => calls('GET', '/backups').length === 2, 'no catch-up GET when the page was shown');
    await settled(el);
  });

  it('keeps the last list visible when a refresh fails, and backs off', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    backend.fault = 'server-error';
    await tickUntil(time, () => visibleText(el).includes('Não foi possível atualizar a lista.'), 'no stale notice', { max: 2000 });
    expect(rows(el)).to.have.length(2);
    // One failure: the next attempt waits the floor (10 s, not the 1 s pace); two failures: twice
    // that. Each wait may be stretched by up to a quarter (jitter), never shortened.
    for (const wait of [RETRY_FLOOR_MS, 2 * RETRY_FLOOR_MS]) {
      const failedAt = calls('GET', '/backups').length;
      await passTime(time, wait - 250, 1000);
      expect(calls('GET', '/backups').length, `nothing sent before ${wait} ms`).to.equal(failedAt);
      await tickUntil(time, () => calls('GET', '/backups').length > failedAt, `no retry by ${wait * 1.25} ms`, { step: 250, max: wait / 4 + 500 });
      expect(calls('GET', '/backups').length, 'one retry, not a burst').to.equal(failedAt + 1);
      expect(rows(el)).to.have.length(2);
    }
    expect(visibleText(el)).to.contain('Não foi possível atualizar a lista.');
    expect(rows(el)).to.have.length(2);
    backend.fault = null;
    // Three failures in a row: the next attempt comes within 4 × the floor (+ a quarter).
    await tickUntil(time, () => !visibleText(el).includes('Não foi possível atualizar'), 'did not recover', { step: 1000, max: 5 * RETRY_FLOOR_MS + 1000 });
    expect(rows(el)).to.have.length(2);
  });

  it('keeps the stale list accessible', async () => {
    const el = await mount('cooldown');
    backend.fault = 'server-error';
    button(el, 'Atualizar lista').click();
    await settled(el);
    expect(visibleText(el)).to.contain('Não foi possível atualizar a lista.');
    expect(rows(el)).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('sends nothing after a disconnect, and resumes on reconnect', async () => {
    fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    const parent = el.parentElement!;
    el.remove();
    await pass(5000);
    expect(calls('GET', '/backups')).to.have.length(1);
    parent.append(el);
    await until(() => calls('GET', '/backups').length === 2, 'no GET on reconnect');
    await settled(el);
  });

  it('aborts a pending load when disconnected and applies no late answer', async () => {
    // The answer is held until the element is gone: no timing can let it in first.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    await mount('empty');
    worker.use(
      http.get('/api/backups', async () => {
        asked = true;
        await held;
        return HttpResponse.json(backend.list());
      }, { once: true }),
    );
    const el = await mount('typical', { noWait: true, keepBackend: true });
    backend.reset('typical');
    await until(() => asked, 'the first GET was not sent');
    el.remove();
    release();
    await sleep(300);
    expect(rows(el), 'no rows from the late answer').to.deep.equal([]);
    expect(shadow(el).querySelector('table')).to.equal(null);
    expect(announcement(el)).to.equal('');
  });
});

describe('keyboard', () => {
  it('opens the confirmation with Enter, closes it with Escape and returns focus', async () => {
    const el = await mount('empty');
    const opener = button(el, 'Solicitar backup');
    opener.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => openDialog(el));
    expect(openDialog(el)!.contains(el.shadowRoot!.activeElement)).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await until(() => !openDialog(el));
    await until(() => el.shadowRoot!.activeElement === opener, 'focus did not return to the opener');
    expect(calls('POST', '/backups')).to.have.length(0);
  });

  it('downloads with the keyboard alone: Space accepts the terms, Enter confirms', async () => {
    const el = await mount('typical');
    button(el, 'Baixar arquivo').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => openDialog(el));
    // The checkbox has focus first.
    expect((el.shadowRoot!.activeElement as HTMLInputElement).type).to.equal('checkbox');
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    button(el, 'Baixar backup').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => /\.pem/.test(windowText(el)));
    expect(calls('POST', '/backups/b-5/download')).to.have.length(1);
  });
});

describe('language resolution', () => {
  it('uses the nearest ancestor, then the document', async () => {
    await mount('empty');
    const wrapper = await fixture<HTMLElement>(html`<div lang="es"><account-backup-tab base-url="/api" poll-interval="0"></account-backup-tab></div>`);
    const el = wrapper.querySelector('account-backup-tab') as AccountBackupTab;
    await settled(el);
    expect(visibleText(el)).to.contain('Aún no se ha solicitado ningún backup.');
    const before = document.documentElement.lang;
    document.documentElement.lang = 'en';
    try {
      const plain = await fixture<AccountBackupTab>(html`<account-backup-tab base-url="/api" poll-interval="0"></account-backup-tab>`);
      await settled(plain);
      expect(visibleText(plain)).to.contain('No backup has been requested yet.');
    } finally {
      document.documentElement.lang = before;
    }
  });
});

describe('host page', () => {
  it('is not broken by hostile global CSS and sends calls through the fetch property', async () => {
    const style = document.createElement('style');
    style.textContent = 'button, table, td, th, p { display: none !important; color: transparent !important } * { font-size: 10px !important; line-height: 1 !important }';
    document.head.append(style);
    try {
      await mount('empty');
      const seen: string[] = [];
      const el = await fixture<AccountBackupTab>(html`<account-backup-tab lang="pt-BR" poll-interval="0"></account-backup-tab>`);
      el.fetch = (input, init) => {
        seen.push(`${init.method} ${input}`);
        return fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), 'X-CSRF-Token': 't0k3n' } });
      };
      el.baseUrl = '/api';
      await until(() => seen.length === 1);
      await settled(el);
      expect(seen).to.deep.equal(['GET /api/backups']);
      expect(calls('GET', '/backups').at(-1)!.headers['x-csrf-token']).to.equal('t0k3n');
      const requestButton = button(el, 'Solicitar backup');
      expect(getComputedStyle(requestButton).display).to.not.equal('none');
      expect(requestButton.getBoundingClientRect().height).to.be.at.least(24);
    } finally {
      style.remove();
    }
  });
});
