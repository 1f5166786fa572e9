/** Cancelling a request still awaiting release (contract v1.1): asked first, one DELETE, Cancelado, and a new request allowed. */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import {
  backend,
  button,
  hasButton,
  mount,
  openDialog,
  realTime,
  restoreVisibility,
  shadow,
  statuses,
  worker,
} from '../support/helpers.js';

const dialogText = (el: Element): string => (openDialog(el)?.textContent ?? '').replace(/\s+/g, ' ').trim();

afterEach(() => {
  realTime();
  restoreVisibility();
  worker.resetHandlers();
  backend.reset('empty');
});

describe('cancelling a request awaiting release', () => {
  it('asks first, sends DELETE, shows Cancelado and allows a new request', async () => {
    const el = await mount('cancellable');
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    button(el, 'Cancelar solicitação').click();
    await waitUntil(() => openDialog(el));
    expect(openDialog(el)!.querySelector('h2')!.textContent).to.equal('Cancelar solicitação');
    // The window's other button only closes it.
    expect([...openDialog(el)!.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['Fechar', 'Cancelar solicitação']);
    await expect(el).to.be.accessible();
    const cancelled = oneEvent(el, 'account-backup-cancelled');
    button(el, 'Cancelar solicitação').click();
    expect((await cancelled).detail.backup.status).to.equal('cancelled');
    await waitUntil(() => !openDialog(el) && statuses(el).includes('Cancelado'), 'the list did not show Cancelado');
    expect(backend.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).to.deep.equal(['/backups/b-2']);
    await waitUntil(() => !button(el, 'Solicitar backup').disabled, 'requests are not allowed again');
    // Said first, then the list's refresh says the new status.
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.match(/Solicitação cancelada\.|: Cancelado/);
    await expect(el).to.be.accessible();
  });

  it('closing the window cancels nothing', async () => {
    const el = await mount('cancellable');
    button(el, 'Cancelar solicitação').click();
    await waitUntil(() => openDialog(el));
    button(el, 'Fechar').click();
    await waitUntil(() => !openDialog(el));
    expect(backend.requests.filter((r) => r.method === 'DELETE')).to.have.length(0);
    expect(statuses(el)).to.include('Aguardando liberação');
  });

  it('says so when the cloud team has already started (409 not_cancellable), and leaves only closing', async () => {
    const el = await mount('cancel-too-late');
    button(el, 'Cancelar solicitação').click();
    await waitUntil(() => openDialog(el));
    button(el, 'Cancelar solicitação').click();
    await waitUntil(() => dialogText(el).includes('não pode mais ser cancelada'));
    expect(button(el, 'Cancelar solicitação').disabled).to.equal(true);
    expect(button(el, 'Fechar').disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('speaks English and Spanish', async () => {
    const en = await mount('cancellable', { lang: 'en' });
    expect(hasButton(en, 'Cancel request')).to.equal(true);
    en.remove();
    const es = await mount('cancellable', { lang: 'es' });
    expect(hasButton(es, 'Cancelar solicitud')).to.equal(true);
  });
});
