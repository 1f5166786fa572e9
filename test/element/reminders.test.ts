/** Calendar reminders (.ics) the element offers: a day before a ready backup expires, and when a request is allowed again. */
import { expect } from '@open-wc/testing';
import ICAL from 'ical.js';
import { DAY_MS } from '../../mocks/time.js';
import {
  backend,
  button,
  catchFiles,
  mount,
  realTime,
  restoreVisibility,
  worker,
} from '../support/helpers.js';

afterEach(() => {
  realTime();
  restoreVisibility();
  worker.resetHandlers();
  backend.reset('empty');
});

describe('reminders', () => {
  it('a ready row offers an .ics reminder a day before it expires', async () => {
    const el = await mount('typical');
    const [file] = await catchFiles(async () => button(el, 'Lembrar antes de expirar').click());
    expect(file!.name).to.match(/-expiry\.ics$/);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(file!.text)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().getTime()).to.equal(Date.parse(backend.get('b-5').expiresAt!) - DAY_MS);
    expect(event.summary).to.equal('Baixar o backup antes que expire');
  });

  it('a disabled button offers an .ics reminder at the next allowed request', async () => {
    const el = await mount('cooldown');
    const [file] = await catchFiles(async () => button(el, 'Lembrar quando puder solicitar').click());
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(file!.text)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().getTime()).to.equal(backend.nextRequestAt());
    await expect(el).to.be.accessible();
  });
});
