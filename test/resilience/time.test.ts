/**
 * Time: a page left open for weeks. The clock is faked (`Date`, `setTimeout`, `clearTimeout`,
 * advancing with real time so the test helpers keep working); the mock backend reads the same clock.
 */
import { expect } from '@open-wc/testing';
import { install } from '@sinonjs/fake-timers';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import {
  backend,
  button,
  calls,
  fakeTime,
  hasButton,
  mount,
  realTime,
  refreshed,
  restoreVisibility,
  setHidden,
  statuses,
  tickUntil,
  until,
  visibleText,
} from '../support/helpers.js';
import { DAY_MS, HOUR_MS, iso } from '../../mocks/time.js';

const pt = stringsFor('pt-BR');

let clock: ReturnType<typeof install> | undefined;

/**
 * `exact`: from `exact.now`, and the fake clock stands still between ticks (by default it also
 * advances with real time, 20 ms at a time, so a render may come a little after its timer).
 */
async function mountAt(setup: (now: number) => void, pollInterval = 0, exact?: { now: number }): Promise<AccountBackupTab> {
  clock = install({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: exact?.now ?? Date.now(), shouldAdvanceTime: !exact });
  backend.reset('empty');
  setup(Date.now());
  const el = await mount('empty', { keepBackend: true, pollInterval });
  expect(statuses(el), 'the list is on screen').not.to.deep.equal([]);
  return el;
}

/**
 * Lets `ms` pass, running the element's timers on the way (its heartbeat beats every minute) in one
 * synchronous sweep: nothing here waits on the network, and a day of beats through `tickAsync`
 * would take seconds of real time.
 */
async function later(ms: number): Promise<void> {
  clock!.tick(ms);
  await Promise.resolve();
}

afterEach(() => {
  clock?.uninstall();
  clock = undefined;
  realTime();
  restoreVisibility();
  backend.reset('empty');
});

