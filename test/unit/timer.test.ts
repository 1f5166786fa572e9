/** controllers/timer.ts: one pending timeout per owner, its delay kept within what setTimeout can wait. */
import { expect } from '@open-wc/testing';
import { Timer } from '../../src/controllers/timer.js';
import { sleep } from '../support/helpers.js';

/** The delays the page's setTimeout is asked for while `run` runs. */
function delaysAsked(run: () => void): number[] {
  const asked: number[] = [];
  const real = window.setTimeout;
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    asked.push(ms ?? 0);
    return real(handler, ms, ...args);
  }) as typeof setTimeout;
  try {
    run();
  } finally {
    window.setTimeout = real;
  }
  return asked;
}

describe('Timer', () => {
  it('a delay longer than setTimeout can wait (about 24.8 days) waits that long, instead of firing at once', async () => {
    const timer = new Timer();
    let fired = 0;
    // A backup that expires in year 9999, or a poll-interval of a billion seconds.
    const asked = delaysAsked(() => timer.start(2 ** 40, () => fired++));
    await sleep(50);
    timer.stop();
    expect(fired, 'fired at once, as a browser does with a delay past 2^31 − 1 ms').to.equal(0);
    expect(asked).to.deep.equal([2 ** 31 - 1]);
  });

  it('a negative or unreadable delay is no wait at all', async () => {
    const timer = new Timer();
    let fired = 0;
    timer.start(-5, () => fired++);
    await sleep(20);
    expect(fired, 'a negative delay').to.equal(1);
    timer.start(NaN, () => fired++);
    await sleep(20);
    expect(fired, 'NaN').to.equal(2);
  });

  it('starting again replaces what was pending; stopping forgets it', async () => {
    const timer = new Timer();
    const fired: string[] = [];
    timer.start(10, () => fired.push('first'));
    timer.start(10, () => fired.push('second'));
    await sleep(40);
    expect(fired).to.deep.equal(['second']);
    timer.start(10, () => fired.push('third'));
    timer.stop();
    await sleep(40);
    expect(fired).to.deep.equal(['second']);
  });
});
