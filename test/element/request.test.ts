/**
 * Requesting a backup: the confirmation in a window, one POST with its Idempotency-Key, the 28 days
 * that follow (the button disabled, the date shown), a 409 from another administrator taken as
 * information, and a rate-limited confirmation that retries by itself while it stays open.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { RETRY_FLOOR_MS } from '../../src/core/waits.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import { iso } from '../../mocks/time.js';
import {
  backend,
  button,
  calls,
  fakeTime,
  hasButton,
  mount,
  openDialog,
  openRequest,
  passTime,
  realTime,
  refreshed,
  restoreVisibility,
  retryShown,
  setHidden,
  settled,
  shadow,
  showsWait,
  statuses,
  tickUntil,
  until,
  visibleText,
  windowText,
  worker,
} from '../support/helpers.js';

const pt = stringsFor('pt-BR');

const dialogText = (el: Element): string => (openDialog(el)?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The Idempotency-Key of the i-th POST /backups. */
const keyOf = (i: number) => calls('POST', '/backups')[i]?.headers['idempotency-key'];

afterEach(() => {
  realTime();
  restoreVisibility();
  worker.resetHandlers();
  backend.reset('empty');
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

  it('the promised automatic retry comes even when the page was hidden and shown meanwhile', async () => {
    const time = fakeTime();
    const el = await mount('typical');
    await openRequest(el);
    backend.failNext('rate-limited');
    button(el, 'Solicitar backup').click();
    await until(() => visibleText(el).includes(pt.errors.rate_limited) && showsWait(retryShown(el), RETRY_FLOOR_MS), 'the 429 was not shown');
    expect(calls('POST', '/backups')).to.have.length(1);

    setHidden(true);
    await time.tickAsync(500);
    setHidden(false);

    // The promise: a retry by the floor and its quarter (Retry-After: 2 is below it).
    await tickUntil(time, () => calls('POST', '/backups').length === 2, 'the promised retry was never sent', { step: 500, max: RETRY_FLOOR_MS * 1.25 + 1000 });
    expect(keyOf(1), 'the retry reuses the Idempotency-Key').to.equal(keyOf(0));
    await until(() => !openDialog(el), 'the window did not close after the retry succeeded');
    await settled(el);
    expect(statuses(el)[0]).to.equal('Aguardando liberação');
    expect(visibleText(el)).to.contain(pt.nextRequest);
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
  });
});
