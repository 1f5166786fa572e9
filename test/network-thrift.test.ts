/**
 * Network thrift (issue "Performance", part 3): one GET on load, nothing while idle or hidden,
 * polling that backs off on errors, one POST per confirmation, nothing after a disconnect.
 * Complements the polling tests of account-backup-tab.live.test.ts; real timers, the mock backend.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AccountBackupTab } from '../src/account-backup-tab.js';
import { backend, button, calls, mount, openDialog, settled, shadow, openDownloadAccepted } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

const all = () => calls().map((r) => `${r.method} ${r.path}`);

afterEach(() => {
  delete (document as { hidden?: boolean }).hidden;
  backend.reset('empty');
});

describe('network thrift', () => {
  it('sends one GET on load, however the element is configured, and none when it is reconfigured', async () => {
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
    el.fetch = (input, init) => window.fetch(input, init);
    el.lang = 'es';
    el.pollInterval = 2;
    el.baseUrl = '/api'; // unchanged: no reload
    el.requestUpdate();
    await el.updateComplete;
    await sleep(300);
    expect(all()).to.deep.equal(['GET /backups']);
  });

  it('sends nothing while idle: windows opened and closed, re-renders, nothing pending', async () => {
    const el = await mount('typical', { pollInterval: 1 });
    button(el, 'Solicitar backup').click();
    await waitUntil(() => openDialog(el));
    button(el, 'Fechar').click();
    await waitUntil(() => !openDialog(el));
    button(el, 'Baixar arquivo').click();
    await waitUntil(() => openDialog(el));
    (openDialog(el)!.querySelector('input[type=checkbox]') as HTMLInputElement).click();
    button(el, 'Fechar').click();
    await waitUntil(() => !openDialog(el));
    for (let i = 0; i < 5; i++) {
      el.requestUpdate();
      await el.updateComplete;
    }
    await sleep(1500);
    expect(all()).to.deep.equal(['GET /backups']);
  });

  it('sends nothing while hidden, even with a backed-off retry due, and one GET when shown again', async () => {
    const el = await mount('cooldown', { pollInterval: 1 }); // a backup in progress: polling is on
    backend.fault = 'server-error';
    await waitUntil(() => calls('GET', '/backups').length === 2, 'no poll', { timeout: 3000 });
    await settled(el);
    setHidden(true); // the retry would come 2 s after the failure
    await sleep(2500);
    expect(calls('GET', '/backups')).to.have.length(2);
    backend.fault = null;
    setHidden(false);
    await waitUntil(() => calls('GET', '/backups').length === 3);
    await settled(el);
    await sleep(200);
    expect(calls('GET', '/backups')).to.have.length(3);
  });

  it('backs off exponentially on consecutive errors and returns to the interval after a success', async function () {
    this.timeout(20_000);
    const at: number[] = [];
    const el = await mount('cooldown', { pollInterval: 1 });
    const seen = () => {
      while (at.length < calls('GET', '/backups').length) at.push(performance.now());
      return at.length;
    };
    backend.fault = 'server-error';
    await waitUntil(() => seen() === 2, 'first failing poll', { timeout: 3000, interval: 10 });
    await waitUntil(() => seen() === 3, 'second failing poll', { timeout: 4000, interval: 10 });
    backend.fault = null; // the fourth call succeeds
    await waitUntil(() => seen() === 4, 'third poll', { timeout: 6000, interval: 10 });
    await waitUntil(() => seen() === 5, 'poll after the success', { timeout: 3000, interval: 10 });
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // ~1 s, then ~2 s after one failure, ~4 s after two, back to ~1 s after a success.
    expect(gaps[1]).to.be.within(1700, 3000);
    expect(gaps[2]).to.be.within(3600, 5500);
    expect(gaps[3]).to.be.within(800, 1700);
    el.remove();
  });

  it('sends one POST per confirmation, even on a double click, then one GET', async () => {
    const el = await mount('empty');
    button(el, 'Solicitar backup').click();
    await waitUntil(() => openDialog(el));
    const confirm = openDialog(el)!.querySelector('button.primary') as HTMLButtonElement;
    confirm.click();
    confirm.click();
    confirm.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await waitUntil(() => !openDialog(el), 'the window stayed open');
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
    await waitUntil(() => openDialog(el)!.textContent!.includes('sftp -P'), 'no credentials');
    expect(calls('POST').map((r) => r.path)).to.have.length(1);
    expect(calls('POST')[0]!.path).to.match(/^\/backups\/[^/]+\/download$/);
    button(el, 'Fechar').click();
  });

  it('sends nothing after a disconnect: no backed-off poll, no 429 retry of a confirmation', async () => {
    const polling = await mount('cooldown', { pollInterval: 1 });
    backend.fault = 'server-error';
    await waitUntil(() => calls('GET', '/backups').length === 2, 'no poll', { timeout: 3000 });
    await settled(polling);
    polling.remove();
    backend.fault = null;
    await sleep(2500);
    expect(calls('GET', '/backups')).to.have.length(2);

    const el = await mount('empty');
    backend.failNext('rate-limited'); // 429, Retry-After: 2: the element would retry the POST in 2 s
    button(el, 'Solicitar backup').click();
    await waitUntil(() => openDialog(el));
    (openDialog(el)!.querySelector('button.primary') as HTMLButtonElement).click();
    await waitUntil(() => shadow(el).querySelector('dialog[open] [role=alert]'), 'no 429 message');
    el.remove();
    await sleep(2500);
    expect(all()).to.deep.equal(['GET /backups', 'POST /backups']);
  });
});
