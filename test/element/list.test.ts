import { expect, oneEvent } from '@open-wc/testing';
import { COOLDOWN_MS } from '../../mocks/backend.js';
import { formatDate } from '../../src/i18n/format.js';
import {
  backend,
  button,
  calls,
  fakeTime,
  hasButton,
  mount,
  openDialog,
  openDownloadAccepted,
  passTime,
  realTime,
  refreshed,
  rows,
  settled,
  shadow,
  statuses,
  tickUntil,
  until,
  visibleText,
  windowText,
  openChecksums,
  retryShown,
  showsWait,
} from '../support/helpers.js';
import { RETRY_FLOOR_MS } from '../../src/core/waits.js';

const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

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
});

describe('request', () => {
  it('asks for confirmation in a dialog, sends one POST with an Idempotency-Key, then disables the button', async () => {
    const el = await mount('empty');
    button(el, 'Solicitar backup').click();
    await until(() => openDialog(el));
    expect(openDialog(el)!.querySelector('h2')!.textContent).to.equal('Solicitar backup');
    // Behind the window, the page's own *Solicitar backup* is inert and out of the accessibility
    // tree: the confirmation's button is the only one a user (or a role query) can reach.
    await el.updateComplete;
    const pageButton = el.shadowRoot!.querySelector('[part~="request-button"]')!;
    expect(pageButton.closest('[inert][aria-hidden="true"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    const requested = oneEvent(el, 'account-backup-requested');
    button(el, 'Solicitar backup').click();
    button(el, 'Solicitar backup').click(); // a double click
    const { detail } = await requested;
    expect(detail.backup.status).to.equal('awaiting_release');
    await until(() => !openDialog(el));
    await settled(el);
    const posts = calls('POST', '/backups');
    expect(posts).to.have.length(1);
    expect(posts[0]!.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
    expect(posts[0]!.body).to.deep.equal({});
    expect(statuses(el)[0]).to.equal('Aguardando liberação');
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    expect(visibleText(el)).to.match(/Próxima solicitação disponível em .+ \(.+ UTC\)/);
    await expect(el).to.be.accessible();
  });

  it('reuses the Idempotency-Key when the same confirmation is retried', async () => {
    const el = await mount('empty');
    button(el, 'Solicitar backup').click();
    await until(() => openDialog(el));
    backend.failNext('server-error');
    button(el, 'Solicitar backup').click();
    await until(() => hasButton(el, 'Tentar novamente'));
    expect(windowText(el)).to.contain('O servidor encontrou um erro');
    await expect(el).to.be.accessible();
    button(el, 'Tentar novamente').click();
    await until(() => !openDialog(el));
    const keys = calls('POST', '/backups').map((r) => r.headers['idempotency-key']);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    await settled(el);
    expect(backend.backups).to.have.length(1);
  });

  it('retries a rate-limited request by itself only while the confirmation stays open', async () => {
    const clock = fakeTime();
    const el = await mount('empty');
    button(el, 'Solicitar backup').click();
    await until(() => openDialog(el));
    backend.failNext('rate-limited'); // Retry-After: 2, below the floor
    button(el, 'Solicitar backup').click();
    // The wait shown is the floor's (not the 2 s asked for), stretched by jitter.
    await until(() => showsWait(retryShown(el), RETRY_FLOOR_MS), 'no automatic retry announced');
    button(el, 'Fechar').click();
    // Closed as the user sees it: the focus is back on the page's *Solicitar backup*.
    await until(() => !openDialog(el) && shadow(el).activeElement === button(el, 'Solicitar backup'), 'the window did not close');
    // Well past the longest wait the retry could have had (the floor and a quarter).
    await passTime(clock, 2 * RETRY_FLOOR_MS, 1000);
    expect(calls('POST', '/backups')).to.have.length(1);
    expect(backend.backups).to.have.length(0);
  });

  it('treats a 409 cooldown as information and shows the date', async () => {
    const el = await mount('empty');
    // Another administrator requests first.
    backend.add({ id: 'other', status: 'awaiting_release', requestedAt: iso(Date.now() - 1000) });
    let errors = 0;
    el.addEventListener('account-backup-error', () => errors++);
    button(el, 'Solicitar backup').click();
    await until(() => openDialog(el));
    button(el, 'Solicitar backup').click();
    await until(() => !openDialog(el));
    await settled(el);
    expect(errors).to.equal(0);
    expect(visibleText(el)).to.contain('Um backup já foi solicitado');
    expect(visibleText(el)).to.contain('Próxima solicitação disponível em');
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    await expect(el).to.be.accessible();
    // Once a request is allowed again, the notice has nothing left to say.
    backend.setStatus('other', 'server_error');
    await refreshed(el);
    expect(button(el, 'Solicitar backup').disabled).to.equal(false);
    expect(visibleText(el)).not.to.contain('Um backup já foi solicitado');
  });

  it('keeps the button disabled during the cooldown and enabled after a server error', async () => {
    const el = await mount('cooldown');
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    const expected = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'medium', timeStyle: 'short' }).format(
      Date.parse(backend.list().nextRequestAt!),
    );
    expect(visibleText(el)).to.contain(expected);
    backend.setStatus('b-2', 'server_error');
    await refreshed(el);
    expect(button(el, 'Solicitar backup').disabled).to.equal(false);
  });

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
});

describe('download', () => {
  it('needs the terms accepted, then shows the SFTP access data and forgets it on close', async () => {
    const el = await mount('typical');
    const opener = button(el, 'Baixar arquivo');
    opener.click();
    await until(() => openDialog(el));
    const confirm = button(el, 'Baixar backup');
    expect(confirm.disabled).to.equal(true);
    expect(windowText(el)).to.contain('Ao baixá-lo');
    await expect(el).to.be.accessible();
    const checkbox = openDialog(el)!.querySelector('input[type=checkbox]') as HTMLInputElement;
    checkbox.click();
    await el.updateComplete;
    expect(button(el, 'Baixar backup').disabled).to.equal(false);
    const issued = oneEvent(el, 'account-backup-credentials-issued');
    button(el, 'Baixar backup').click();
    const { detail } = await issued;
    expect(detail).not.to.have.property('privateKey');
    await el.updateComplete;
    const posts = calls('POST', '/backups/b-5/download');
    expect(posts).to.have.length(1);
    expect(posts[0]!.body).to.deep.equal({ termsAccepted: true });
    const dialogText = windowText(el);
    for (const part of ['sftp.backup.softexpert.example', '2222', detail.username, detail.path, 'chmod 600', 'FileZilla', 'WinSCP']) {
      expect(dialogText).to.contain(part);
    }
    expect(dialogText).to.match(/sftp -P 2222 -i \S+\.pem \S+@sftp\.backup\.softexpert\.example:\S+/);
    expect(dialogText).to.contain('deixam de funcionar em');
    expect(hasButton(el, /\.pem/)).to.equal(true);
    await expect(el).to.be.accessible();

    // The key file: LF only, one final newline, named after the backup, URL revoked.
    const created: Blob[] = [];
    const revoked: string[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return createObjectURL.call(URL, blob);
    };
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      revokeObjectURL.call(URL, url);
    };
    const clicked: HTMLAnchorElement[] = [];
    const anchorClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      button(el, /\.pem/).click();
      button(el, 'Fechar').click();
      await until(() => !openDialog(el) && !shadow(el).innerHTML.includes(detail.username));
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
      HTMLAnchorElement.prototype.click = anchorClick;
    }
    expect(created).to.have.length(1);
    const key = await created[0]!.text();
    expect(key).to.match(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect(key).not.to.contain('\r');
    expect(key.endsWith('-----END OPENSSH PRIVATE KEY-----\n')).to.equal(true);
    expect(clicked[0]!.download).to.match(/\.pem$/);
    expect(revoked).to.have.length(1);
    // Closing forgets: nothing of the access data in the DOM.
    expect(el.shadowRoot!.innerHTML).not.to.contain(detail.username);
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(opener);
  });

  it('explains an expired backup in the window and refreshes the list', async () => {
    const el = await mount('typical');
    await openDownloadAccepted(el);
    backend.setStatus('b-5', 'expired');
    const gets = calls('GET', '/backups').length;
    button(el, 'Baixar backup').click();
    await until(() => windowText(el).includes('O prazo de download deste backup terminou'));
    await settled(el);
    expect(calls('GET', '/backups').length).to.equal(gets + 1);
    await expect(el).to.be.accessible();
  });
});

