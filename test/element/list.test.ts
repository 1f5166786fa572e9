/**
 * The list as a user meets it: loading, the empty history, every backup newest first with its
 * requester and its status in the help article's words, what a ready row offers, and how long a
 * pending one has waited.
 */
import { expect } from '@open-wc/testing';
import {
  backend,
  button,
  calls,
  mount,
  openChecksums,
  realTime,
  rows,
  settled,
  statuses,
  visibleText,
} from '../support/helpers.js';

afterEach(() => {
  realTime();
  backend.reset('empty');
});

describe('list', () => {
  it('shows the empty state, one GET, and allows a request', async () => {
    const el = await mount('empty');
    expect(visibleText(el)).to.contain('Nenhum backup foi solicitado ainda.');
    expect(button(el, 'Solicitar backup').disabled).to.equal(false);
    expect(calls('GET', '/backups')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('shows a loading state while the first load is pending', async () => {
    await mount('empty');
    backend.latencyMs = 500;
    const el = await mount('slow', { noWait: true });
    expect(visibleText(el)).to.contain('Carregando backups…');
    await expect(el).to.be.accessible();
    await settled(el);
  });

  it('shows every backup newest first with its requester and exact status label', async () => {
    const el = await mount('typical');
    const list = rows(el);
    expect(list).to.have.length(5);
    expect(statuses(el)).to.deep.equal(['Pronto para baixar', 'Expirado', 'Expirado', 'Erro de servidor', 'Expirado']);
    expect(list[2]).to.contain('maria.silva@example.com');
    await expect(el).to.be.accessible();
  });

  it('labels every status exactly, unknown values as Valor inválido', async () => {
    const el = await mount('every-status');
    const labels = statuses(el);
    for (const label of ['Aguardando liberação', 'Em progresso', 'Pronto para baixar', 'Expirado', 'Erro de servidor', 'Valor inválido']) {
      expect(labels).to.include(label);
    }
    await expect(el).to.be.accessible();
  });

  it('offers Baixar arquivo only on ready rows, with size, expiry, days left and checksum', async () => {
    const el = await mount('typical');
    expect(el.shadowRoot!.querySelectorAll('[part~="download-button"]')).to.have.length(1);
    const ready = rows(el)[0]!;
    expect(ready).to.contain('Tamanho');
    expect(ready).to.contain('Disponível até');
    expect(ready).to.match(/em [0-9]+ dias/);
    // The checksum and its commands render once Verificar SHA-256 is opened.
    expect(ready).not.to.contain('sha256sum');
    await openChecksums(el);
    expect(rows(el)[0]).to.contain('sha256sum');
    expect(rows(el)[0]).to.contain('Get-FileHash');
  });

  it('pending rows say how long they have waited and when they are expected', async () => {
    const el = await mount('v1.1');
    const pending = rows(el).find((r) => r.includes('Aguardando liberação'))!;
    expect(pending).to.match(/Solicitado há \d+ (minutos?|horas?|dias?)/);
    expect(pending).to.contain('Previsão:');
    await expect(el).to.be.accessible();
  });
});
