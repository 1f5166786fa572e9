/** files/calendar.ts: the .ics reminders, as a real RFC 5545 parser (ical.js) reads them. */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { DAY_MS, HOUR_MS } from '../../mocks/time.js';
import { ICS_MIME, escapeText, expiryReminder, expiryReminderStart, foldLine, icsFileName, nextRequestReminder, type ReminderTexts } from '../../src/files/calendar.js';

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`bad fixture date ${iso}`);
  return ms;
};

const NOW = at('2026-11-24T13:05:00Z');
const EXPIRES = at('2026-12-04T13:05:00Z');
const TEXTS: ReminderTexts = {
  summary: 'Baixar o backup antes que expire',
  description: 'O backup fica disponível para download por 10 dias.',
  alarm: 'O backup expira amanhã',
};

const encoder = new TextEncoder();
const octets = (s: string): number => encoder.encode(s).length;

/** Parses with ical.js (a real RFC 5545 parser); throws on a file it cannot read. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  const alarm = vevent.getFirstSubcomponent('valarm');
  const ms = (name: string, from = vevent) => (from.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time>).toJSDate().getTime();
  return {
    calendar,
    vevent,
    event,
    alarm,
    start: event.startDate.toJSDate().getTime(),
    end: event.endDate.toJSDate().getTime(),
    stamp: ms('dtstamp'),
  };
}

const expiryIcs = (over: Partial<Parameters<typeof expiryReminder>[0]> = {}): string => {
  const ics = expiryReminder({ backup: { id: 'b-5', fileName: 'prod-2026-11-24.bak', expiresAt: EXPIRES }, now: NOW, texts: TEXTS, ...over });
  if (ics === null) throw new Error('no reminder');
  return ics;
};

const nextIcs = (over: Partial<Parameters<typeof nextRequestReminder>[0]> = {}): string => {
  const ics = nextRequestReminder({ nextRequestAt: at('2026-12-22T13:05:00Z'), backupId: 'b-5', now: NOW, texts: TEXTS, ...over });
  if (ics === null) throw new Error('no reminder');
  return ics;
};

/** Every line of a file ends in CRLF (no bare CR or LF anywhere) and is at most 75 octets long. */
function expectWellFormedLines(ics: string): void {
  expect(ics.endsWith('\r\n'), 'ends with CRLF').to.equal(true);
  expect(ics.replace(/\r\n/g, ''), 'no bare CR or LF').not.to.match(/[\r\n]/);
  for (const line of ics.slice(0, -2).split('\r\n')) {
    expect(octets(line), JSON.stringify(line)).to.be.at.most(75);
  }
}

