/**
 * Regressions (issue 10): four ways the old sharing of one timer, one key and one list between the
 * windows and the poll lost work. Each test was written before the fix and failed on the code it
 * found the bug in. They assert what the user sees and what the backend received. (The axe audit
 * hangs under fake timers, so the two tests on a fake clock audit nothing; the states they reach
 * are audited in the other files.)
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { BackupList } from '../src/core/types.js';
import { formatDate } from '../src/i18n/format.js';
import { stringsFor } from '../src/i18n/resolve.js';
import { DAY_MS, iso } from '../mocks/time.js';
import { RETRY_FLOOR_MS } from '../src/core/waits.js';
import {
  backend,
  button,
  calls,
  fakeTime,
  mount,
  openDialog,
  openDownloadAccepted,
  openRequest,
  realTime,
  restoreVisibility,
  retryShown,
  setHidden,
  settled,
  showsWait,
  statuses,
  tickUntil,
  until,
  visibleText,
  worker,
} from './support/helpers.js';

const pt = stringsFor('pt-BR');

afterEach(() => {
  realTime();
  restoreVisibility();
  worker.resetHandlers();
  backend.reset('empty');
});

const keyOf = (i: number) => calls('POST', '/backups')[i]?.headers['idempotency-key'];

describe('regressions of issue 10', () => {
  it('polling goes on after a rate-limited Baixar backup whose window was closed', async () => {
    const time = fakeTime();
    const el = await mount('every-status', { pollInterval: 1 });
    expect(statuses(el)).to.include('Em progresso');

    await openDownloadAccepted(el);
    backend.failNext('rate-limited');
    button(el, 'Baixar backup').click();
    // Retry-After: 2 is below the floor: the wait shown is the floor's, with its jitter.
    await until(() => visibleText(el).includes(pt.errors.rate_limited) && showsWait(retryShown(el), RETRY_FLOOR_MS), 'the 429 was not shown');
    button(el, 'Fechar').click();
    await until(() => !openDialog(el), 'the window did not close');

    // b-5 and b-6 are still pending: the window's 429 is the window's; polling every second must go on.
    const gets = calls('GET', '/backups').length;
    await tickUntil(time, () => calls('GET', '/backups').length > gets, 'no GET /backups after the window closed', { max: 10_000 });
    backend.setStatus('b-5', 'ready');
    await tickUntil(time, () => statuses(el).filter((s) => s === 'Pronto para baixar').length === 2, 'the list never showed b-5 ready', {
      max: 10_000,
    });
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

  it('a 201 whose body breaks the contract keeps the Idempotency-Key, so the retry creates no second backup', async () => {
    const el = await mount('typical');
    // The backend creates the backup, but the answer is not the contract's (a proxy, a bug).
    worker.use(
      http.post(
        '/api/backups',
        ({ request }) => {
          const headers = Object.fromEntries([...request.headers].map(([name, value]) => [name.toLowerCase(), value]));
          backend.handle({ method: 'POST', path: '/backups', headers, body: undefined });
          return HttpResponse.json({ id: 42, status: null }, { status: 201 });
        },
        { once: true },
      ),
    );
    await openRequest(el);
    button(el, 'Solicitar backup').click();
    await until(() => visibleText(el).includes(pt.errors.invalid_response), 'the broken answer was not reported');
    await expect(el).to.be.accessible();

    button(el, 'Tentar novamente').click();
    await until(() => calls('POST', '/backups').length === 2, 'the retry was not sent');
    expect(keyOf(1), 'the retry must reuse the Idempotency-Key').to.equal(keyOf(0));
    await until(() => !openDialog(el), 'the window did not close after the retry');
    await settled(el);
    expect(statuses(el).filter((s) => s === 'Aguardando liberação'), 'one new backup').to.have.length(1);
    expect(backend.backups.filter((b) => b.status === 'awaiting_release'), 'one backup on the backend').to.have.length(1);
    expect(visibleText(el)).not.to.contain(pt.cooldown);
  });

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
