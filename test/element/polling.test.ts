/**
 * Polling: while a backup is pending the list refreshes by itself at the pace asked
 * (`poll-interval`), and stops once nothing is pending; a hidden page does not poll (it catches up
 * when shown), a failing backend is asked again later and later, a disconnected element sends
 * nothing. Waits of seconds run on fake timers (`Date` too, so the mock backend shares the clock).
 */
import { expect } from '@open-wc/testing';
import { RETRY_FLOOR_MS } from '../../src/core/waits.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import {
  announcement,
  backend,
  button,
  calls,
  fakeTime as installFakeTime,
  type FakeClock,
  mount,
  openDialog,
  openDownloadAccepted,
  openRequest,
  passTime,
  realTime,
  restoreVisibility,
  retryShown,
  rows,
  setHidden,
  settled,
  showsWait,
  sleep,
  statuses,
  tickUntil,
  until,
  visibleText,
  worker,
} from '../support/helpers.js';

const pt = stringsFor('pt-BR');

/** Polling runs on fake timers: seconds of waiting take milliseconds. */
let clock: FakeClock | undefined;
const fakeTime = () => (clock = installFakeTime());

/** Lets fake time pass, and the calls it caused reach the mock. */
const pass = (ms: number) => passTime(clock!, ms);

afterEach(() => {
  realTime();
  clock = undefined;
  restoreVisibility();
  worker.resetHandlers();
  backend.reset('empty');
});

describe('polling', () => {
  it('refreshes while a backup is pending and shows its new status', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    expect(statuses(el)).to.include('Em progresso');
    backend.setStatus('b-2', 'ready');
    await tickUntil(time, () => statuses(el).includes('Pronto para baixar'), 'the list did not refresh', { max: 2000 });
    expect(calls('GET', '/backups').length).to.be.greaterThan(1);
    expect(announcement(el)).to.contain('Pronto para baixar');
  });

  it('stops once nothing is pending, and never polls at 0', async () => {
    fakeTime();
    const idle = await mount('typical', { pollInterval: 1 });
    await pass(5000);
    expect(calls('GET', '/backups')).to.have.length(1);
    idle.remove();
    await mount('cooldown', { pollInterval: 0 });
    await pass(5000);
    expect(calls('GET', '/backups')).to.have.length(1);
  });

  it('sends nothing after a disconnect, and resumes on reconnect', async () => {
    fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    const parent = el.parentElement!;
    el.remove();
    await pass(5000);
    expect(calls('GET', '/backups')).to.have.length(1);
    parent.append(el);
    await until(() => calls('GET', '/backups').length === 2, 'no GET on reconnect');
    await settled(el);
  });

  it('removed with a window open, it sends nothing, even after the device sleeps', async () => {
    const time = fakeTime();
    const el = await mount('empty', { pollInterval: 1 });
    await openRequest(el);
    el.remove();
    await el.updateComplete;
    // Asleep for 2 hours: the wall clock moves on, timers do not.
    time.setSystemTime(Date.now() + 2 * 60 * 60_000);
    await passTime(time, 3 * 60_000, 5000);
    expect(calls('GET', '/backups')).to.have.length(1);
  });

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
});

describe('a hidden page', () => {
  it('pauses while the page is hidden and catches up when it is shown', async () => {
    fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    setHidden(true);
    await pass(5000);
    expect(calls('GET', '/backups')).to.have.length(1);
    setHidden(false);
    // At once, without waiting for the next interval.
    await until(() => calls('GET', '/backups').length === 2, 'no catch-up GET when the page was shown');
    await settled(el);
  });

  it('without notify, a hidden page does not poll', async () => {
    const time = fakeTime();
    await mount('cooldown', { pollInterval: 30 });
    setHidden(true);
    const gets = calls('GET', '/backups').length;
    await passTime(time, 10 * 60_000, 10_000);
    expect(calls('GET', '/backups').length).to.equal(gets);
  });

  it('sends nothing while hidden, even with a backed-off retry due, and one GET when shown again', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 }); // a backup in progress: polling is on
    backend.fault = 'server-error';
    await tickUntil(time, () => calls('GET', '/backups').length === 2, 'no poll', { max: 2000 });
    await settled(el);
    // The retry would come a floor (or a quarter more) after the failure; hidden for longer than that.
    setHidden(true);
    await passTime(time, 2 * RETRY_FLOOR_MS, 1000);
    expect(calls('GET', '/backups')).to.have.length(2);
    backend.fault = null;
    setHidden(false);
    // Overdue: at once, without a timer (no fake time passes here).
    await until(() => calls('GET', '/backups').length === 3, 'no GET when shown again');
    await until(() => !visibleText(el).includes('Não foi possível atualizar'), 'the list did not recover');
    await sleep(200);
    expect(calls('GET', '/backups')).to.have.length(3);
  });

  it('a device clock set back while the page was hidden holds no poll back: the next one comes at the pace', async () => {
    const time = fakeTime();
    await mount('cooldown', { pollInterval: 1 }); // a backup in progress: polling every second
    setHidden(true);
    time.setSystemTime(Date.now() - 5 * 60_000);
    setHidden(false);
    const gets = calls('GET', '/backups').length;
    await tickUntil(time, () => calls('GET', '/backups').length > gets, 'no poll after the clock was set back', { max: 2000 });
  });

  it('a page shown again before its retry is due sends nothing at once, and the retry at its time', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    backend.fault = 'server-error';
    await tickUntil(time, () => calls('GET', '/backups').length === 2, 'no poll', { max: 2000 });
    await settled(el);
    const failedAt = Date.now();
    setHidden(true);
    await passTime(time, RETRY_FLOOR_MS / 2, 1000);
    setHidden(false);
    await sleep(200);
    expect(calls('GET', '/backups'), 'nothing at once: the retry is not due').to.have.length(2);
    // Not before the floor counted from the failure, and by the floor and its quarter.
    await passTime(time, failedAt + RETRY_FLOOR_MS - 100 - Date.now(), 1000);
    expect(calls('GET', '/backups'), 'nothing before the floor').to.have.length(2);
    await tickUntil(time, () => calls('GET', '/backups').length === 3, 'no retry', { step: 250, max: RETRY_FLOOR_MS / 4 + 500 });
    el.remove();
  });
});

