/** Days left as the shown date reads them, the UTC copy, and plurals (issue 11, items 4–6). */
import { expect } from '@open-wc/testing';
import { formatDate, formatTimeLeftUntil, formatUtc, showsUtcCopy, timeLeftUntil, userTimeZone } from '../src/i18n/format.js';
import { stringsFor } from '../src/i18n/resolve.js';

const at = (iso: string) => Date.parse(iso);
const SAO_PAULO = 'America/Sao_Paulo'; // UTC−3 all year
const LISBON = 'Europe/Lisbon'; // UTC+0 in winter, +1 from the last Sunday of March

describe('dates: time left until a date', () => {
  it('runs in the zone the test runner pins, which is the default', () => {
    expect(userTimeZone()).to.equal(SAO_PAULO);
    expect(timeLeftUntil(at('2026-12-01T13:00:00Z'), at('2026-12-09T11:00:00Z'))).to.deep.equal({ value: 8, unit: 'day' });
  });

  it('counts calendar days to the date shown, not 24-hour spans', () => {
    // 1 Dec 10:00 → 9 Dec 08:00 in São Paulo: 7.9 days of time, but "9 de dez." is 8 days away.
    const now = at('2026-12-01T13:00:00Z');
    const until = at('2026-12-09T11:00:00Z');
    expect(formatDate('pt-BR', until)).to.match(/^9 de dez\. de 2026/);
    expect(timeLeftUntil(now, until, SAO_PAULO)).to.deep.equal({ value: 8, unit: 'day' });
    expect(formatTimeLeftUntil('pt-BR', now, until, SAO_PAULO)).to.equal('em 8 dias');
    expect(formatTimeLeftUntil('en', now, until, SAO_PAULO)).to.equal('in 8 days');
    expect(formatTimeLeftUntil('es', now, until, SAO_PAULO)).to.equal('dentro de 8 días');
    // Any hour of 9 Dec is 8 days away; from local midnight on 2 Dec it is 7.
    expect(timeLeftUntil(now, at('2026-12-10T02:59:00Z'), SAO_PAULO).value).to.equal(8);
    expect(timeLeftUntil(now, at('2026-12-10T03:00:00Z'), SAO_PAULO).value).to.equal(9);
    expect(timeLeftUntil(at('2026-12-02T02:59:00Z'), until, SAO_PAULO).value).to.equal(8);
    expect(timeLeftUntil(at('2026-12-02T03:00:00Z'), until, SAO_PAULO).value).to.equal(7);
  });

  it('switches to hours under a day, rounding up, never "in 0 hours"', () => {
    const now = at('2026-12-01T13:00:00Z');
    expect(timeLeftUntil(now, now + 23.5 * 3_600_000, SAO_PAULO)).to.deep.equal({ value: 24, unit: 'hour' });
    expect(timeLeftUntil(now, now + 60_000, SAO_PAULO)).to.deep.equal({ value: 1, unit: 'hour' });
    expect(formatTimeLeftUntil('pt-BR', now, now + 5 * 3_600_000, SAO_PAULO)).to.equal('em 5 horas');
    // Exactly a day: the next calendar day.
    expect(timeLeftUntil(now, now + 24 * 3_600_000, SAO_PAULO)).to.deep.equal({ value: 1, unit: 'day' });
  });

  it('follows the zone it is given: the same instants are 2 days apart in Lisbon, 1 in São Paulo', () => {
    const now = at('2026-12-01T23:30:00Z'); // Lisbon 1 Dec 23:30, São Paulo 1 Dec 20:30
    const until = at('2026-12-03T00:30:00Z'); // Lisbon 3 Dec 00:30, São Paulo 2 Dec 21:30
    expect(timeLeftUntil(now, until, LISBON)).to.deep.equal({ value: 2, unit: 'day' });
    expect(timeLeftUntil(now, until, SAO_PAULO)).to.deep.equal({ value: 1, unit: 'day' });
  });

  it('is not thrown by a daylight-saving change (Lisbon, 28 Mar 2027: a 23-hour day)', () => {
    // 27 Mar 12:00 WET → 30 Mar 12:00 WEST: 71 hours, three calendar days.
    expect(timeLeftUntil(at('2027-03-27T12:00:00Z'), at('2027-03-30T11:00:00Z'), LISBON)).to.deep.equal({ value: 3, unit: 'day' });
    // 27 Mar 23:30 WET → 29 Mar 00:30 WEST: 24 hours of time, two dates apart.
    expect(timeLeftUntil(at('2027-03-27T23:30:00Z'), at('2027-03-28T23:30:00Z'), LISBON)).to.deep.equal({ value: 2, unit: 'day' });
  });
});

describe('dates: the UTC copy', () => {
  it('has a four-digit year in every language', () => {
    const ms = at('2026-12-29T15:00:00Z');
    // ICU puts a narrow no-break space before PM (\s matches it; older ICU, a plain space).
    expect(formatUtc('en', ms)).to.match(/^12\/29\/2026, 3:00\sPM UTC$/);
    expect(formatUtc('pt-BR', ms)).to.equal('29/12/2026, 15:00 UTC');
    expect(formatUtc('es', ms)).to.equal('29/12/2026, 15:00 UTC');
  });

  it('is shown unless the user’s zone is UTC', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Etc/GMT+0', 'Zulu', 'Etc/Universal']) expect(showsUtcCopy(zone), zone).to.equal(false);
    for (const zone of [SAO_PAULO, LISBON, 'Europe/London', 'Africa/Abidjan', 'Etc/GMT+3']) expect(showsUtcCopy(zone), zone).to.equal(true);
    expect(showsUtcCopy()).to.equal(true); // the pinned São Paulo
  });
});

describe('plurals in the labels (Intl.PluralRules)', () => {
  it('say "backup" for one and "backups" for more, in the three languages', () => {
    expect(stringsFor('pt-BR').loaded(1)).to.equal('1 backup na lista.');
    expect(stringsFor('pt-BR').loaded(5)).to.equal('5 backups na lista.');
    expect(stringsFor('en').loaded(1)).to.equal('1 backup in the list.');
    expect(stringsFor('en').loaded(2)).to.equal('2 backups in the list.');
    expect(stringsFor('es').loaded(1)).to.equal('1 backup en la lista.');
    expect(stringsFor('es').loaded(1_000_000)).to.equal('1000000 backups en la lista.');
  });
});
