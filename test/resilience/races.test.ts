/**
 * Races: double clicks, two tabs, a request racing a poll, a lagging read replica, a disconnect
 * mid-request or mid-load, a window closed while its call is on the wire, a window closed and
 * opened again at once.
 */
import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import { sendKeys } from '@web/test-runner-commands';
import type { BackupList } from '../../src/core/types.js';
import { formatDate } from '../../src/i18n/format.js';
import { DAY_MS, iso } from '../../mocks/time.js';
import {
  announcement,
  backend,
  button,
  calls,
  hasButton,
  idle,
  mount,
  openDialog,
  openDownloadAccepted,
  openRequest,
  refreshed,
  rows,
  settled,
  shadow,
  sleep,
  statuses,
  until,
  visibleText,
  windowText,
  worker,
} from '../support/helpers.js';

const pt = stringsFor('pt-BR');


const uncaught: string[] = [];
const onError = (event: ErrorEvent) => uncaught.push(event.message);
const onRejection = (event: PromiseRejectionEvent) => uncaught.push(String(event.reason));

beforeEach(() => {
  uncaught.length = 0;
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});

afterEach(async () => {
  await sleep(0);
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  worker.resetHandlers();
  backend.reset('empty');
  expect(uncaught, 'uncaught errors').to.deep.equal([]);
});

/** What the user's screen is made of: the rendered shadow DOM and the live region. */
const snapshot = (el: AccountBackupTab) => JSON.stringify({ dom: shadow(el).innerHTML, announcement: announcement(el) });

/** Records every change of the shadow DOM from now on (Lit renders a detached element too). */
function watchDom(el: AccountBackupTab): { changes: MutationRecord[]; stop(): void } {
  const changes: MutationRecord[] = [];
  const observer = new MutationObserver((records) => changes.push(...records));
  observer.observe(shadow(el), { subtree: true, childList: true, characterData: true, attributes: true });
  return {
    changes,
    stop: () => {
      changes.push(...observer.takeRecords());
      observer.disconnect();
    },
  };
}

describe('double clicks', () => {
  it('a double (and triple) click on the confirmation sends one POST', async () => {
    const el = await mount('empty');
    backend.latencyMs = 150;
    await openRequest(el);
    const confirm = button(el, 'Solicitar backup');
    confirm.click();
    confirm.click();
    confirm.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true })); // even on a disabled button
    await until(() => !openDialog(el), 'no answer');
    await idle(el);
    expect(calls('POST', '/backups')).to.have.length(1);
    expect(backend.backups).to.have.length(1);
    expect(rows(el)).to.have.length(1);
  });

  it('a double click on Baixar backup issues the credentials once', async () => {
    const el = await mount('typical');
    backend.latencyMs = 150;
    await openDownloadAccepted(el);
    const confirm = button(el, 'Baixar backup');
    confirm.click();
    confirm.click();
    await until(() => /\.pem/.test(windowText(el)), 'no credentials');
    expect(calls('POST', '/backups/b-5/download')).to.have.length(1);
  });

  it('a double click on Tentar novamente sends one retry', async () => {
    const el = await mount('empty');
    await openRequest(el);
    backend.failNext('server-error');
    button(el, 'Solicitar backup').click();
    await until(() => hasButton(el, 'Tentar novamente'));
    backend.latencyMs = 150;
    const retry = button(el, 'Tentar novamente');
    retry.click();
    retry.click();
    await until(() => !openDialog(el));
    await idle(el);
    expect(calls('POST', '/backups')).to.have.length(2); // the failed one and one retry
    expect(backend.backups).to.have.length(1);
  });
});

describe('two tabs', () => {
  it('the second tab to confirm gets 409 cooldown and shows the date, not an error', async () => {
    backend.reset('empty');
    const first = await mount('empty', { keepBackend: true });
    const second = await mount('empty', { keepBackend: true });
    const errors: string[] = [];
    second.addEventListener('account-backup-error', (e) => errors.push(e.detail.kind));
    await openRequest(first);
    await openRequest(second);
    button(first, 'Solicitar backup').click();
    await until(() => !openDialog(first));
    button(second, 'Solicitar backup').click();
    await until(() => !openDialog(second));
    await idle(first);
    await idle(second);
    expect(calls('POST', '/backups')).to.have.length(2);
    expect(backend.backups).to.have.length(1);
    expect(errors).to.deep.equal([]);
    expect(hasButton(second, 'Tentar novamente')).to.equal(false);
    expect(visibleText(second)).to.contain(pt.cooldown);
    const expected = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(backend.list().nextRequestAt!));
    expect(visibleText(second)).to.contain(`${pt.nextRequest} ${expected}`);
    expect(button(second, 'Solicitar backup').disabled).to.equal(true);
    // The refresh after the 409 shows the other tab's backup.
    expect(statuses(second)).to.deep.equal(['Aguardando liberação']);
    expect(visibleText(first)).to.contain(`${pt.nextRequest} ${expected}`);
  });
});