describe('calendar: the expiry reminder', () => {
  it('is a calendar ical.js reads, with the fixed header and one event', () => {
    const ics = expiryIcs();
    const { calendar } = parse(ics);
    expect(calendar.getFirstPropertyValue('version')).to.equal('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).to.be.a('string').and.not.empty;
    expect(calendar.getFirstPropertyValue('calscale')).to.equal('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).to.equal('PUBLISH');
    expect(calendar.getAllSubcomponents('vevent')).to.have.length(1);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).to.equal(true);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).to.equal(true);
    expectWellFormedLines(ics);
  });

  it('starts exactly one day before the expiry, in UTC, and lasts 15 minutes', () => {
    const ics = expiryIcs();
    const { start, end } = parse(ics);
    expect(start).to.equal(EXPIRES - DAY_MS);
    expect(end - start).to.equal(15 * 60 * 1000);
    expect(ics).to.include('\r\nDTSTART:20261203T130500Z\r\n');
    expect(ics).to.include('\r\nDTEND:20261203T132000Z\r\n');
  });

  it('with exactly one day left, starts now (one day before is still not in the past)', () => {
    expect(parse(expiryIcs({ now: EXPIRES - DAY_MS })).start).to.equal(EXPIRES - DAY_MS);
  });

  it('with less than a day left, starts halfway between now and the expiry', () => {
    for (const left of [DAY_MS - 2000, 12 * HOUR_MS, 2 * HOUR_MS, 60_000]) {
      const now = EXPIRES - left;
      expect(parse(expiryIcs({ now })).start, `${left} ms left`).to.equal(now + left / 2);
    }
  });

  it('expiryReminderStart tells the caller the instant the file will hold', () => {
    expect(expiryReminderStart(EXPIRES, NOW)).to.equal(EXPIRES - DAY_MS);
    expect(expiryReminderStart(EXPIRES, EXPIRES - 2 * HOUR_MS)).to.equal(EXPIRES - HOUR_MS);
    expect(expiryReminderStart(EXPIRES, EXPIRES)).to.equal(null);
    expect(expiryReminderStart(NaN, NOW)).to.equal(null);
    for (const now of [NOW, EXPIRES - 6 * HOUR_MS]) {
      expect(parse(expiryIcs({ now })).start).to.equal(expiryReminderStart(EXPIRES, now));
    }
  });

  it('truncates an instant with milliseconds to its second (never later than asked)', () => {
    const { start } = parse(expiryIcs({ backup: { id: 'b-5', expiresAt: EXPIRES + 999 } }));
    expect(start).to.equal(EXPIRES - DAY_MS);
  });

  it('has no reminder for a backup that has expired at now', () => {
    const backup = { id: 'b-5', expiresAt: EXPIRES };
    expect(expiryReminder({ backup, now: EXPIRES, texts: TEXTS })).to.equal(null);
    expect(expiryReminder({ backup, now: EXPIRES + 1, texts: TEXTS })).to.equal(null);
    expect(expiryReminder({ backup: { id: 'b', expiresAt: NaN }, now: NOW, texts: TEXTS })).to.equal(null);
  });

  it('has no reminder for an instant a calendar cannot write (beyond the year 9999)', () => {
    expect(expiryReminder({ backup: { id: 'b', expiresAt: 8.64e15 }, now: NOW, texts: TEXTS })).to.equal(null);
  });

  it('stamps the file with now, in UTC', () => {
    const ics = expiryIcs();
    expect(parse(ics).stamp).to.equal(NOW);
    expect(ics).to.include('\r\nDTSTAMP:20261124T130500Z\r\n');
  });

  it('has a display alarm with its own description when the event starts', () => {
    const { alarm } = parse(expiryIcs());
    expect(alarm).to.not.equal(null);
    expect(alarm!.getFirstPropertyValue('action')).to.equal('DISPLAY');
    expect(alarm!.getFirstPropertyValue('description')).to.equal(TEXTS.alarm);
    expect(alarm!.getFirstPropertyValue('trigger')!.toString()).to.match(/^-?PT0S$/);
  });

  it('the alarm says the summary when no alarm text is given', () => {
    const { alarm } = parse(expiryIcs({ texts: { summary: 'Expira amanhã', description: 'x' } }));
    expect(alarm!.getFirstPropertyValue('description')).to.equal('Expira amanhã');
  });

  it('carries the summary and description as given', () => {
    const { event } = parse(expiryIcs());
    expect(event.summary).to.equal(TEXTS.summary);
    expect(event.description).to.equal(TEXTS.description);
  });

  it('gives the same UID for the same backup, whatever the clock or texts', () => {
    const uid = parse(expiryIcs()).event.uid;
    expect(uid).to.equal('expiry-b-5@account-backup-tab.softexpert');
    expect(parse(expiryIcs({ now: NOW + 3 * DAY_MS, texts: { summary: 'Other', description: 'y' } })).event.uid).to.equal(uid);
  });

  it('gives different UIDs to different backups, and to the two kinds of one backup', () => {
    const uids = new Set([
      parse(expiryIcs()).event.uid,
      parse(expiryIcs({ backup: { id: 'b-6', expiresAt: EXPIRES } })).event.uid,
      parse(expiryIcs({ backup: { id: 'b-5 ', expiresAt: EXPIRES } })).event.uid,
      parse(nextIcs()).event.uid,
    ]);
    expect(uids.size).to.equal(4);
  });

  it('an id with characters of its own (@ ; , space, accents) stays one unambiguous UID', () => {
    const id = 'b@x;y,z ção\\';
    const { event } = parse(expiryIcs({ backup: { id, expiresAt: EXPIRES } }));
    expect(event.uid).to.equal(`expiry-${encodeURIComponent(id)}@account-backup-tab.softexpert`);
    expect(event.uid.split('@')).to.have.length(2);
  });

  it('has a URL when one is given, and none when it is not http(s)', () => {
    const url = 'https://suite.example.com/se/cm056?tab=backup';
    expect(parse(expiryIcs({ url })).vevent.getFirstPropertyValue('url')).to.equal(url);
    for (const bad of [null, '', 'javascript:alert(1)', 'not a url', 'file:///etc/passwd']) {
      const ics = expiryIcs({ url: bad });
      expect(parse(ics).vevent.getFirstProperty('url'), String(bad)).to.equal(null);
    }
  });

  it('a URL with spaces or line breaks reaches the file percent-encoded, on one logical line', () => {
    const ics = expiryIcs({ url: 'https://suite.example.com/a b\r\nX-INJECTED:1' });
    const { vevent } = parse(ics);
    expect(vevent.getFirstProperty('x-injected')).to.equal(null);
    expect(vevent.getFirstPropertyValue('url')).to.equal('https://suite.example.com/a%20bX-INJECTED:1');
  });

  it('writes the language of the texts when given a valid tag', () => {
    const { vevent } = parse(expiryIcs({ lang: 'pt-BR' }));
    expect(vevent.getFirstProperty('summary')!.getParameter('language')).to.equal('pt-BR');
    expect(vevent.getFirstProperty('description')!.getParameter('language')).to.equal('pt-BR');
    const bad = parse(expiryIcs({ lang: 'pt";X=1' })).vevent;
    expect(bad.getFirstProperty('summary')!.getParameter('language')).to.equal(undefined);
  });

  it('does not mark the user busy', () => {
    expect(parse(expiryIcs()).vevent.getFirstPropertyValue('transp')).to.equal('TRANSPARENT');
  });
});

