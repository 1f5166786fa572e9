/**
 * The server's clock, not the device's: every rule (expiry, the 28 days, waits) runs on the time the
 * backend's `Date` header gives, a `Retry-After` never makes the element hammer the backend, a
 * timestamp without a zone breaks the contract, and text that depends on the clock follows it, even
 * across a sleep that no `visibilitychange` announces. Time is faked (`Date` and timers); the mock
 * backend keeps its own clock `clockOffsetMs` away from the device's, and stamps it on every answer.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { RETRY_FLOOR_MS } from '../../src/core/waits.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import { DAY_MS, HOUR_MS, iso } from '../../mocks/time.js';
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
  restoreVisibility,
  setHidden,
  settled,
  statuses,
  tickUntil,
  until,
  visibleText,
  worker,
} from '../support/helpers.js';

const pt = stringsFor('pt-BR');
const MINUTE_MS = 60_000;

afterEach(() => {
  worker.resetHandlers();
  realTime();
  restoreVisibility();
  backend.reset('empty');
});

/** Sets the backend's clock `offset` away from the device's, then lets `setup` add records on the backend's time. */
function serverAhead(offset: number, setup: (serverNow: number) => void): void {
  backend.reset('empty');
  backend.clockOffsetMs = offset;
  setup(backend.now());
}

describe("rules run on the server's time", () => {
  it('with the device 2 days ahead, a backup the server still offers is ready and downloadable, and the 28 days are not over', async () => {
    fakeTime();
    serverAhead(-2 * DAY_MS, (now) => {
      // Requested 27 days ago by the server's clock (next request in 1 day), ready until tomorrow.
      backend.add({ id: 'b-1', status: 'ready', requestedAt: iso(now - 27 * DAY_MS), readyAt: iso(now - 9 * DAY_MS), expiresAt: iso(now + DAY_MS) });
    });
    const el = await mount('empty', { keepBackend: true });
    expect(statuses(el)).to.deep.equal(['Pronto para baixar']);
    expect(hasButton(el, /^Baixar arquivo/)).to.equal(true);
    expect(button(el, 'Solicitar backup').disabled, 'the server allows no request before tomorrow').to.equal(true);
    expect(visibleText(el)).to.contain(pt.nextRequest);
  });

  it('with the device 2 days behind, a backup whose expiry has passed on the server is expired, and an older backend\'s 28 days are over', async () => {
    fakeTime();
    const serverNow = Date.now() + 2 * DAY_MS;
    // A backend that still says ready (it lags), whose own Date says the 10 days are over, and that
    // sends no nextRequestAt (older backend): the element derives the 28 days, on the server's time.
    const body = {
      backups: [{ id: 'b-1', status: 'ready', requestedAt: iso(serverNow - 29 * DAY_MS), readyAt: iso(serverNow - 11 * DAY_MS), expiresAt: iso(serverNow - DAY_MS) }],
    };
    worker.use(http.get('/api/backups', () => HttpResponse.json(body, { headers: { Date: new Date(serverNow).toUTCString() } })));
    const el = await mount('empty');
    expect(statuses(el)).to.deep.equal(['Expirado']);
    expect(hasButton(el, /^Baixar arquivo/)).to.equal(false);
    expect(button(el, 'Solicitar backup').disabled).to.equal(false);
  });

  it('without a Date header, the device clock is the fallback', async () => {
    fakeTime();
    serverAhead(0, (now) => {
      backend.add({ id: 'b-1', status: 'ready', requestedAt: iso(now - 20 * DAY_MS), readyAt: iso(now - 9 * DAY_MS), expiresAt: iso(now + HOUR_MS) });
    });
    backend.sendsDate = false;
    const el = await mount('empty', { keepBackend: true });
    expect(statuses(el)).to.deep.equal(['Pronto para baixar']);
  });
});

