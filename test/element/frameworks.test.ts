/** The element used the way integrators use it: from plain HTML, from a React 19 app, and on a host page with hostile CSS and its own fetch. */
import { expect } from '@open-wc/testing';
import { createElement, createRoot, flushSync } from 'virtual:react';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { fixture, html } from '@open-wc/testing';
import {
  backend,
  button,
  calls,
  mount,
  openDialog,
  rows,
  settled,
  until,
} from '../support/helpers.js';
import { startMockBackend } from '../../mocks/browser.js';

let host: HTMLElement;

beforeEach(async () => {
  await startMockBackend();
  backend.reset('typical');
  backend.requests.length = 0;
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(() => {
  host.remove();
  backend.reset('empty');
});

describe('plain HTML', () => {
  it('works from markup alone, with the terms slot filled by the page', async () => {
    host.innerHTML = `<account-backup-tab base-url="/api" lang="pt-BR" poll-interval="0">
        <div slot="terms"><p>Termos oficiais da SoftExpert para download de backups.</p></div>
      </account-backup-tab>`;
    const el = host.firstElementChild as AccountBackupTab;
    await until(() => rows(el).length === 5, 'the list did not load');
    button(el, 'Baixar arquivo').click();
    await until(() => openDialog(el));
    const slot = openDialog(el)!.querySelector('slot[name=terms]') as HTMLSlotElement;
    expect(slot.assignedElements()[0]!.textContent).to.contain('Termos oficiais da SoftExpert');
    await expect(el).to.be.accessible();
  });
});

describe('React 19', () => {
  it('takes properties and attributes from JSX and delivers its events to React handlers', async () => {
    const requested: string[] = [];
    const seen: string[] = [];
    const sessionFetch = (input: string, init: RequestInit) => {
      seen.push(`${init.method} ${input}`);
      return fetch(input, init);
    };
    const root = createRoot(host);
    flushSync(() =>
      root.render(
        createElement('account-backup-tab', {
          'base-url': '/api',
          lang: 'pt-BR',
          'poll-interval': '0',
          fetch: sessionFetch,
          'onaccount-backup-requested': (event: CustomEvent<{ backup: { id: string } }>) => requested.push(event.detail.backup.id),
        }),
      ),
    );
    const el = host.querySelector('account-backup-tab') as AccountBackupTab;
    expect(el.fetch).to.equal(sessionFetch);
    await until(() => rows(el).length === 5, 'the list did not load');
    expect(seen[0]).to.equal('GET /api/backups');
    button(el, 'Solicitar backup').click();
    await until(() => openDialog(el));
    button(el, 'Solicitar backup').click();
    await until(() => requested.length === 1, 'React did not get the event');
    expect(calls('POST', '/backups')).to.have.length(1);
    root.unmount();
  });
});

describe('a host page', () => {
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