describe('calendar: the next-request reminder', () => {
  const NEXT = at('2026-12-22T13:05:00Z');

  it('starts at nextRequestAt, with an alarm, stamped now', () => {
    const ics = nextIcs();
    const { start, end, stamp, alarm } = parse(ics);
    expect(start).to.equal(NEXT);
    expect(end - start).to.equal(15 * 60 * 1000);
    expect(stamp).to.equal(NOW);
    expect(ics).to.include('\r\nDTSTART:20261222T130500Z\r\n');
    expect(alarm!.getFirstPropertyValue('action')).to.equal('DISPLAY');
    expect(alarm!.getFirstPropertyValue('description')).to.equal(TEXTS.alarm);
    expectWellFormedLines(ics);
  });

  it('has a UID from the backup that started the wait, the same when the server moves the date', () => {
    const uid = parse(nextIcs()).event.uid;
    expect(uid).to.equal('next-request-b-5@account-backup-tab.softexpert');
    expect(parse(nextIcs({ nextRequestAt: NEXT + HOUR_MS, now: NOW + 1 })).event.uid).to.equal(uid);
  });

  it('without a backup, has a UID from the instant: stable for the same instant', () => {
    const uid = parse(nextIcs({ backupId: null })).event.uid;
    expect(uid).to.equal('next-request-20261222T130500Z@account-backup-tab.softexpert');
    expect(parse(nextIcs({ backupId: undefined, now: NOW + 5 })).event.uid).to.equal(uid);
  });

  it('has no reminder when a request is already allowed at now', () => {
    expect(nextRequestReminder({ nextRequestAt: NOW, now: NOW, texts: TEXTS })).to.equal(null);
    expect(nextRequestReminder({ nextRequestAt: NOW - 1, now: NOW, texts: TEXTS })).to.equal(null);
    expect(nextRequestReminder({ nextRequestAt: NaN, now: NOW, texts: TEXTS })).to.equal(null);
    expect(nextRequestReminder({ nextRequestAt: 8.64e15, now: NOW, texts: TEXTS })).to.equal(null);
  });
});

