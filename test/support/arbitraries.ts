/**
 * fast-check arbitraries shared by the unit tests' properties: instants and the contract's
 * timestamps (and text that only looks like one), rows, lists and credentials that keep to the
 * contract or not, and what a fake `fetch` does with a call (answers any status and body, rejects,
 * throws, or breaks off mid-body).
 */
import fc from 'fast-check';
import type { FetchLike } from '../../src/api/client.js';
import type { Backup } from '../../src/core/types.js';

export const MAX_DATE_MS = 8.64e15;
const KNOWN_STATUSES = ['awaiting_release', 'in_progress', 'ready', 'expired', 'server_error', 'cancelled'];

const LONG = ['x'.repeat(5000), '9'.repeat(5000), `2026-01-01T00:00:00Z${' '.repeat(4980)}`, '\u0000'.repeat(5000), 'é'.repeat(5000)];

/** Any instant Date can hold, as epoch ms. */
const anyInstant = fc.date({ min: new Date(-MAX_DATE_MS), max: new Date(MAX_DATE_MS), noInvalidDate: true }).map((d) => d.getTime());
/** Mostly plausible instants (1970–2100), sometimes the extremes. */
export const instantArb = fc.oneof(
  { arbitrary: fc.date({ min: new Date(0), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.getTime()), weight: 6 },
  { arbitrary: anyInstant, weight: 2 },
  { arbitrary: fc.constantFrom(-MAX_DATE_MS, MAX_DATE_MS, MAX_DATE_MS - 1, 0, Date.UTC(9999, 11, 31, 23, 59, 59, 999)), weight: 1 },
);

export const dateString = fc.oneof(
  { arbitrary: instantArb.map((ms) => new Date(ms).toISOString()), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      '9999-12-31T23:59:59Z',
      '9999-12-31T23:59:59.999Z',
      '+275760-09-13T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
      '+275760-09-13T00:00:00.001Z',
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '0000-00-00T00:00:00Z',
      'not-a-date',
      '',
      ' ',
      'null',
      'NaN',
      '2026-11-24',
      '2026-11-24T13:05:00-03:00',
      'Tue, 24 Nov 2026 13:05:00 GMT',
    ),
    weight: 2,
  },
  { arbitrary: fc.string(), weight: 1 },
  { arbitrary: fc.constantFrom(...LONG), weight: 1 },
);

/** The first and last instants RFC 3339 can write (four-digit years). */
const FIRST_RFC_3339 = new Date(0).setUTCFullYear(0, 0, 1);
const LAST_RFC_3339 = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/**
 * `ms` written as RFC 3339 at an offset (minutes east; 0 as Z), with `digits` of fraction (0–9;
 * beyond 3 they are zeros), in either case. The wall clock must stay within years 0000–9999.
 */
function rfc3339(ms: number, offsetMin: number, digits: number, lower: boolean): string {
  const wall = new Date(ms + offsetMin * 60_000);
  const fraction = digits === 0 ? '' : `.${pad(wall.getUTCMilliseconds(), 3)}000000`.slice(0, digits + 1);
  const zone = offsetMin === 0 ? 'Z' : `${offsetMin < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
  const text =
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T` +
    `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${fraction}${zone}`;
  return lower ? text.toLowerCase() : text;
}

/**
 * The contract's timestamps as the test reads them, written apart from the element's: RFC 3339
 * (section 5.6) with Z or an offset, a real calendar date, hours 00–23, no leap second, read to the
 * millisecond (further digits dropped). `null` for anything else.
 */
