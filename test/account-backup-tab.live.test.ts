/** A tab left open: polling, visibility, backoff, disconnects, keyboard use and language resolution. */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AccountBackupTab } from '../src/account-backup-tab.js';
import { backend, button, calls, mount, openDialog, rows, settled, statuses, text } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pretends the page is hidden or visible, as a browser does when the tab goes to the background. */
function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  delete (document as { hidden?: boolean }).hidden;
  backend.reset('empty');
});

describe('polling', () => {
  it('refreshes while a backup is pending and shows its new status', async () => {
    const el = await mount('cooldown', { pollInterval: 1 });
    expect(statuses(el)).to.include('Em progresso');
    backend.setStatus('b-2', 'ready');
    const changed = oneEvent(el, 'account-backup-error').then(() => 'error');
    await waitUntil(() => statuses(el).includes('Pronto para baixar'), 'the list did not refresh', { timeout: 4000 });
    void changed;
    expect(calls('GET', '/backups').length).to.be.greaterThan(1);
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('Pronto para baixar');
  });

  it('stops once nothing is pending, and never polls at 0', async () => {
    const idle = await mount('typical', { pollInterval: 1 });
    await sleep(1500);
    expect(calls('GET', '/backups')).to.have.length(1);
    idle.remove();
    await mount('cooldown', { pollInterval: 0 });
    await sleep(1500);
    expect(calls('GET', '/backups')).to.have.length(1);
  });

  it('pauses while the page is hidden and catches up when it is shown', async () => {
    const el = await mount('cooldown', { pollInterval: 1 });
    setHidden(true);
    await sleep(1500);
    expect(calls('GET', '/backups')).to.have.length(1);
    setHidden(false);
    await waitUntil(() => calls('GET', '/backups').length === 2);
    await settled(el);
  });

  it('keeps the last list visible when a refresh fails, and backs off', async function () {
    // The recovery comes with the next backed-off poll: 2, 4 or 8 s away, depending on how many
    // failures the accessibility audit (slow on a loaded machine) lasted.
    this.timeout(25_000);
    const el = await mount('cooldown', { pollInterval: 1 });
    backend.fault = 'server-error';
    await waitUntil(() => text(el).includes('Não foi possível atualizar a lista.'), 'no stale notice', { timeout: 4000 });
    const failedAt = calls('GET', '/backups').length;
    // After one failure the next attempt waits 2 s instead of 1 s.
    await sleep(1200);
    expect(calls('GET', '/backups').length).to.equal(failedAt);
    expect(rows(el)).to.have.length(2);
    await expect(el).to.be.accessible();
    backend.fault = null;
    await waitUntil(() => !text(el).includes('Não foi possível atualizar'), 'did not recover', { timeout: 18_000 });
  });

  it('sends nothing after a disconnect, and resumes on reconnect', async () => {
    const el = await mount('cooldown', { pollInterval: 1 });
    const parent = el.parentElement!;
    el.remove();
    await sleep(1500);
    expect(calls('GET', '/backups')).to.have.length(1);
    parent.append(el);
    await waitUntil(() => calls('GET', '/backups').length === 2);
    await settled(el);
  });

  it('aborts a pending load when disconnected and applies no late answer', async () => {
    await mount('empty');
    backend.latencyMs = 400;
    const el = await mount('typical', { noWait: true });
    el.remove();
    await sleep(700);
    expect(el._list).to.equal(undefined);
  });
});

describe('keyboard', () => {
  it('opens the confirmation with Enter, closes it with Escape and returns focus', async () => {
    const el = await mount('empty');
    const opener = button(el, 'Solicitar backup');
    opener.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => openDialog(el));
    expect(openDialog(el)!.contains(el.shadowRoot!.activeElement)).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !openDialog(el));
    await waitUntil(() => el.shadowRoot!.activeElement === opener, 'focus did not return to the opener');
    expect(calls('POST', '/backups')).to.have.length(0);
  });

  it('downloads with the keyboard alone: Space accepts the terms, Enter confirms', async () => {
    const el = await mount('typical');
    button(el, 'Baixar arquivo').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => openDialog(el));
    // The checkbox has focus first.
    expect((el.shadowRoot!.activeElement as HTMLInputElement).type).to.equal('checkbox');
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    button(el, 'Baixar backup').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => /\.pem/.test(openDialog(el)!.textContent ?? ''));
    expect(calls('POST', '/backups/b-5/download')).to.have.length(1);
  });
});

describe('language resolution', () => {
  it('uses the nearest ancestor, then the document', async () => {
    await mount('empty');
    const wrapper = await fixture<HTMLElement>(html`<div lang="es"><account-backup-tab base-url="/api" poll-interval="0"></account-backup-tab></div>`);
    const el = wrapper.querySelector('account-backup-tab') as AccountBackupTab;
    await settled(el);
    expect(text(el)).to.contain('Aún no se ha solicitado ningún backup.');
    const before = document.documentElement.lang;
    document.documentElement.lang = 'en';
    try {
      const plain = await fixture<AccountBackupTab>(html`<account-backup-tab base-url="/api" poll-interval="0"></account-backup-tab>`);
      await settled(plain);
      expect(text(plain)).to.contain('No backup has been requested yet.');
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
      await waitUntil(() => seen.length === 1);
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