describe('errors', () => {
  const cases: [Parameters<typeof mount>[0], RegExp][] = [
    ['unauthorized', /Sua sessão expirou/],
    ['plan-not-eligible', /Enterprise e Regulated/],
    ['forbidden', /Gerenciar conta \(CM056\)/],
    // Retry-After: 2 is below the floor: the wait shown is the floor's (checked below).
    ['rate-limited', /Nova tentativa automática em \d+ s/],
    ['server-error', /O servidor encontrou um erro/],
    ['network-failure', /Não foi possível conectar/],
    ['malformed', /resposta inesperada/],
  ];
  for (const [scenario, message] of cases) {
    it(`${scenario}: says what happened and offers Tentar novamente`, async () => {
      const el = await mount(scenario);
      expect(visibleText(el)).to.match(message);
      // Real time runs between the 429 and this check: on a busy machine, seconds (still far above 2 s).
      if (scenario === 'rate-limited') expect(showsWait(retryShown(el), RETRY_FLOOR_MS, 3), visibleText(el)).to.equal(true);
      expect(hasButton(el, 'Tentar novamente')).to.equal(true);
      await expect(el).to.be.accessible();
      backend.fault = null;
      button(el, 'Tentar novamente').click();
      await until(() => rows(el).length === 5, 'the retry did not load the list');
      expect(hasButton(el, 'Tentar novamente')).to.equal(false);
    });
  }

  it('fires the unauthorized event on a 401', async () => {
    await mount('empty');
    backend.fault = 'unauthorized';
    const el = await mount('unauthorized', { noWait: true });
    const { detail } = await oneEvent(el, 'account-backup-unauthorized');
    expect(detail.operation).to.equal('list');
  });
});

