// The command line: what it accepts, what it refuses (exit 2), and the text of a report.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CheckResult } from '../checks.js';
import { parseCommandLine } from '../cli.js';
import { checkLine } from '../report.js';

describe('parseCommandLine', () => {
  test('the documented form', () => {
    const parsed = parseCommandLine([
      '--base-url',
      'https://staging.example/api',
      '--header',
      'Cookie: SESSION=abc; other=1',
      '--header',
      'X-CSRF-Token:t0k3n',
      '--allow-writes',
      '--json',
    ]);
    assert.ok('options' in parsed);
    assert.equal(parsed.json, true);
    assert.equal(parsed.options.allowWrites, true);
    assert.deepEqual(parsed.options.headers, [
      ['Cookie', 'SESSION=abc; other=1'],
      ['X-CSRF-Token', 't0k3n'],
    ]);
  });

  test('read-only unless --allow-writes', () => {
    const parsed = parseCommandLine(['--base-url', 'http://127.0.0.1:8080/api']);
    assert.ok('options' in parsed);
    assert.equal(parsed.options.allowWrites, false);
    assert.equal(parsed.json, false);
  });

  test('refuses what it cannot run, saying why', () => {
    for (const [argv, message] of [
      [[], /--base-url is required/],
      [['--base-url', 'staging.example/api'], /not a URL/],
      [['--base-url', 'ftp://staging.example/api'], /http\(s\)/],
      [['--base-url', 'http://x/api', '--header', 'no colon here'], /'Name: value'/],
      [['--base-url', 'http://x/api', '--max-seconds', '0'], /--max-seconds/],
      [['--base-url', 'http://x/api', '--allow-write'], /Unknown option '--allow-write'/],
    ] as const) {
      const parsed = parseCommandLine([...argv]);
      assert.ok('error' in parsed, JSON.stringify(argv));
      assert.match(parsed.error, message);
    }
  });

  test("a wrong header's message does not echo its value", () => {
    const parsed = parseCommandLine(['--base-url', 'http://x/api', '--header', 'Authorization Bearer s3cr3t']);
    assert.ok('error' in parsed);
    assert.doesNotMatch(parsed.error, /s3cr3t/);
  });
});

describe('checkLine', () => {
  const base = { id: 'create', contract: 'v1', title: 'POST /backups with a new Idempotency-Key answers 201 with a Backup' } as const;

  test('one line per check: ok, FAIL with what was expected and what came, skip with why', () => {
    const lines = [
      checkLine({ ...base, outcome: 'ok', detail: 'backup b-8' } satisfies CheckResult),
      checkLine({ ...base, outcome: 'fail', expected: '201 with a Backup', got: '200' }),
      checkLine({ ...base, outcome: 'skip', detail: 'the tenant is in its cooldown' }),
    ];
    for (const line of lines) assert.doesNotMatch(line, /\n/);
    assert.match(lines[0]!, /^ok {4}create {12}POST \/backups .* \(backup b-8\)$/);
    assert.match(lines[1]!, /^FAIL {2}create .*: expected 201 with a Backup; got 200$/);
    assert.match(lines[2]!, /^skip {2}create .* \(the tenant is in its cooldown\)$/);
  });
});