describe('a request racing a poll', () => {
  /** GETs answer with the state of the moment they arrived, `ms` later: a stale answer. */
  const staleGets = (ms: number) =>
    worker.use(
      http.get('/api/backups', async () => {
        const snapshot = backend.list();
        await delay(ms);
        return HttpResponse.json(snapshot);
      }),
    );

  it('a poll answered after the POST (with the list from before it) does not undo the new backup', async () => {
    const el = await mount('typical');
    staleGets(300);
    const polling = el.refresh(); // in flight, will answer without the new backup
    await openRequest(el);
    button(el, 'Solicitar backup').click();
    await until(() => !openDialog(el));
    expect(statuses(el)[0]).to.equal('Aguardando liberação');
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    await polling;
    await sleep(350); // the stale answer would have landed by now
    await idle(el);
    expect(rows(el)).to.have.length(6);
    expect(statuses(el)[0]).to.equal('Aguardando liberação');
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
  });

  it('a poll answered while the POST is still pending, then the POST: the new backup shows', async () => {
    const el = await mount('typical');
    worker.use(
      http.post('/api/backups', async ({ request }) => {
        await delay(300);
        const answer = backend.handle({
          method: 'POST',
          path: '/backups',
          headers: { 'idempotency-key': request.headers.get('Idempotency-Key') ?? '' },
          body: {},
        });
        const { body, status } = answer as unknown as { body: never; status: number };
        return HttpResponse.json(body, { status });
      }),
    );
    await openRequest(el);
    button(el, 'Solicitar backup').click();
    await sleep(50);
    await refreshed(el); // answers before the POST does
    expect(rows(el)).to.have.length(5);
    await until(() => !openDialog(el), 'no answer to the POST');
    await idle(el);
    expect(rows(el)).to.have.length(6);
    expect(statuses(el)[0]).to.equal('Aguardando liberação');
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
  });
});

describe('disconnects', () => {
  it('a disconnect during the request aborts it; the detached element is not updated', async () => {
    const el = await mount('empty');
    let aborted = false;
    worker.use(
      http.post('/api/backups', async ({ request }) => {
        request.signal.addEventListener('abort', () => (aborted = true));
        await delay(250);
        return HttpResponse.json(backend.add({ status: 'awaiting_release' }), { status: 201 });
      }),
    );
    const events: string[] = [];
    for (const type of ['account-backup-requested', 'account-backup-error']) el.addEventListener(type, () => events.push(type));
    await openRequest(el);
    button(el, 'Solicitar backup').click();
    await sleep(50);
    const parent = el.parentElement!;
    el.remove();
    await el.updateComplete;
    const before = snapshot(el);
    const dom = watchDom(el);
    await sleep(400);
    await el.updateComplete;
    dom.stop();
    expect(aborted || events.length === 0, 'the answer was neither aborted nor ignored').to.equal(true);
    expect(events).to.deep.equal([]);
    expect(snapshot(el)).to.equal(before);
    expect(dom.changes, 'a detached element changed its screen').to.deep.equal([]);
    // Reconnecting resumes: one GET, and the screen reflects the server.
    worker.resetHandlers();
    const gets = calls('GET', '/backups').length;
    parent.append(el);
    await until(() => calls('GET', '/backups').length === gets + 1, 'no GET on reconnect');
    await idle(el);
    expect(shadow(el).querySelector('[aria-busy="true"]'), 'something stayed busy').to.equal(null);
    expect(openDialog(el), 'the confirmation reappeared on reconnect').to.equal(null);
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    expect(rows(el)).to.have.length(backend.backups.length);
  });

  it('a disconnect during the download aborts it; no credentials reach the detached element', async () => {
    const el = await mount('typical');
    backend.latencyMs = 250;
    const issued: unknown[] = [];
    el.addEventListener('account-backup-credentials-issued', (e) => issued.push(e.detail));
    await openDownloadAccepted(el);
    button(el, 'Baixar backup').click();
    await sleep(50);
    const parent = el.parentElement!;
    el.remove();
    await sleep(400);
    expect(issued).to.deep.equal([]);
    expect(shadow(el).innerHTML, 'credentials on the detached element').not.to.contain('bkp_');
    backend.latencyMs = 0;
    parent.append(el);
    await idle(el);
    expect(rows(el)).to.have.length(5);
    expect(openDialog(el), 'the download window reappeared on reconnect').to.equal(null);
    // Opened again, it starts over with the terms.
    button(el, 'Baixar arquivo').click();
    await until(() => openDialog(el), 'the window did not open again');
    expect(hasButton(el, /\.pem/)).to.equal(false);
    expect(button(el, 'Baixar backup').disabled).to.equal(true);
  });

  it('a disconnect during a refresh ignores its answer; reconnecting loads again', async () => {
    const el = await mount('typical');
    backend.latencyMs = 200;
    backend.add({ id: 'b-6', status: 'awaiting_release', requestedAt: iso(Date.now() - DAY_MS) });
    void el.refresh();
    await sleep(30);
    const parent = el.parentElement!;
    el.remove();
    const before = snapshot(el);
    await sleep(300);
    expect(snapshot(el)).to.equal(before);
    expect(rows(el)).to.have.length(5);
    backend.latencyMs = 0;
    parent.append(el);
    await until(() => rows(el).length === 6, 'reconnecting did not reload');
  });

  it('aborts a pending load when disconnected and applies no late answer', async () => {
    // The answer is held until the element is gone: no timing can let it in first.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    await mount('empty');
    worker.use(
      http.get('/api/backups', async () => {
        asked = true;
        await held;
        return HttpResponse.json(backend.list());
      }, { once: true }),
    );
    const el = await mount('typical', { noWait: true, keepBackend: true });
    backend.reset('typical');
    await until(() => asked, 'the first GET was not sent');
    el.remove();
    release();
    await sleep(300);
    expect(rows(el), 'no rows from the late answer').to.deep.equal([]);
    expect(shadow(el).querySelector('table')).to.equal(null);
    expect(announcement(el)).to.equal('');
  });
});

