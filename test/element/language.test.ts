/**
 * The language the element speaks: pt-BR, English and Spanish, from its own lang, the nearest
 * ancestor's (also outside the shadow root it sits in), the page's, or the browser's, following
 * each change; pt-BR when none is supported, and the text marked with the language it is in.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import {
  backend,
  button,
  hasButton,
  mount,
  openRequest,
  realTime,
  restoreVisibility,
  settled,
  shadow,
  statuses,
  until,
  visibleText,
  worker,
} from '../support/helpers.js';

const pt = stringsFor('pt-BR');
const en = stringsFor('en');
/** The page's own lang, given back after each test. */
const pageLang = document.documentElement.lang;

afterEach(() => {
  realTime();
  restoreVisibility();
  worker.resetHandlers();
  backend.reset('empty');
  document.documentElement.lang = pageLang;
});

describe('the language the element speaks', () => {
  it('speaks English and Spanish when asked', async () => {
    const el = await mount('every-status', { lang: 'en' });
    expect(statuses(el)).to.include.members(['Awaiting release', 'In progress', 'Ready to download', 'Expired', 'Server error', 'Invalid value']);
    expect(hasButton(el, 'Request backup')).to.equal(true);
    el.lang = 'es';
    await el.updateComplete;
    expect(hasButton(el, 'Solicitar backup')).to.equal(true);
    expect(statuses(el)).to.include('Listo para descargar');
  });

  it('falls back to pt-BR when neither the element, the page nor the browser names a supported language', async () => {
    // CI's Chromium reports en-US: the browser's languages are stubbed to unsupported ones (qaa–qtz
    // are ISO 639's local-use codes, never a language the element could come to speak).
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['qaa-FR', 'qab'] });
    Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'qaa-FR' });
    try {
      expect(document.documentElement.lang).to.not.match(/^(pt|en|es)/);
      const el = await mount('empty', { lang: 'qaa' });
      expect(hasButton(el, 'Solicitar backup')).to.equal(true);
      expect(visibleText(el)).to.contain('Nenhum backup foi solicitado ainda.');
      expect(hasButton(el, 'Request backup')).to.equal(false);
    } finally {
      delete (navigator as { languages?: unknown }).languages;
      delete (navigator as { language?: unknown }).language;
    }
  });

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

  it('follows a change of an ancestor’s lang and of <html lang>', async () => {
    const wrapper = document.createElement('div');
    wrapper.lang = 'pt-BR';
    document.body.append(wrapper);
    const el = await mount('typical', { lang: '' });
    wrapper.append(el);
    await el.updateComplete;
    el.removeAttribute('lang');
    await waitUntil(() => button(el, 'Solicitar backup'));
    wrapper.lang = 'es';
    await waitUntil(() => shadow(el).textContent!.includes('Descargar archivo'), 'the ancestor’s lang was not followed');
    wrapper.removeAttribute('lang');
    const before = document.documentElement.lang;
    document.documentElement.lang = 'en';
    try {
      await waitUntil(() => shadow(el).textContent!.includes('Download file'), 'the document’s lang was not followed');
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.lang = before;
      wrapper.remove();
    }
  });
});

describe('a language set outside the element', () => {
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

  it('the text is marked with the language it is written in: on <html lang="qaa"> the pt-BR fallback says lang="pt-BR"', async () => {
    document.documentElement.lang = 'qaa';
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['qab-DE', 'qaa'] });
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