export function contractInstant(value: unknown): number | null {
  const m = typeof value === 'string' ? /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([Zz])|([+-])(\d\d):(\d\d))$/.exec(value) : null;
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  const [offsetHours, offsetMinutes] = [Number(m[10] ?? 0), Number(m[11] ?? 0)];
  if (days === undefined || day < 1 || day > days || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const ms = Number(`${m[7] ?? ''}000`.slice(0, 3));
  const wall = new Date(0).setUTCFullYear(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  return wall - (m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/** Timestamps that keep to the contract: mostly plausible (1970–2100), sometimes years 0000–9999 to their ends. */
export const contractDate = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.date({ min: new Date(0), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.getTime()), weight: 6 },
      { arbitrary: fc.integer({ min: FIRST_RFC_3339, max: LAST_RFC_3339 }), weight: 2 },
      { arbitrary: fc.constantFrom(FIRST_RFC_3339, LAST_RFC_3339, 0, Date.UTC(2024, 1, 29, 12)), weight: 1 },
    ),
    fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }), weight: 1 }),
    fc.nat({ max: 9 }),
    fc.boolean(),
  )
  // The wall clock at the offset must stay within years 0000–9999.
  .map(([ms, offset, digits, lower]) => rfc3339(ms, Math.max(Math.min(offset, (LAST_RFC_3339 - ms) / 60_000), (FIRST_RFC_3339 - ms) / 60_000) | 0, digits, lower));

const weirdNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -1, 0, -0, 1e21, 2 ** 53 + 1),
);
/** A value of the wrong kind for a field: number, boolean, null, object, array... */
const wrongValue = fc.oneof(weirdNumber, fc.boolean(), fc.constant(null), fc.anything({ maxDepth: 1 }));
const text = fc.oneof({ arbitrary: fc.string(), weight: 6 }, { arbitrary: fc.constantFrom('', ...LONG), weight: 1 });
const field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: wrongValue, weight: 1 });
const optionalField = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: fc.constant(null), weight: 2 }, { arbitrary: wrongValue, weight: 1 });
/** A v1.1 field that is never null: right, or of the wrong kind (the record leaves it out at times, as a v1 backend does). */
const v11Field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: wrongValue, weight: 1 });
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('');
const goodFingerprint = fc.array(fc.constantFrom(...BASE64), { minLength: 43, maxLength: 43 }).map((chars) => `SHA256:${chars.join('')}`);
const fingerprintArb = fc.oneof(
  { arbitrary: goodFingerprint, weight: 6 },
  { arbitrary: fc.constantFrom('SHA256:', 'MD5:aa:bb', 'sha256:F4Bc9fY+ioA5RmLe7zzh19dokRgWUviZ02QIpz3ZiCQ', 'SHA256:F4Bc9fY+ioA5RmLe7zzh19dokRgWUviZ02QIpz3ZiCQ='), weight: 1 },
  { arbitrary: fc.string(), weight: 1 },
);
const hostKeyShaped = fc.record(
  { type: field(fc.constantFrom('ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa', '')), fingerprint: field(fingerprintArb), publicKey: optionalField(text) },
  { requiredKeys: [] },
);
const validHostKey = fc.record(
  { type: fc.string(), fingerprint: goodFingerprint, publicKey: fc.option(fc.string(), { nil: null }) },
  { requiredKeys: ['type', 'fingerprint'] },
);

const statusArb = fc.oneof(
  { arbitrary: fc.constantFrom(...KNOWN_STATUSES), weight: 6 },
  { arbitrary: fc.constantFrom('READY', 'Ready', '', 'invalid', '__proto__', 'toString', 'constructor', 'deleted'), weight: 1 },
  { arbitrary: fc.string(), weight: 1 },
);

const backupShaped = fc.record(
  {
    id: field(fc.oneof(fc.constant(''), fc.uuid(), text)),
    status: field(statusArb),
    requestedAt: field(dateString),
    requestedBy: optionalField(text),
    readyAt: optionalField(dateString),
    expiresAt: optionalField(dateString),
    sizeBytes: optionalField(weirdNumber),
    fileName: optionalField(text),
    sha256: optionalField(text),
    cancellable: v11Field(fc.boolean()),
    estimatedReadyAt: optionalField(dateString),
  },
  { requiredKeys: [] },
);
const listShaped = fc.record(
  { backups: field(fc.array(backupShaped, { maxLength: 6 })), nextRequestAt: optionalField(dateString) },
  { requiredKeys: [] },
);
const credentialsShaped = fc.record(
  {
    host: field(text),
    port: field(fc.oneof(fc.integer({ min: 0, max: 65535 }), weirdNumber)),
    username: field(text),
    privateKey: field(fc.oneof(text, fc.constant('-----BEGIN OPENSSH PRIVATE KEY-----\r\nabc\r\n-----END OPENSSH PRIVATE KEY-----'))),
    path: field(text),
    expiresAt: optionalField(dateString),
    hostKeys: v11Field(fc.array(hostKeyShaped, { maxLength: 3 })),
  },
  { requiredKeys: [] },
);
const errorShaped = fc.record(
  {
    error: field(fc.oneof(fc.constantFrom('cooldown', 'not_ready', 'expired', 'not_cancellable', 'plan_not_eligible', 'forbidden', 'internal'), fc.string())),
    message: optionalField(text),
    nextRequestAt: optionalField(dateString),
  },
  { requiredKeys: [] },
);

