/**
 * The element's custom states (`ElementInternals.states`), as a host page's CSS sees them:
 * `account-backup-tab:state(ready)` and the others. Each is on while the element is in that state,
 * and off otherwise, along what the user does.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { backend, button, mount, openDownloadAccepted, openRequest, settled, until, windowText } from '../support/helpers.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import { startMockBackend } from '../../mocks/browser.js';

const pt = stringsFor('pt-BR');
const STATES = ['loading', 'cooldown', 'error', 'pending', 'ready'] as const;
type State = (typeof STATES)[number];

/** The states a page's CSS matches now. */
const states = (el: Element): State[] => STATES.filter((s) => el.matches(`:state(${s})`));

afterEach(() => backend.reset('empty'));

describe('custom states a host page can style', () => {
  it('a page rule on :state(ready) applies while a backup can be downloaded', async () => {
    await startMockBackend();
    backend.reset('typical');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <style>
        account-backup-tab:state(ready) {
          outline: 3px solid rgb(0, 128, 0);
        }
      </style>
      <account-backup-tab base-url="/api" lang="pt-BR" poll-interval="0"></account-backup-tab>
    </div>`);
    const el = wrapper.querySelector('account-backup-tab') as AccountBackupTab;
    await settled(el);
    expect(states(el), 'the state').to.include('ready');
    expect(getComputedStyle(el).outlineColor).to.equal('rgb(0, 128, 0)');
  });

  it('empty history: none but what is true (no cooldown, nothing pending, nothing ready, no error)', async () => {
    const el = await mount('empty');
    expect(states(el)).to.deep.equal([]);
  });

  it('loading while the first load is on the wire, then not', async () => {
    backend.reset('typical');
    backend.latencyMs = 600;
    const el = await mount('typical', { keepBackend: true, noWait: true });
    await until(() => states(el).includes('loading'), 'no :state(loading) during the first load');
    await settled(el);
    expect(states(el)).not.to.include('loading');
  });

  it('typical history: ready and cooldown-free; pending and cooldown when a request is in progress', async () => {
    const typical = await mount('typical');
    expect(states(typical)).to.deep.equal(['ready']);
    const el = await mount('cooldown');
    expect(states(el)).to.have.members(['cooldown', 'pending']);
  });

  it('cooldown comes with a request, and pending with it', async () => {
    const el = await mount('empty');
    await openRequest(el);
    button(el, 'Solicitar backup').click();
    await until(() => states(el).includes('cooldown'), 'no :state(cooldown) after a request');
    expect(states(el)).to.include('pending');
  });

  it('error while the list’s failure is shown, gone when Tentar novamente loads it', async () => {
    backend.reset('server-error');
    const el = await mount('server-error', { keepBackend: true });
    expect(states(el)).to.deep.equal(['error']);
    await expect(el).to.be.accessible();
    backend.fault = null;
    button(el, 'Tentar novamente').click();
    await until(() => !states(el).includes('error'), ':state(error) stayed after the list loaded');
  });

  it('error while a window shows its failure, gone when the window closes', async () => {
    const el = await mount('typical');
    await openDownloadAccepted(el);
    backend.failNext('server-error');
    button(el, 'Baixar backup').click();
    await until(() => windowText(el).includes(pt.errors.server), 'the window did not show the failure');
    expect(states(el)).to.include('error');
    button(el, 'Fechar').click();
    await until(() => !states(el).includes('error'), ':state(error) stayed after the window closed');
  });
});
