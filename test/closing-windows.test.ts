/**
 * A window closes, however it closes (Escape, *Fechar*), while its call is on the wire or after it
 * failed: nothing the user did is lost, the list shows what the backend did, and the focus lands on
 * a control the user can see and that has a name.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { stringsFor } from '../src/i18n/resolve.js';
import {
  backend,
  button,
  calls,
  focusOnNamedControl,
  focused,
  mount,
  openDialog,
  openDownloadAccepted,
  openRequest,
  rows,
  settled,
  statuses,
  until,
  visibleText,
  windowText,
} from './support/helpers.js';

const pt = stringsFor('pt-BR');

afterEach(() => backend.reset('empty'));

describe('a window closed while its call is on the wire', () => {
  for (const how of ['Escape', 'Fechar'] as const) {
    it(`Solicitar backup confirmed, then ${how} before the answer: the new row appears and the button is disabled`, async () => {
      const el = await mount('empty');
      backend.latencyMs = 1500;
      await openRequest(el);
      button(el, 'Solicitar backup').click();
      await until(() => calls('POST', '/backups').length === 1, 'the confirmation sent nothing');
      if (how === 'Escape') await sendKeys({ press: 'Escape' });
      else button(el, 'Fechar').click();
      await until(() => !openDialog(el), 'the window did not close');
      await until(() => rows(el).length === 1, 'the backup the server created never showed', { timeout: 5000 });
      expect(button(el, 'Solicitar backup').disabled).to.equal(true);
      expect(visibleText(el)).to.contain(pt.nextRequest);
      expect(calls('POST', '/backups')).to.have.length(1);
    });
  }

  it('Cancelar solicitação confirmed, then Escape before the answer: the row says Cancelado', async () => {
    const el = await mount('v1.1');
    expect(statuses(el).filter((s) => s === pt.status.cancelled)).to.have.length(1);
    backend.latencyMs = 1500;
    button(el, /^Cancelar solicitação/).click();
    await until(() => openDialog(el), 'the confirmation did not open');
    button(el, /^Cancelar solicitação/).click();
    await until(() => calls('DELETE').length === 1, 'the confirmation sent nothing');
    await sendKeys({ press: 'Escape' });
    await until(() => statuses(el).filter((s) => s === pt.status.cancelled).length === 2, 'the cancelled request never showed', { timeout: 5000 });
    expect(statuses(el)).not.to.include(pt.status.awaiting_release);
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
});