describe('calendar: folding and escaping', () => {
  const LONG_PT =
    'Lembrete: o backup da base de produção fica disponível para download até amanhã. Após esse período, a situação passa a Expirado e será necessário solicitar um novo backup — atenção à conexão (ações, configurações, informações).';
  const LONG_ES =
    'Recordatorio: la copia de seguridad de la base de producción está disponible para descargar hasta mañana. Después, su situación pasa a Caducado y habrá que solicitar una nueva; ¿quién la descargará? ñandú, pingüino, acción.';

  it('folds long Portuguese and Spanish texts at 75 octets, never inside a character, and ical.js reads them back whole', () => {
    for (const text of [LONG_PT, LONG_ES]) {
      const ics = expiryIcs({ texts: { summary: text, description: `${text}\n${text}`, alarm: text } });
      expectWellFormedLines(ics);
      // Accented letters take 2 octets: a line of 75 octets holds fewer than 75 characters.
      const folded = ics.split('\r\n').filter((line) => octets(line) === 75 || octets(line) === 74);
      expect(folded.some((line) => line.length < octets(line)), 'some line is full of multi-octet characters').to.equal(true);
      const { event, alarm } = parse(ics);
      expect(event.summary).to.equal(text);
      expect(event.description).to.equal(`${text}\n${text}`);
      expect(alarm!.getFirstPropertyValue('description')).to.equal(text);
    }
  });

  it('escapes ; , \\ and line breaks in the summary and description, and ical.js reads them back', () => {
    const texts = { summary: 'a;b,c\\d', description: 'linha 1\nlinha 2\r\nlinha 3\rfim; ok, \\n não é quebra' };
    const ics = expiryIcs({ texts });
    expect(ics).to.include('\r\nSUMMARY:a\\;b\\,c\\\\d\r\n');
    expect(ics).to.include('DESCRIPTION:linha 1\\nlinha 2\\nlinha 3\\nfim\\; ok\\, \\\\n não é quebra');
    const { event } = parse(ics);
    expect(event.summary).to.equal(texts.summary);
    expect(event.description).to.equal('linha 1\nlinha 2\nlinha 3\nfim; ok, \\n não é quebra');
  });

  it('a text cannot end its property and start another (no injected line)', () => {
    const ics = expiryIcs({ texts: { summary: 'x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil', description: 'y\nATTACH:http://evil' } });
    const { calendar, vevent } = parse(ics);
    expect(calendar.getAllSubcomponents('vevent')).to.have.length(1);
    expect(vevent.getAllProperties('uid')).to.have.length(1);
    expect(vevent.getFirstProperty('attach')).to.equal(null);
  });

  it('drops control characters TEXT does not allow, keeps tabs', () => {
    expect(escapeText('a\u0000b\u0007c\u001bd\u007fe\tf')).to.equal('abcde\tf');
  });

  it('folding: a 75-octet line stays one line, a 76-octet line becomes two', () => {
    expect(foldLine('x'.repeat(75))).to.equal(`${'x'.repeat(75)}\r\n`);
    expect(foldLine('x'.repeat(76))).to.equal(`${'x'.repeat(75)}\r\n x\r\n`);
    // The continuation's space counts: 74 more octets per continuation line.
    expect(foldLine('x'.repeat(75 + 74 + 1))).to.equal(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x\r\n`);
  });

  it('folding counts octets: a two-octet letter that would make 76 moves to the next line', () => {
    expect(foldLine(`${'x'.repeat(74)}é`)).to.equal(`${'x'.repeat(74)}\r\n é\r\n`);
    expect(foldLine(`${'x'.repeat(73)}é`)).to.equal(`${'x'.repeat(73)}é\r\n`);
    // A four-octet character (a surrogate pair in JavaScript) is never split.
    expect(foldLine(`${'x'.repeat(72)}😀`)).to.equal(`${'x'.repeat(72)}\r\n 😀\r\n`);
  });

  const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(';', ',', '\\', '\n', '\r', '\r\n', ' ', 'ç', 'ã', 'ñ', 'é', '€', '😀'), fc.string({ unit: 'grapheme', maxLength: 3 })), maxLength: 300, size: 'large' });

  it('property: any line folds into lines of at most 75 octets that unfold to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400, size: 'large' }).map((s) => s.replace(/[\r\n]/g, '')), (line) => {
        const folded = foldLine(line);
        expectWellFormedLines(folded);
        // RFC 5545 unfolding: remove every CRLF followed by one space.
        expect(folded.slice(0, -2).replace(/\r\n /g, '')).to.equal(line);
      }),
    );
  });

  it('property: any summary and description survive escaping, folding and ical.js parsing', () => {
    fc.assert(
      fc.property(anyText, anyText, (summary, description) => {
        const ics = expiryIcs({ texts: { summary, description } });
        expectWellFormedLines(ics);
        const { event, calendar } = parse(ics);
        expect(calendar.getAllSubcomponents('vevent')).to.have.length(1);
        // Every kind of line break reads back as LF; control characters other than tab are dropped.
        // eslint-disable-next-line no-control-regex
        const expected = (s: string) => s.replace(/\r\n|\r/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
        expect(event.summary).to.equal(expected(summary));
        expect(event.description).to.equal(expected(description));
      }),
      { numRuns: 300 },
    );
  });

  it('property: the expiry reminder is at one day before, or halfway when less than a day is left, never before now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 20 * DAY_MS }), fc.integer({ min: 0, max: 2.5e11 }), (left, base) => {
        // Whole seconds, so the expected instant is exact.
        const now = base * 1000;
        const expiresAt = now + left * 1000;
        const ics = expiryReminder({ backup: { id: 'p', expiresAt }, now, texts: TEXTS });
        const { start } = parse(ics!);
        const expected = left * 1000 < DAY_MS ? Math.floor((now + (left * 1000) / 2) / 1000) * 1000 : expiresAt - DAY_MS;
        expect(start).to.equal(expected);
        expect(start).to.be.at.least(now).and.below(expiresAt);
      }),
    );
  });
});

describe('calendar: icsFileName', () => {
  it('is named after the backup like its key file, with the kind', () => {
    expect(icsFileName('expiry', { id: 'b-5', fileName: 'prod-2026-11-24.bak.gz' })).to.equal('prod-2026-11-24-expiry.ics');
    expect(icsFileName('expiry', { id: 'b-5' })).to.equal('backup-b-5-expiry.ics');
    expect(icsFileName('next-request', { id: 'b-5' })).to.equal('backup-b-5-next-request.ics');
    expect(icsFileName('next-request')).to.equal('next-request.ics');
    expect(icsFileName('next-request', null)).to.equal('next-request.ics');
  });

  it('is safe on every OS whatever the backup is called', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: null }), fc.constantFrom('expiry', 'next-request' as const), (id, fileName, kind) => {
        const name = icsFileName(kind, { id, fileName });
        expect(name).to.match(/^[\w.-]+\.ics$/);
        expect(name).to.match(new RegExp(`-${kind}\\.ics$`));
        expect(name.length).to.be.at.most(100);
        expect(name).not.to.match(/^[.-]/);
      }),
    );
  });

  it('offers the text/calendar type with UTF-8', () => {
    expect(ICS_MIME).to.equal('text/calendar;charset=utf-8');
  });
});