describe('languages', () => {
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
    // CI's Chromium reports en-US: the browser's languages are stubbed to unsupported ones.
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['fr-FR', 'de'] });
    Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'fr-FR' });
    try {
      expect(document.documentElement.lang).to.not.match(/^(pt|en|es)/);
      const el = await mount('empty', { lang: 'fr' });
      expect(hasButton(el, 'Solicitar backup')).to.equal(true);
      expect(visibleText(el)).to.contain('Nenhum backup foi solicitado ainda.');
      expect(hasButton(el, 'Request backup')).to.equal(false);
    } finally {
      delete (navigator as { languages?: unknown }).languages;
      delete (navigator as { language?: unknown }).language;
    }
  });
});

describe('expiry and cooldown on a page left open', () => {
  it('crosses the instants without a reload', async () => {
    // A whole second, so the mock's timestamps (ISO without milliseconds) are exact.
    const time = fakeTime(Math.floor(Date.now() / 1000) * 1000);
    const el = await mount('empty');
    const now = Date.now();
    // Expires in 2 s; a request is allowed again in 3 s.
    backend.add({ id: 'r', status: 'ready', requestedAt: iso(now - 28 * DAY + 3000), readyAt: iso(now - 10 * DAY + 2000) });
    await refreshed(el);
    expect(statuses(el)).to.deep.equal(['Pronto para baixar']);
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    await time.tickAsync(1900);
    await el.updateComplete;
    expect(statuses(el)[0], 'a tenth of a second before the expiry').to.equal('Pronto para baixar');
    await tickUntil(time, () => statuses(el)[0] === 'Expirado', 'the ready backup did not expire on screen', { step: 50, max: 200 });
    expect(hasButton(el, 'Baixar arquivo')).to.equal(false);
    expect(button(el, 'Solicitar backup').disabled, 'before the 28 days').to.equal(true);
    await tickUntil(time, () => !button(el, 'Solicitar backup').disabled, 'the button did not come back', { step: 100, max: 1100 });
  });

});