describe('a page left open for weeks', () => {
  it('the request button comes back at the 28-day instant and a ready backup expires at the 10-day one, without a reload', async () => {
    // Requested 27 days ago (next request in 1 day), ready 7 days ago (expires in 3 days).
    const el = await mountAt((now) => {
      backend.add({ id: 'r', status: 'ready', requestedAt: iso(now - 27 * DAY_MS), readyAt: iso(now - 7 * DAY_MS), expiresAt: iso(now + 3 * DAY_MS) });
    });
    const gets = calls('GET', '/backups').length;
    expect(statuses(el)).to.deep.equal(['Pronto para baixar']);
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    expect(visibleText(el)).to.contain(pt.nextRequest);

    await later(DAY_MS - 60_000);
    await el.updateComplete;
    expect(button(el, 'Solicitar backup').disabled, 'one minute before the instant').to.equal(true);
    await later(2 * 60_000);
    await el.updateComplete;
    expect(button(el, 'Solicitar backup').disabled, 'just after the 28-day instant').to.equal(false);
    expect(visibleText(el)).not.to.contain(pt.nextRequest);
    expect(hasButton(el, 'Baixar arquivo')).to.equal(true);

    await later(2 * DAY_MS - 2 * 60_000);
    await el.updateComplete;
    expect(statuses(el), 'one minute before the 10-day instant').to.deep.equal(['Pronto para baixar']);
    await later(2 * 60_000);
    await el.updateComplete;
    expect(statuses(el), 'just after the 10-day instant').to.deep.equal(['Expirado']);
    expect(hasButton(el, 'Baixar arquivo')).to.equal(false);
    expect(calls('GET', '/backups'), 'no reload was needed').to.have.length(gets);
  });

  it('the days left count down on screen while the page stays open', async () => {
    let expiry = 0;
    const el = await mountAt((now) => {
      expiry = now + 8 * DAY_MS + HOUR_MS;
      backend.add({ id: 'r', status: 'ready', requestedAt: iso(now - 40 * DAY_MS), readyAt: iso(now - 2 * DAY_MS), expiresAt: iso(expiry) });
    });
    // Calendar days in the user's zone, from today to the day of the date shown (on 1 Dec,
    // "until 9 Dec" is 8 days), so the count depends on the hour the test runs at.
    const calendarDays = (from: number) => Math.round((new Date(expiry).setHours(0, 0, 0, 0) - new Date(from).setHours(0, 0, 0, 0)) / DAY_MS);
    const left = (n: number) => new Intl.RelativeTimeFormat('pt-BR', { numeric: 'always' }).format(n, 'day');
    const before = calendarDays(Date.now());
    expect(visibleText(el)).to.contain(left(before));
    await later(3 * DAY_MS);
    await el.updateComplete;
    expect(visibleText(el)).to.contain(left(calendarDays(Date.now())));
    expect(calendarDays(Date.now())).to.equal(before - 3);
    expect(visibleText(el)).not.to.contain(left(before));
  });

  it('the last day counts down in hours from the moment only a day is left, without a reload', async () => {
    // 24 Nov 2026, 10:05 in São Paulo: the next midnight is far from the instants below.
    let expiry = 0;
    const el = await mountAt(
      (now) => {
        expiry = now + DAY_MS + 2 * HOUR_MS;
        backend.add({ id: 'r', status: 'ready', requestedAt: iso(now - 9 * DAY_MS), readyAt: iso(now - 8 * DAY_MS), expiresAt: iso(expiry) });
      },
      0,
      { now: Date.UTC(2026, 10, 24, 13, 5) },
    );
    const gets = calls('GET', '/backups').length;
    const left = (n: number, unit: 'day' | 'hour') => new Intl.RelativeTimeFormat('pt-BR', { numeric: 'always' }).format(n, unit);
    expect(visibleText(el)).to.contain(left(1, 'day'));
    // One hour into the last day: 23 hours left. Through tickAsync on a clock that stands still
    // between timers, so each render happens at the very instant its timer fires, as it can in a
    // browser (a synchronous sweep renders once, at its end).
    await clock!.tickAsync(3 * HOUR_MS);
    await el.updateComplete;
    expect(visibleText(el), 'an hour into the last day').to.contain(left(23, 'hour'));
    await clock!.tickAsync(10 * HOUR_MS);
    await el.updateComplete;
    expect(visibleText(el), 'eleven hours into it').to.contain(left(13, 'hour'));
    expect(calls('GET', '/backups'), 'no reload was needed').to.have.length(gets);
  });

  it('the moment only a day is left, the row reads hours ("em 24 horas"), not "em 1 dia" for another hour', async () => {
    let expiry = 0;
    const el = await mountAt(
      (now) => {
        expiry = now + DAY_MS + 2 * HOUR_MS;
        backend.add({ id: 'r', status: 'ready', requestedAt: iso(now - 9 * DAY_MS), readyAt: iso(now - 8 * DAY_MS), expiresAt: iso(expiry) });
      },
      0,
      { now: Date.UTC(2026, 10, 24, 13, 5) },
    );
    const left = (n: number, unit: 'day' | 'hour') => new Intl.RelativeTimeFormat('pt-BR', { numeric: 'always' }).format(n, unit);
    // Half an hour into the last day: 23.5 hours left, which reads "em 24 horas" (hours rounded up).
    await clock!.tickAsync(2 * HOUR_MS + 30 * 60_000);
    await el.updateComplete;
    expect(visibleText(el), 'half an hour into the last day').to.contain(left(24, 'hour'));
  });

  it('after sleep/wake (the clock jumps, timers did not run), the screen is right as soon as the page is visible', async () => {
    const el = await mountAt((now) => {
      backend.add({ id: 'r', status: 'ready', requestedAt: iso(now - 20 * DAY_MS), readyAt: iso(now - 5 * DAY_MS), expiresAt: iso(now + 5 * DAY_MS) });
    });
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    expect(statuses(el)).to.deep.equal(['Pronto para baixar']);
    setHidden(true);
    // The laptop sleeps for 9 days: the clock jumps, no timer fires in between.
    clock!.setSystemTime(Date.now() + 9 * DAY_MS);
    setHidden(false);
    await el.updateComplete;
    expect(statuses(el), 'right away after waking').to.deep.equal(['Expirado']);
    expect(hasButton(el, 'Baixar arquivo')).to.equal(false);
    expect(button(el, 'Solicitar backup').disabled).to.equal(false);
  });

  it('after sleep/wake with a pending backup, it refreshes at once and shows the new status', async () => {
    const el = await mountAt((now) => {
      backend.add({ id: 'p', status: 'in_progress', requestedAt: iso(now - DAY_MS) });
    }, 30);
    expect(statuses(el)).to.deep.equal(['Em progresso']);
    const gets = calls('GET', '/backups').length;
    setHidden(true);
    backend.setStatus('p', 'ready');
    clock!.setSystemTime(Date.now() + 2 * DAY_MS);
    setHidden(false);
    await until(() => calls('GET', '/backups').length === gets + 1);
    // A quiet catch-up (no busy state): the row changes when its answer is in.
    await until(() => statuses(el)[0] === 'Pronto para baixar', 'the catch-up’s answer was not shown');
    expect(calls('GET', '/backups')).to.have.length(gets + 1);
  });

  it('far-future instants (year 9999, the last an RFC 3339 timestamp can name) never make it spin: a timer a minute at most', async () => {
    // (That no delay passes setTimeout's own limit is the Timer's, tested in test/unit/timer.test.ts.)
    const delays: number[] = [];
    const el = await mountAt((now) => {
      backend.omitNextRequestAt = true;
      backend.add({ id: 'f', status: 'ready', requestedAt: iso(now - DAY_MS), readyAt: iso(now - DAY_MS), expiresAt: '9999-12-31T23:59:59.999Z' });
      backend.add({ id: 'y', status: 'ready', requestedAt: '9999-12-31T23:59:59Z', readyAt: '9999-12-31T23:59:59Z', expiresAt: '9999-12-31T23:59:59Z' });
    });
    let renders = 0;
    const updated = el.updateComplete;
    await updated;
    const original = window.setTimeout;
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
      delays.push(ms ?? 0);
      return original(fn, ms, ...args);
    }) as typeof setTimeout;
    try {
      const observer = new MutationObserver(() => renders++);
      observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
      await later(6 * HOUR_MS);
      observer.disconnect();
      el.requestUpdate();
      await el.updateComplete;
    } finally {
      window.setTimeout = original;
    }
    expect(statuses(el)).to.deep.equal(['Pronto para baixar', 'Pronto para baixar']);
    expect(button(el, 'Solicitar backup').disabled).to.equal(true); // 9999 + 28 days
    expect(renders, 'hourly ticks at most').to.be.below(30);
    // The heartbeat, once a minute, and nothing sooner: 360 in 6 hours, and a few to spare.
    expect(delays.length, 'timers set in 6 hours').to.be.within(1, 6 * 60 + 10);
  });
});

describe('expiry and cooldown on a page left open', () => {
  it('crosses the instants without a reload', async () => {
    // A whole second, so the mock's timestamps (ISO without milliseconds) are exact.
    const time = fakeTime(Math.floor(Date.now() / 1000) * 1000);
    const el = await mount('empty');
    const now = Date.now();
    // Expires in 2 s; a request is allowed again in 3 s.
    backend.add({ id: 'r', status: 'ready', requestedAt: iso(now - 28 * DAY_MS + 3000), readyAt: iso(now - 10 * DAY_MS + 2000) });
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
