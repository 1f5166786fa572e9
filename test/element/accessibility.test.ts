/**
 * The element with a keyboard and a screen reader: what its list of buttons reads (every control
 * named, no two controls of different backups sharing a name, each name beginning with the label
 * the eye sees, WCAG 2.5.3), the keyboard alone, where the focus lands when a window closes, the
 * heading level, and what the live region announces.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { DAY_MS, HOUR_MS, iso } from '../../mocks/time.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import {
  accessibleName,
  backend,
  button,
  calls,
  focusOnNamedControl,
  focused,
  mount,
  openChecksums,
  openDialog,
  openDownloadAccepted,
  openRequest,
  realTime,
  settled,
  shadow,
  until,
  windowText,
} from '../support/helpers.js';

const pt = stringsFor('pt-BR');
const announced = (el: Element): string => shadow(el).querySelector('[role=status]')!.textContent!.trim();

afterEach(() => {
  realTime();
  backend.reset('empty');
});

describe('the names of the rows’ controls', () => {
  it('say which backup each acts on, and begin with the visible label', async () => {
    backend.reset('v1.1');
    const now = backend.now();
    backend.add({ id: 'r-2', status: 'ready', requestedAt: iso(now - 40 * DAY_MS), readyAt: iso(now - 3 * DAY_MS) });
    backend.add({ id: 'a-2', status: 'awaiting_release', requestedAt: iso(now - 3 * HOUR_MS) });
    const el = await mount('v1.1', { keepBackend: true });
    await openChecksums(el);
    const controls = [...shadow(el).querySelectorAll('tbody button, tbody summary')];
    const labels = new Set(controls.map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()));
    expect([...labels]).to.include.members(['Baixar arquivo', 'Lembrar antes de expirar', 'Cancelar solicitação']);
    for (const label of labels) {
      const named = controls.filter((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim() === label).map(accessibleName);
      expect(named.length, label).to.be.at.least(2);
      expect(new Set(named).size, `the names of the ${label} controls: ${named.join(' | ')}`).to.equal(named.length);
      for (const name of named) expect(name.startsWith(label), `${name} begins with ${label}`).to.equal(true);
    }
    await expect(el).to.be.accessible();
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

describe('focus after a window closes', () => {
  it('after a 410 in the download window and Escape, the focus is on a visible, named control', async () => {
    const el = await mount('typical');
    // The backend lets it expire while the user reads the terms.
    backend.setStatus('b-5', 'expired');
    await openDownloadAccepted(el);
    button(el, 'Baixar backup').click();
    await until(() => windowText(el).includes(pt.errors.expired), 'the window did not say it expired');
    await settled(el);
    await sendKeys({ press: 'Escape' });
    await until(() => !openDialog(el), 'the window did not close');
    await until(() => focusOnNamedControl(), `the focus is on ${focused()?.outerHTML.slice(0, 80)}`);
    await expect(el).to.be.accessible();
  });

  it('after a request, the focus is on a visible, named control (the request button is disabled now)', async () => {
    const el = await mount('empty');
    await openRequest(el);
    button(el, 'Solicitar backup').click();
    await until(() => !openDialog(el), 'the window did not close');
    await until(() => focusOnNamedControl(), `the focus is on ${focused()?.outerHTML.slice(0, 80)}`);
  });

  it('a request closed with Escape while it was on the wire, whose answer shows the button disabled: the focus stays on a visible, named control', async () => {
    const el = await mount('empty');
    // Another administrator was first, and this request is lost on the network: the list read
    // after it shows the other request, and the request button disabled.
    backend.add({ status: 'awaiting_release', requestedAt: iso(Date.now()) });
    backend.failNext('network-failure');
    backend.latencyMs = 300;
    const opener = button(el, 'Solicitar backup');
    opener.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => openDialog(el), 'the confirmation did not open');
    button(el, 'Solicitar backup').click();
    await sendKeys({ press: 'Escape' });
    await until(() => !openDialog(el), 'the window did not close');
    await until(() => opener.disabled, 'the list did not show the other request');
    await settled(el);
    expect(focusOnNamedControl(), `the focus is on ${focused()?.outerHTML.slice(0, 80)}`).to.equal(true);
  });
});

describe('heading level', () => {
  const level = (el: Element) => shadow(el).querySelector('[role=heading]')!.getAttribute('aria-level');

  it('is 2 by default and follows heading-level, ignoring values ARIA does not know', async () => {
    const el = await mount('empty');
    expect(level(el)).to.equal('2');
    el.setAttribute('heading-level', '3');
    await el.updateComplete;
    expect(level(el)).to.equal('3');
    el.setAttribute('heading-level', '9');
    await el.updateComplete;
    expect(level(el)).to.equal('2');
    await expect(el).to.be.accessible();
  });
});

describe('the live region', () => {
  it('follows the language and a list that becomes empty', async () => {
    const el = await mount('typical');
    expect(announced(el)).to.equal('5 backups na lista.');
    el.lang = 'en';
    await el.updateComplete;
    expect(announced(el)).to.equal('5 backups in the list.');
    backend.reset('empty');
    await el.refresh();
    await el.updateComplete;
    expect(announced(el)).to.equal('No backup has been requested yet.');
  });
});