describe('a lagging read replica', () => {
  it('a 409 cooldown stays visible when the next list, from a lagging replica, still says nextRequestAt: null', async () => {
    const el = await mount('typical');
    const stale: BackupList = backend.list();
    expect(stale.nextRequestAt).to.equal(null);
    // Another administrator was first: the primary knows, the replica that answers GET does not yet.
    const next = Math.floor((Date.now() + 27 * DAY_MS) / 1000) * 1000;
    worker.use(
      http.post('/api/backups', () => {
        backend.requests.push({ method: 'POST', path: '/backups', headers: {}, body: undefined });
        return HttpResponse.json({ error: 'cooldown', nextRequestAt: iso(next) }, { status: 409 });
      }),
      http.get('/api/backups', () => {
        backend.requests.push({ method: 'GET', path: '/backups', headers: {}, body: undefined });
        return HttpResponse.json(stale);
      }),
    );
    const gets = calls('GET', '/backups').length;
    await openRequest(el);
    button(el, 'Solicitar backup').click();
    await until(() => !openDialog(el), 'the window did not close on the 409');
    await until(() => calls('GET', '/backups').length > gets, 'the list was not refreshed after the 409');
    await settled(el);

    const shown = visibleText(el);
    expect(shown, 'the date of the 409').to.contain(`${pt.nextRequest} ${formatDate('pt-BR', next)}`);
    expect(shown, 'the notice').to.contain(pt.cooldown);
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    await expect(el).to.be.accessible();

    // Still so after another refresh from the same replica.
    button(el, pt.refresh).click();
    await until(() => calls('GET', '/backups').length > gets + 1, 'Atualizar lista sent nothing');
    await settled(el);
    expect(visibleText(el)).to.contain(`${pt.nextRequest} ${formatDate('pt-BR', next)}`);
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
  });
});

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

describe('closing and reopening a window at once', () => {
  it('Fechar then Baixar arquivo in the same instant: the reopened window shows its terms', async () => {
    const el = await mount('typical');
    button(el, 'Baixar arquivo').click();
    await until(() => openDialog(el)?.querySelector('input[type=checkbox]'));
    button(el, pt.close).click();
    button(el, 'Baixar arquivo').click(); // before the queued close event is delivered
    await until(() => openDialog(el));
    await sleep(50); // the close event of the first window has been delivered by now
    await el.updateComplete;
    expect(openDialog(el), 'the stale close event closed the reopened window').to.not.equal(null);
    const checkbox = openDialog(el)!.querySelector<HTMLInputElement>('input[type=checkbox]');
    expect(checkbox, 'the reopened window is empty').to.not.equal(null);
    // It is b-5's window: accepting and confirming asks for b-5's access data.
    checkbox!.click();
    await el.updateComplete;
    button(el, 'Baixar backup').click();
    await until(() => hasButton(el, /\.pem/), 'no credentials');
    expect(calls('POST', '/backups/b-5/download')).to.have.length(1);
  });
});