describe('no answer makes the element hammer the backend', () => {
  it('Retry-After: 0 on every list load: a few GETs a minute, not one per tick', async () => {
    const time = fakeTime();
    backend.reset('cooldown'); // an in-progress backup: the list polls
    const el = await mount('cooldown', { keepBackend: true, pollInterval: 30 });
    backend.fault = 'rate-limited';
    backend.retryAfter = '0';
    const before = calls('GET', '/backups').length;
    await passTime(time, 2 * MINUTE_MS, 2000);
    const sent = calls('GET', '/backups').length - before;
    expect(sent, `GETs in 2 minutes of Retry-After: 0`).to.be.within(1, 8);
    expect(visibleText(el)).to.contain(pt.errors.rate_limited);
  });

  it('Retry-After: 0 on the confirmation: a few POSTs a minute, all with the same Idempotency-Key', async () => {
    const time = fakeTime();
    const el = await mount('typical');
    await openRequest(el);
    backend.fault = 'rate-limited';
    backend.retryAfter = '0';
    button(el, 'Solicitar backup').click();
    await until(() => calls('POST', '/backups').length === 1, 'the confirmation sent nothing');
    await passTime(time, 2 * MINUTE_MS, 2000);
    const posts = calls('POST', '/backups');
    expect(posts.length, 'POSTs in 2 minutes of Retry-After: 0').to.be.within(1, 8);
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).to.equal(1);
  });

  it('a failed load, then the device wakes from a sleep: the server is not asked again before the floor', async () => {
    const time = fakeTime();
    const el = await mount('typical', { pollInterval: 0 });
    backend.failNext('server-error');
    button(el, pt.refresh).click();
    await until(() => visibleText(el).includes(pt.errors.server), 'the failure was not shown');
    const gets = calls('GET', '/backups').length;
    // Asleep for 2 hours; on waking the page is shown again (and renders).
    setHidden(true);
    time.setSystemTime(Date.now() + 2 * HOUR_MS);
    setHidden(false);
    await passTime(time, RETRY_FLOOR_MS - 1000, 1000);
    expect(calls('GET', '/backups').length, 'GETs sooner than the floor after the failure').to.equal(gets);
  });

  it('a failed poll, then the device sleeps with the page hidden: shown again, it retries by itself', async () => {
    const time = fakeTime();
    backend.reset('cooldown'); // an in-progress backup: the list polls
    const el = await mount('cooldown', { keepBackend: true, pollInterval: 30 });
    backend.failNext('rate-limited');
    backend.retryAfter = '0';
    const shown = statuses(el);
    button(el, pt.refresh).click();
    await until(() => visibleText(el).includes(pt.errors.rate_limited), 'the failure was not shown');
    const gets = calls('GET', '/backups').length;
    // The tab goes to the background (no notify: no polls), the laptop sleeps for 2 hours, and the
    // heartbeat notices the jump while the page is still hidden.
    setHidden(true);
    time.setSystemTime(Date.now() + 2 * HOUR_MS);
    await passTime(time, MINUTE_MS + 1000, 1000);
    expect(calls('GET', '/backups').length, 'GETs while hidden without notify').to.equal(gets);
    setHidden(false);
    await passTime(time, 2 * MINUTE_MS, 1000);
    expect(calls('GET', '/backups').length, 'the retry after the page was shown again').to.be.within(gets + 1, gets + 4);
    expect(visibleText(el)).not.to.contain(pt.errors.rate_limited);
    expect(statuses(el)).to.deep.equal(shown);
  });

  it("an HTTP-date Retry-After is read against the answer's Date: with the device 5 hours behind, the wait is the server's 30 s", async () => {
    const time = fakeTime();
    backend.reset('cooldown');
    backend.clockOffsetMs = 5 * HOUR_MS;
    const el = await mount('cooldown', { keepBackend: true, pollInterval: 30 });
    backend.retryAfter = new Date(backend.now() + 30_000).toUTCString();
    backend.failNext('rate-limited');
    await el.refresh().catch(() => undefined);
    await until(() => visibleText(el).includes(pt.errors.rate_limited), 'the 429 was not shown');
    const shown = /(\d+) s\./.exec(visibleText(el).split(pt.errors.rate_limited)[1] ?? '')?.[1];
    expect(Number(shown), "the wait shown, in seconds: the server’s 30, stretched by at most a quarter").to.be.within(30, 38);
    const gets = calls('GET', '/backups').length;
    await tickUntil(time, () => calls('GET', '/backups').length > gets, 'no retry within a minute', { max: MINUTE_MS, step: 1000 });
  });
});

describe('timestamps are RFC 3339 with a zone', () => {
  it('an expiresAt without a zone breaks the contract: no download the backend would refuse, a message and a way to retry', async () => {
    fakeTime();
    backend.reset('empty');
    const now = backend.now();
    // Expired an hour ago in UTC; read as São Paulo time it would seem 2 hours away.
    backend.add({ id: 'b-1', status: 'ready', requestedAt: iso(now - 20 * DAY_MS), readyAt: iso(now - 10 * DAY_MS - HOUR_MS), expiresAt: iso(now - HOUR_MS).replace('Z', '') });
    const el = await mount('empty', { keepBackend: true });
    expect(hasButton(el, /^Baixar arquivo/)).to.equal(false);
    expect(visibleText(el)).to.contain(pt.errors.invalid_response);
    expect(hasButton(el, 'Tentar novamente')).to.equal(true);
  });

  it('an offset other than Z is the same instant', async () => {
    fakeTime();
    backend.reset('empty');
    const now = backend.now();
    const expires = new Date(now + 2 * HOUR_MS);
    // The same instant written in UTC-03:00.
    const local = new Date(expires.getTime() - 3 * HOUR_MS).toISOString().replace(/\.\d{3}Z$/, '-03:00');
    backend.add({ id: 'b-1', status: 'ready', requestedAt: iso(now - 20 * DAY_MS), readyAt: iso(now - DAY_MS), expiresAt: local });
    const el = await mount('empty', { keepBackend: true });
    expect(statuses(el)).to.deep.equal(['Pronto para baixar']);
    expect(visibleText(el)).to.contain('2 horas');
  });
});

