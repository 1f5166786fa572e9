/** After every action the user sees what it did: copied, saved, a wait counting down, a window that says what is left. */
import { expect, waitUntil } from '@open-wc/testing';
import { RETRY_FLOOR_MS } from '../../src/core/waits.js';
import {
  backend,
  button,
  fakeTime,
  hasButton,
  mount,
  openDialog,
  openDownloadAccepted,
  realTime,
  retryShown,
  shadow,
  showsWait,
  tickUntil,
  until,
} from '../support/helpers.js';

const announced = (el: Element): string => shadow(el).querySelector('[role=status]')!.textContent!.trim();
const dialogText = (el: Element): string => (openDialog(el)?.textContent ?? '').replace(/\s+/g, ' ').trim();

let writeText: Clipboard['writeText'];
beforeEach(() => {
  writeText = navigator.clipboard.writeText;
});
afterEach(() => {
  realTime();
  navigator.clipboard.writeText = writeText;
  backend.reset('empty');
});

async function openCredentials(el: Element): Promise<void> {
  await openDownloadAccepted(el as never);
  button(el, 'Baixar backup').click();
  await waitUntil(() => dialogText(el).includes('Dados de acesso SFTP'), 'no credentials');
}

describe('copy buttons', () => {
  it('show Copiado beside the button that was clicked, then let it go', async function () {
    const copied: string[] = [];
    navigator.clipboard.writeText = async (text: string) => void copied.push(text);
    const el = await mount('typical');
    shadow(el).querySelector('details')!.open = true;
    // The checksum renders once its <details> is open. Its copy button reads "Copiar", and is
    // named after the value and the backup it is of.
    await waitUntil(() => hasButton(el, /^Copiar SHA-256/), 'the checksum did not render when opened');
    const copy = button(el, /^Copiar SHA-256/);
    const row = copy.closest('tr')!;
    const requested = row.querySelector('th')!.textContent!.trim();
    expect(copy.textContent!.trim()).to.equal('Copiar');
    expect(copy.getAttribute('aria-label')).to.equal(`Copiar SHA-256 (${requested})`);
    copy.click();
    await waitUntil(() => shadow(el).querySelector('.copied'), 'no visible feedback');
    const feedback = shadow(el).querySelector('.copied')!;
    expect(feedback.textContent).to.equal('Copiado');
    // Beside its own button, visible.
    expect(feedback.previousElementSibling).to.equal(copy);
    expect(feedback.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(copied).to.deep.equal([backend.get('b-5').sha256]);
    expect(announced(el)).to.equal('Copiado');
    await expect(el).to.be.accessible();
    await waitUntil(() => !shadow(el).querySelector('.copied'), 'the feedback stayed', { timeout: 5000 });
  });

  it('say so when the clipboard refuses', async () => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    const el = await mount('typical');
    await openCredentials(el);
    button(el, 'Copiar Host').click();
    await waitUntil(() => openDialog(el)!.querySelector('.copied'));
    expect(openDialog(el)!.querySelector('.copied')!.textContent).to.equal('Não foi possível copiar.');
    await expect(el).to.be.accessible();
  });
});

describe('saving the key', () => {
  it('says which file it was saved as', async () => {
    const click = HTMLAnchorElement.prototype.click;
    const names: string[] = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      names.push(this.download);
    };
    try {
      const el = await mount('typical');
      await openCredentials(el);
      button(el, /\.pem/).click();
      await waitUntil(() => dialogText(el).includes('Chave salva como'));
      expect(dialogText(el)).to.contain(`Chave salva como ${names[0]}.`);
      expect(announced(el)).to.equal(`Chave salva como ${names[0]}.`);
      await expect(el).to.be.accessible();
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
  });
});

describe('a rate-limited confirmation', () => {
  it('counts the wait down on screen, then sends by itself', async () => {
    // The wait is the floor's, 10 s or more: fake time, so it takes no real seconds (and the
    // harness's until(), which waits on real time).
    const clock = fakeTime();
    const el = await mount('empty');
    button(el, 'Solicitar backup').click();
    await until(() => openDialog(el));
    backend.failNext('rate-limited'); // Retry-After: 2, below the floor
    button(el, 'Solicitar backup').click();
    await until(() => dialogText(el).includes('Nova tentativa automática em'), 'no countdown');
    expect(dialogText(el)).to.contain('Muitas solicitações em pouco tempo.');
    const first = retryShown(el)!;
    expect(showsWait(first, RETRY_FLOOR_MS), `${first} s`).to.equal(true);
    // A second later, one second less.
    await clock.tickAsync(1000);
    await el.updateComplete;
    expect(retryShown(el)).to.equal(first - 1);
    expect(backend.requests.filter((r) => r.method === 'POST')).to.have.length(1);
    // Then it sends by itself, once, and the request goes through.
    await tickUntil(clock, () => !openDialog(el), 'the automatic retry did not succeed', { step: 500, max: first * 1000 });
    expect(backend.requests.filter((r) => r.method === 'POST')).to.have.length(2);
    realTime();
    await expect(el).to.be.accessible();
  });
});

describe('the download window after a final answer', () => {
  it('offers only closing once the backup expired', async () => {
    const el = await mount('typical');
    await openDownloadAccepted(el);
    backend.setStatus('b-5', 'expired');
    button(el, 'Baixar backup').click();
    await waitUntil(() => dialogText(el).includes('O prazo de download deste backup terminou'));
    expect(button(el, 'Baixar backup').disabled).to.equal(true);
    expect(button(el, 'Fechar').disabled).to.equal(false);
    expect([...openDialog(el)!.querySelectorAll('button')].filter((b) => !b.disabled).map((b) => b.textContent!.trim())).to.deep.equal(['Fechar']);
    await expect(el).to.be.accessible();
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

describe('the page language, live', () => {
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