describe('after failures', () => {
  it('keeps the last list visible when a refresh fails, and backs off', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    backend.fault = 'server-error';
    await tickUntil(time, () => visibleText(el).includes('Não foi possível atualizar a lista.'), 'no stale notice', { max: 2000 });
    expect(rows(el)).to.have.length(2);
    // One failure: the next attempt waits the floor (10 s, not the 1 s pace); two failures: twice
    // that. Each wait may be stretched by up to a quarter (jitter), never shortened.
    for (const wait of [RETRY_FLOOR_MS, 2 * RETRY_FLOOR_MS]) {
      const failedAt = calls('GET', '/backups').length;
      await passTime(time, wait - 250, 1000);
      expect(calls('GET', '/backups').length, `nothing sent before ${wait} ms`).to.equal(failedAt);
      await tickUntil(time, () => calls('GET', '/backups').length > failedAt, `no retry by ${wait * 1.25} ms`, { step: 250, max: wait / 4 + 500 });
      expect(calls('GET', '/backups').length, 'one retry, not a burst').to.equal(failedAt + 1);
      expect(rows(el)).to.have.length(2);
    }
    expect(visibleText(el)).to.contain('Não foi possível atualizar a lista.');
    expect(rows(el)).to.have.length(2);
    backend.fault = null;
    // Three failures in a row: the next attempt comes within 4 × the floor (+ a quarter).
    await tickUntil(time, () => !visibleText(el).includes('Não foi possível atualizar'), 'did not recover', { step: 1000, max: 5 * RETRY_FLOOR_MS + 1000 });
    expect(rows(el)).to.have.length(2);
  });

  it('backs off exponentially on consecutive errors and returns to the interval after a success', async () => {
    const time = fakeTime();
    const at: number[] = [];
    const el = await mount('cooldown', { pollInterval: 1 });
    /** Notes the fake instant each GET is first seen (to the step of tickUntil). */
    const seen = () => {
      while (at.length < calls('GET', '/backups').length) at.push(Date.now());
      return at.length;
    };
    seen();
    const paced = { step: 50, max: 2000 };
    const backedOff = { step: 250, max: 3 * RETRY_FLOOR_MS };
    backend.fault = 'server-error';
    await tickUntil(time, () => seen() === 2, 'first failing poll', paced);
    await tickUntil(time, () => seen() === 3, 'second failing poll', backedOff);
    backend.fault = null; // the fourth call succeeds
    await tickUntil(time, () => seen() === 4, 'third poll', backedOff);
    await tickUntil(time, () => seen() === 5, 'poll after the success', paced);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // The pace (1 s); after one failure the floor, after two twice the floor (each stretched by
    // up to a quarter, to the step of tickUntil); back to the pace after a success.
    expect(gaps[0]).to.be.within(1000, 1050);
    expect(gaps[1]).to.be.within(RETRY_FLOOR_MS, RETRY_FLOOR_MS * 1.25 + 250);
    expect(gaps[2]).to.be.within(2 * RETRY_FLOOR_MS, 2 * RETRY_FLOOR_MS * 1.25 + 250);
    expect(gaps[3]).to.be.within(1000, 1050);
    el.remove();
  });
});

describe('poll-interval changed at run time', () => {
  it('from 0 to 1 with a backup in progress: a GET within about a second', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 0 });
    await passTime(time, 5000, 500);
    const gets = calls('GET', '/backups').length;
    el.pollInterval = 1;
    await tickUntil(time, () => calls('GET', '/backups').length > gets, 'no GET after poll-interval became 1', { max: 1500, step: 250 });
  });

  it('from 1 to 0: no GET after that', async () => {
    const time = fakeTime();
    const el = await mount('cooldown', { pollInterval: 1 });
    await passTime(time, 300, 100);
    el.pollInterval = 0;
    await el.updateComplete;
    const gets = calls('GET', '/backups').length;
    await passTime(time, 10_000, 500);
    expect(calls('GET', '/backups').length).to.equal(gets);
  });
});