describe('text that follows the clock', () => {
  it('"Solicitado há 2 minutos" says 42 minutes, 40 minutes later, without a reload', async () => {
    const time = fakeTime();
    backend.reset('empty');
    backend.add({ id: 'b-1', status: 'in_progress', requestedAt: iso(backend.now() - 2 * MINUTE_MS) });
    const el = await mount('empty', { keepBackend: true, pollInterval: 0 });
    expect(visibleText(el)).to.contain('há 2 minutos');
    await passTime(time, 40 * MINUTE_MS, 30_000);
    await el.updateComplete;
    expect(visibleText(el)).to.contain('há 42 minutos');
  });

  it('after a sleep that no visibilitychange announces, an expired backup is shown expired within a minute of waking', async () => {
    const time = fakeTime();
    backend.reset('empty');
    const now = backend.now();
    backend.add({ id: 'b-1', status: 'ready', requestedAt: iso(now - 20 * DAY_MS), readyAt: iso(now - 10 * DAY_MS + 30 * MINUTE_MS), expiresAt: iso(now + 30 * MINUTE_MS) });
    const el = await mount('empty', { keepBackend: true });
    expect(statuses(el)).to.deep.equal(['Pronto para baixar']);
    // Asleep for 2 hours: the wall clock moves on, timers do not.
    time.setSystemTime(Date.now() + 2 * HOUR_MS);
    await passTime(time, MINUTE_MS, 5000);
    await el.updateComplete;
    expect(statuses(el)).to.deep.equal(['Expirado']);
    expect(hasButton(el, /^Baixar arquivo/)).to.equal(false);
  });

  it('after the device clock is set back, the request button comes back at the server\'s instant once the element has read the server\'s time again', async () => {
    const time = fakeTime();
    backend.reset('empty');
    // The server allows the next request 75 s from now: after the first heartbeat (a minute), which notices the jump.
    backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(backend.now() - 28 * DAY_MS + 75_000), readyAt: iso(backend.now() - 27 * DAY_MS) });
    const el = await mount('empty', { keepBackend: true, pollInterval: 0 });
    await settled(el);
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    // The device's clock goes 5 minutes back; the server's does not move.
    time.setSystemTime(Date.now() - 5 * MINUTE_MS);
    backend.clockOffsetMs += 5 * MINUTE_MS;
    await tickUntil(time, () => !button(el, 'Solicitar backup').disabled, 'the button did not come back at the server\'s instant', { step: 500, max: 78_000 });
    expect(calls('GET', '/backups').length, 'the server was asked again after the jump').to.equal(2);
  });

  it('after a sleep, a window closed before the heartbeat beats: the expired backup is still shown expired within a minute of waking', async () => {
    const time = fakeTime();
    backend.reset('empty');
    const now = backend.now();
    backend.add({ id: 'b-1', status: 'ready', requestedAt: iso(now - 20 * DAY_MS), readyAt: iso(now - 10 * DAY_MS + 30 * MINUTE_MS), expiresAt: iso(now + 30 * MINUTE_MS) });
    const el = await mount('empty', { keepBackend: true, pollInterval: 0 });
    button(el, /^Baixar arquivo/).click();
    await until(() => openDialog(el), 'the download window did not open');
    // Asleep for 2 hours with the window open; on waking, the user closes it first.
    time.setSystemTime(Date.now() + 2 * HOUR_MS);
    button(el, 'Fechar').click();
    await until(() => !openDialog(el), 'the window did not close');
    await passTime(time, MINUTE_MS, 5000);
    await el.updateComplete;
    expect(statuses(el)).to.deep.equal(['Expirado']);
    expect(hasButton(el, /^Baixar arquivo/)).to.equal(false);
  });

  it('the request button comes back after a sleep past the 28-day instant, within a minute of waking', async () => {
    const time = fakeTime();
    backend.reset('empty');
    backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(backend.now() - 28 * DAY_MS + HOUR_MS), readyAt: iso(backend.now() - 27 * DAY_MS) });
    const el = await mount('empty', { keepBackend: true });
    await settled(el);
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    time.setSystemTime(Date.now() + 3 * HOUR_MS);
    await passTime(time, MINUTE_MS, 5000);
    await el.updateComplete;
    expect(button(el, 'Solicitar backup').disabled).to.equal(false);
  });
});