/** Backups that passed the validator (the rules only ever see those), with arbitrary field values. */
const backupWith = (date: fc.Arbitrary<string>): fc.Arbitrary<Backup> =>
  fc.record(
    {
      id: fc.oneof(fc.constant(''), fc.uuid(), fc.string()),
      status: statusArb,
      requestedAt: date,
      requestedBy: fc.option(fc.string(), { nil: null }),
      readyAt: fc.option(date, { nil: null }),
      expiresAt: fc.option(date, { nil: null }),
      sizeBytes: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
      fileName: fc.option(fc.string(), { nil: null }),
      sha256: fc.option(fc.string(), { nil: null }),
      cancellable: fc.boolean(),
      estimatedReadyAt: fc.option(date, { nil: null }),
    },
    { requiredKeys: ['id', 'status', 'requestedAt'] },
  );
export const validBackup = backupWith(contractDate);
/** As the validator let through before the contract's timestamps were strict: the rules must stay total on them too. */
const looseBackup = backupWith(dateString);

export const validList = fc.record(
  { backups: fc.array(validBackup, { maxLength: 8 }), nextRequestAt: fc.option(contractDate, { nil: null }) },
  { requiredKeys: ['backups'] },
);
export const looseList = fc.record(
  { backups: fc.array(looseBackup, { maxLength: 8 }), nextRequestAt: fc.option(dateString, { nil: null }) },
  { requiredKeys: ['backups'] },
);

