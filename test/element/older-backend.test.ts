/**
 * A backend that speaks contract v1: without nextRequestAt the element derives the 28 days itself,
 * and none of v1.1's controls (cancel, known_hosts, the estimate, fingerprints) appear.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { COOLDOWN_MS } from '../../mocks/backend.js';
import { formatDate } from '../../src/i18n/format.js';
import {
  backend,
  button,
  calls,
  hasButton,
  mount,
  openDialog,
  openDownloadAccepted,
  realTime,
  restoreVisibility,
  shadow,
  visibleText,
  worker,
} from '../support/helpers.js';

const dialogText = (el: Element): string => (openDialog(el)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const codeAfter = (el: Element, label: string): string => {
  const dt = [...openDialog(el)!.querySelectorAll('dt')].find((d) => d.textContent!.trim() === label);
  return dt!.parentElement!.querySelector('code')!.textContent!;
};

afterEach(() => {
  realTime();
  restoreVisibility();
  worker.resetHandlers();
  backend.reset('empty');
});

describe('an older backend (contract v1)', () => {
  it('derives the next date as requestedAt + 28 days when an older backend omits nextRequestAt', async () => {
    const el = await mount('older-backend');
    expect(calls('GET', '/backups')).to.have.length(1);
    expect(backend.list()).not.to.have.property('nextRequestAt');
    const requestedAt = Date.parse(backend.backups.find((b) => b.id === 'b-2')!.requestedAt);
    const next = requestedAt + COOLDOWN_MS;
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    expect(visibleText(el)).to.contain(`Próxima solicitação disponível em ${formatDate('pt-BR', next)}`);
    const time = shadow(el).querySelector('[part~="next-request"] time')!;
    expect(Date.parse(time.getAttribute('datetime')!)).to.equal(next);
  });

  it('shows no v1.1 control at all', async () => {
    for (const scenario of ['typical', 'every-status', 'cooldown'] as const) {
      const el = await mount(scenario);
      for (const label of ['Cancelar solicitação', 'Salvar known_hosts']) expect(hasButton(el, label), `${scenario}: ${label}`).to.equal(false);
      expect(shadow(el).textContent).not.to.contain('Previsão');
      if (scenario === 'typical') {
        await openDownloadAccepted(el);
        button(el, 'Baixar backup').click();
        await waitUntil(() => dialogText(el).includes('Dados de acesso SFTP'));
        expect(dialogText(el)).not.to.contain('Impressão digital');
        expect(hasButton(el, 'Salvar known_hosts')).to.equal(false);
        expect(codeAfter(el, 'Comando sftp')).to.match(/^sftp -P 2222 -i \S+\.pem \S+@sftp\.backup\.softexpert\.example:\S+ \S+$/);
      }
      el.remove();
    }
  });
});
