// The kit's reading of the contract: the document's own examples pass its own schemas, unknown
// fields pass, and the rules the kit relies on (timestamps, Date, Retry-After) are the document's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contract } from '../contract.js';
import type { OpenApiOperation, OpenApiResponse, SchemaObject } from '../openapi.js';

const { document } = contract;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

describe('the contract document', () => {
  test('every example of a component schema passes that schema', () => {
    for (const [name, schema] of Object.entries<SchemaObject>(document.components?.schemas ?? {})) {
      const validate = contract.schema(name);
      for (const example of (schema['examples'] as unknown[] | undefined) ?? []) {
        assert.ok(validate(example), `${name} example ${JSON.stringify(example)}: ${JSON.stringify(validate.errors)}`);
      }
    }
  });

  test("every response example passes its response's schema", () => {
    let seen = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries<OpenApiOperation | undefined>(item)) {
        for (const [status, response] of Object.entries<OpenApiResponse>(operation?.responses ?? {})) {
          const concrete = path.replace(/\{[^}]+\}/g, 'b-1');
          const code = Number(status.replace('XX', '00'));
          const rules = contract.response(method, concrete, code);
          assert.ok(rules, `${method} ${path} ${status}`);
          const media = (response.content ?? {})['application/json'] as { example?: unknown; examples?: Record<string, { value: unknown }> } | undefined;
          const examples = [...(media && 'example' in media ? [media.example] : []), ...Object.values(media?.examples ?? {}).map((e) => e.value)];
          for (const example of examples) {
            const validate = rules.bodies.get('application/json')!;
            assert.ok(validate(example), `${method} ${path} ${status}: ${JSON.stringify(validate.errors)}`);
            seen++;
          }
        }
      }
    }
    assert.ok(seen >= 10, `only ${seen} examples found`);
  });

  test('no schema of an answer closes its object: unknown fields are tolerated by the contract', () => {
    // Request bodies may be closed (POST /backups takes `{}`); what a server answers may not be.
    const closed: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (!isObject(node)) return;
      if (node['additionalProperties'] === false || node['unevaluatedProperties'] === false) closed.push(where);
      for (const [key, value] of Object.entries(node)) if (key !== 'requestBody') walk(value, `${where}/${key}`);
    };
    walk(document.paths, '#/paths');
    walk(document.components, '#/components');
    assert.deepEqual(
      closed.filter((w) => !w.startsWith('#/components/schemas/DownloadRequest')),
      [],
    );
  });

  test('answers with fields the contract does not know pass (the kit does not fail on them)', () => {
    const backup = { id: 'b-1', status: 'ready', requestedAt: '2026-11-24T13:05:00Z', someday: { nested: [1, 2] }, cancellable: false };
    assert.ok(contract.schema('Backup')(backup));
    assert.ok(contract.schema('BackupList')({ backups: [backup], nextRequestAt: null, page: 1 }));
    assert.ok(contract.schema('CooldownError')({ error: 'cooldown', nextRequestAt: '2026-12-19T13:05:00Z', retryHint: 'later' }));
    assert.ok(contract.schema('Error')({ error: 'not_found', traceId: 'abc' }));
  });
});

describe('Timestamp: RFC 3339 with Z or an offset, nothing else', () => {
  const timestamp = contract.schema('Timestamp');
  for (const good of ['2026-11-24T13:05:00Z', '2026-11-24T10:05:00-03:00', '2026-11-24T13:05:00.5Z', '2026-11-24T18:35:00.123456+05:30']) {
    test(`accepts ${good}`, () => assert.ok(timestamp(good)));
  }
  for (const bad of [
    '2026-11-24T13:05:00', // no zone: each user's own time zone
    '2026-11-24 13:05:00Z', // a space for T
    '2026-11-24t13:05:00z', // lower case
    '2026-11-24T13:05:00+0300', // offset without its colon
    '2026-11-24T13:05Z', // no seconds
    '2026-11-24', // a date
    '2026-02-30T13:05:00Z', // not a day
    '2026-11-24T25:05:00Z', // not an hour
    'Tue, 24 Nov 2026 13:05:00 GMT', // an HTTP date
    '1795525500000',
  ]) {
    test(`refuses ${bad}`, () => assert.equal(timestamp(bad), false));
  }
});

describe('responses, as the document states them', () => {
  test('every answer requires a Date header, a 429 a Retry-After too', () => {
    for (const [method, path, status] of [
      ['get', '/backups', 200],
      ['post', '/backups', 201],
      ['post', '/backups', 409],
      ['post', '/backups/b-1/download', 404],
      ['delete', '/backups/b-1', 409],
      ['get', '/backups', 401],
      ['get', '/backups', 503],
    ] as const) {
      assert.deepEqual(
        contract.response(method, path, status)!.headers.map((h) => h.name),
        ['Date'],
        `${method} ${path} ${status}`,
      );
    }
    assert.deepEqual(
      contract.response('get', '/backups', 429)!.headers.map((h) => h.name),
      ['Date', 'Retry-After'],
    );
  });

  test("the headers' schemas: an HTTP date; delay-seconds or an HTTP date", () => {
    const [date, retryAfter] = contract.response('get', '/backups', 429)!.headers.map((h) => h.validate);
    assert.ok(date!('Tue, 24 Nov 2026 13:05:00 GMT'));
    assert.equal(date!('2026-11-24T13:05:00Z'), false);
    assert.equal(date!('Tuesday, 24-Nov-26 13:05:00 GMT'), false);
    for (const good of ['0', '2', '120', 'Tue, 24 Nov 2026 13:05:00 GMT']) assert.ok(retryAfter!(good), good);
    for (const bad of ['', 'soon', '-1', '1.5', '2 s']) assert.equal(retryAfter!(bad), false, bad);
  });

  test('a status the operation does not declare has no rules; 5xx falls to 5XX', () => {
    assert.equal(contract.response('post', '/backups', 200), null);
    assert.equal(contract.response('put', '/backups', 200), null);
    assert.equal(contract.response('get', '/elsewhere', 200), null);
    assert.equal(contract.response('get', '/backups', 502)!.status, '5XX');
    assert.equal(contract.response('post', '/backups/x/download', 409)!.bodyName, 'NotReadyError');
    assert.equal(contract.response('delete', '/backups/x', 409)!.bodyName, 'NotCancellableError');
  });

  test("a timestamp's problem is told apart from the body's own", () => {
    const validate = contract.schema('BackupList');
    assert.equal(validate({ backups: [{ id: 7, status: 'ready', requestedAt: '2026-11-24T13:05:00', readyAt: '2026-11-24 13:05:00Z' }] }), false);
    const { problems, timestamps } = contract.problems(validate.errors);
    assert.deepEqual(timestamps, ['/backups/0/requestedAt "2026-11-24T13:05:00"', '/backups/0/readyAt "2026-11-24 13:05:00Z"']);
    assert.deepEqual(problems, ['/backups/0/id must be string (got 7)']);
  });
});