const validCredentials = fc.record(
  {
    host: text,
    port: fc.oneof(fc.integer({ min: 0, max: 65535 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
    username: text,
    privateKey: text,
    path: text,
    expiresAt: fc.option(contractDate, { nil: null }),
    hostKeys: fc.array(validHostKey, { maxLength: 3 }),
  },
  { requiredKeys: ['host', 'port', 'username', 'privateKey', 'path'] },
);

export const jsonValue = fc.oneof(
  { arbitrary: fc.anything(), weight: 3 },
  { arbitrary: listShaped, weight: 3 },
  { arbitrary: backupShaped, weight: 2 },
  { arbitrary: credentialsShaped, weight: 2 },
  { arbitrary: errorShaped, weight: 2 },
);

/** The text of a response body: JSON (possibly truncated), or arbitrary text, or nothing. */
const bodyText: fc.Arbitrary<string | null> = fc.oneof(
  { arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? null), weight: 10 },
  { arbitrary: fc.tuple(jsonValue, fc.nat()).map(([v, n]) => (JSON.stringify(v) ?? '').slice(0, n % 50)), weight: 1 },
  { arbitrary: fc.string(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);

const statusCode = fc.oneof(
  { arbitrary: fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409, 410, 429, 500, 502, 503), weight: 3 },
  { arbitrary: fc.integer({ min: 200, max: 599 }), weight: 1 },
);

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
export const retryAfter = fc.option(
  fc.oneof(
    fc.nat().map(String),
    fc.constantFrom('99999999999999999999', '-1', '1.5', ''),
    fc.date({ min: new Date(0), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toUTCString()),
    printable,
  ),
  { nil: undefined },
);

type Outcome =
  | { type: 'respond'; status: number; body: string | null; retryAfter: string | undefined; contract?: boolean }
  | { type: 'reject'; reason: unknown }
  | { type: 'throw'; reason: unknown }
  | { type: 'broken-body'; status: number };

/** One call: an endpoint, and what the fake fetch does with it. */
export const scenario = fc
  .oneof(
    fc.constant({ name: 'list' as const, id: '' }),
    fc.constant({ name: 'request' as const, id: '' }),
    fc.record({ name: fc.constant('download' as const), id: fc.oneof(fc.string(), fc.constant(''), fc.constantFrom(...LONG)) }),
    fc.record({ name: fc.constant('cancel' as const), id: fc.oneof(fc.string(), fc.constant(''), fc.constantFrom(...LONG)) }),
  )
  .chain((ep) => {
    const valid = ep.name === 'list' ? validList : ep.name === 'download' ? validCredentials : validBackup;
    const outcome: fc.Arbitrary<Outcome> = fc.oneof(
      // anything at all
      { arbitrary: fc.record({ type: fc.constant('respond' as const), status: statusCode, body: bodyText, retryAfter }), weight: 12 },
      // a body that follows the contract's shape (with arbitrary values), on the success status or any other
      {
        arbitrary: fc.record({
          type: fc.constant('respond' as const),
          status: fc.oneof({ arbitrary: fc.constant(ep.name === 'request' ? 201 : 200), weight: 4 }, { arbitrary: statusCode, weight: 1 }),
          body: valid.map((v) => JSON.stringify(v)),
          retryAfter,
          // The body keeps to the contract (timestamps included): on the success status it must be accepted.
          contract: fc.constant(true),
        }),
        weight: 6,
      },
      // the contract's error bodies on their statuses, with arbitrary extra values
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom([403, 'plan_not_eligible'] as const, [409, 'cooldown'] as const, [409, 'not_ready'] as const, [409, 'not_cancellable'] as const, [410, 'expired'] as const),
            errorShaped,
          )
          .map(([[status, error], body]): Outcome => ({ type: 'respond', status, body: JSON.stringify({ ...body, error }), retryAfter: undefined })),
        weight: 3,
      },
      { arbitrary: fc.record({ type: fc.constant('reject' as const), reason: fc.anything({ maxDepth: 1 }) }), weight: 1 },
      { arbitrary: fc.record({ type: fc.constant('throw' as const), reason: fc.anything({ maxDepth: 1 }) }), weight: 1 },
      { arbitrary: fc.record({ type: fc.constant('broken-body' as const), status: statusCode }), weight: 1 },
    );
    return fc.tuple(fc.constant(ep), outcome);
  });

export const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function fetchFor(o: Outcome): FetchLike {
  return (_url, _init) => {
    switch (o.type) {
      case 'reject':
        return Promise.reject(o.reason);
      case 'throw':
        throw o.reason;
      case 'broken-body': {
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"backups":'));
            c.error(new TypeError('connection reset'));
          },
        });
        return Promise.resolve(new Response(NULL_BODY.has(o.status) ? null : stream, { status: o.status }));
      }
      case 'respond': {
        const headers = new Headers({ 'Content-Type': 'application/json' });
        if (o.retryAfter !== undefined) headers.set('Retry-After', o.retryAfter);
        return Promise.resolve(new Response(NULL_BODY.has(o.status) ? null : o.body, { status: o.status, headers }));
      }
    }
  };
}

/** The contract's timestamp fields of a list, a backup or credentials, with where they are. */
export function timestampsOf(value: unknown): [string, unknown][] {
  const record = value as Record<string, unknown>;
  const own = (where: string, r: Record<string, unknown>, names: string[]) => names.filter((n) => n in r).map((n): [string, unknown] => [`${where}${n}`, r[n]]);
  if (Array.isArray(record.backups)) {
    return [
      ...own('', record, ['nextRequestAt']),
      ...(record.backups as Record<string, unknown>[]).flatMap((b, i) => own(`backups[${i}].`, b, ['requestedAt', 'readyAt', 'expiresAt', 'estimatedReadyAt'])),
    ];
  }
  return own('', record, ['requestedAt', 'readyAt', 'expiresAt', 'estimatedReadyAt']);
}
