/**
 * The checks: what the element needs of a backend, in the order of a user's story, each judged
 * against the contract ({@link Contract}) from the exchanges the {@link Client} recorded.
 *
 * Read-only (safe against production): the list, a download of an id that cannot exist, and, over
 * every answer of the run, the timestamps, `Date`, content types and any `429`'s `Retry-After`.
 * With writes (a staging tenant): the lifecycle of one new backup, which the run cancels again
 * where the server allows it.
 */
import { randomUUID } from 'node:crypto';
import { BudgetSpent, Client, type ClientOptions, type Exchange } from './client.js';
import { contract as shippedContract, quote, type Contract } from './contract.js';

export type ContractVersion = 'v1' | 'v1.1';
export type Outcome = 'ok' | 'fail' | 'skip';

interface CheckSpec {
  /** The contract version whose rule it is. */
  contract: ContractVersion;
  /** Only with `--allow-writes`. */
  writes: boolean;
  /** The rule, as a sentence. */
  title: string;
  /** Judged over every answer of the run, at its end (rather than on one call of its own). */
  acrossRun?: true;
}

/** Every check, in the order of a user's story and of the output. */
export const CHECKS = {
  list: { contract: 'v1', writes: false, title: 'GET /backups answers 200 with a BackupList (v1 and v1.1 fields)' },
  'download-unknown': {
    contract: 'v1',
    writes: false,
    title: 'a download (POST /backups/{id}/download) of an id that cannot exist answers 404 with the error body, and changes nothing',
  },
  create: { contract: 'v1', writes: true, title: 'POST /backups with a new Idempotency-Key answers 201 with a Backup' },
  replay: { contract: 'v1', writes: true, title: 'the same Idempotency-Key again answers 201 with the same backup' },
  'one-backup': { contract: 'v1', writes: true, title: 'the list then holds the new backup once: one backup, not two' },
  cooldown: { contract: 'v1', writes: true, title: 'a new Idempotency-Key during the cooldown answers 409 cooldown with a future nextRequestAt' },
  'not-ready': { contract: 'v1', writes: true, title: 'a download of a backup that is not ready answers 409 not_ready' },
  cancel: { contract: 'v1.1', writes: true, title: 'DELETE on a cancellable request answers 200 with the backup, now cancelled' },
  'not-cancellable': { contract: 'v1.1', writes: true, title: 'DELETE on a request that is not cancellable answers 409 not_cancellable' },
  'cancel-frees': { contract: 'v1.1', writes: true, title: 'after a cancel, the list shows it cancelled and allows a new request at once' },
  timestamps: { contract: 'v1', writes: false, acrossRun: true, title: 'every timestamp is RFC 3339 with Z or an offset' },
  'date-header': {
    contract: 'v1',
    writes: false,
    acrossRun: true,
    title: 'every answer carries a Date header (an HTTP date): the element runs its rules on the server clock',
  },
  'content-type': { contract: 'v1', writes: false, acrossRun: true, title: 'every answer with a body has the media type the contract gives it (application/json)' },
  'retry-after': { contract: 'v1', writes: false, acrossRun: true, title: 'every 429 carries a usable Retry-After (delay-seconds or an HTTP date)' },
} as const satisfies Record<string, CheckSpec>;

export type CheckId = keyof typeof CHECKS;

export interface CheckResult {
  id: CheckId;
  contract: ContractVersion;
  title: string;
  outcome: Outcome;
  /** `fail`: what the contract asks. */
  expected?: string;
  /** `fail`: what came. */
  got?: string;
  /** `skip`: why it did not run. `ok`: what was seen, when worth saying. */
  detail?: string;
}

export interface RunOptions extends Omit<ClientOptions, 'deadline'> {
  allowWrites?: boolean;
  /** The whole run's budget, in ms. */
  budgetMs?: number;
  contract?: Contract;
}

export interface RunReport {
  contract: string;
  baseUrl: string;
  mode: 'read-only' | 'allow-writes';
  /** What the run will change (`--allow-writes`), said before it does. */
  plan: string[];
  checks: CheckResult[];
  /** Things worth knowing that are not checks: the server's clock, v1.1 fields seen, waits. */
  notes: string[];
  /** What the run did to undo its writes, and what it could not undo. */
  cleanup: string[];
  /** The server's clock minus this machine's, from `Date` (ms), when known. */
  serverClockOffsetMs: number | null;
  summary: Summary;
}

export interface Summary {
  ok: number;
  failed: number;
  skipped: number;
  /** The contract version the server meets in every check that ran. */
  meets: 'v1' | 'v1.1' | 'neither';
  why: string;
}

export const DEFAULT_BUDGET_MS = 120_000;

/** What `--allow-writes` will do, said up front. */
export function plan(baseUrl: string): string[] {
  return [
    `--allow-writes: this run changes the tenant behind ${baseUrl}:`,
    '- it requests ONE backup (POST /backups with a new Idempotency-Key), then sends the same key again, which must not create a second one;',
    '- it sends a second key, which the cooldown must refuse (409): nothing more is created;',
    '- it asks to download the new backup, which must be refused while it is not ready (409 not_ready): no credentials are issued;',
    '- v1.1: it cancels the new backup (DELETE), which frees the cooldown again, then asks once more (409 not_cancellable).',
    'A v1 server cannot cancel: the new backup stays, and the tenant cannot request another for 28 days.',
    'A tenant already in its cooldown gets no new backup: the checks that need one are skipped, and say so.',
  ];
}

const PENDING = new Set(['awaiting_release', 'in_progress']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idsOf = (body: unknown): string[] =>
  isObject(body) && Array.isArray(body['backups']) ? body['backups'].flatMap((b) => (isObject(b) && typeof b['id'] === 'string' ? [b['id']] : [])) : [];
const findBackup = (body: unknown, id: string): Record<string, unknown> | undefined =>
  isObject(body) && Array.isArray(body['backups']) ? body['backups'].find((b): b is Record<string, unknown> => isObject(b) && b['id'] === id) : undefined;
const article = (name: string) => (/^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`);
const call = (e: Exchange) => `${e.method} ${e.path}`;

/** What the element does with an answer it did not expect, said where it helps a backend team. */
function statusHint(e: Exchange): string {
  if (e.status === null) return '';
  if (e.status >= 300 && e.status < 400) {
    return ` (a redirect${e.headers['location'] ? ` to ${e.headers['location']}` : ''}: the element reads it as an expired session; pass the session with --header)`;
  }
  if (e.status === 401) return ' (the element reads it as an expired session; pass the session with --header)';
  if (e.status === 403) return ' (forbidden: does the session user have Gerenciar conta (CM056), on an eligible plan?)';
  if (e.status === 404 && e.path === '/backups') return ' (is --base-url where the contract lives, e.g. https://host/api?)';
  return '';
}

/** The run of one kit invocation. */
class Run {
  readonly results = new Map<CheckId, CheckResult>();
  readonly notes: string[] = [];
  readonly cleanup: string[] = [];
  /** The check under way, which a spent budget fails. */
  current: CheckId | null = null;

  constructor(
    readonly client: Client,
    readonly contract: Contract,
    /** What the client was made with, for the cleanup's own client. */
    readonly clientOptions: ClientOptions,
  ) {}

  ok(id: CheckId, detail?: string): void {
    this.#set(id, 'ok', detail === undefined ? {} : { detail });
  }

  fail(id: CheckId, expected: string, got: string): void {
    this.#set(id, 'fail', { expected, got });
  }

  skip(id: CheckId, why: string): void {
    this.#set(id, 'skip', { detail: why });
  }

  /**
   * Whether `e` is the answer the contract gives for `status` to its call, with the body the
   * contract's schema for it describes (timestamps aside: their own check judges them). Records a
   * failure of `id` and returns false when it is not.
   */
  expect(id: CheckId, e: Exchange, status: number): boolean {
    const rules = this.contract.response(e.method, e.path, status);
    const validate = rules ? (rules.bodies.get('application/json') ?? [...rules.bodies.values()][0]) : undefined;
    const expected = `${status}${rules?.bodyName ? ` with ${article(rules.bodyName)}` : ''}`;
    if (e.status === null) {
      this.fail(id, expected, `no answer to ${call(e)} (${e.failure})`);
      return false;
    }
    if (e.status !== status) {
      const body = e.body === undefined ? (e.text ? ` and a body that is not JSON: ${quote(e.text)}` : '') : ` with ${quote(e.body)}`;
      this.fail(id, expected, `${e.status}${statusHint(e)}${body}`);
      return false;
    }
    if (!validate) return true;
    if (e.body === undefined) {
      this.fail(id, expected, `${e.status} with a body that is not JSON: ${quote(e.text)}`);
      return false;
    }
    validate(e.body);
    const { problems } = this.contract.problems(validate.errors);
    if (problems.length) {
      this.fail(id, expected, `${e.status} with a body off the contract: ${problems.slice(0, 4).join('; ')}${problems.length > 4 ? `; and ${problems.length - 4} more` : ''}`);
      return false;
    }
    return true;
  }

  #set(id: CheckId, outcome: Outcome, extra: Partial<CheckResult>): void {
    // A check is judged once: its first verdict stands (a later step cannot turn a failure into ok).
    if (this.results.has(id)) return;
    const { contract, title } = CHECKS[id];
    this.results.set(id, { id, contract, title, outcome, ...extra });
  }
}

/** Runs the checks against `baseUrl` and reports. Never throws for what the server does. */
export async function runConformance(options: RunOptions): Promise<RunReport> {
  const clock = options.clock ?? Date.now;
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const clientOptions: ClientOptions = { ...options, deadline: clock() + budgetMs };
  const client = new Client(clientOptions);
  const contract = options.contract ?? shippedContract;
  const run = new Run(client, contract, clientOptions);
  const writes = options.allowWrites === true;
  const state: LifecycleState = { created: new Map(), firstList: undefined };

  try {
    await readOnly(run, state);
    if (writes) await lifecycle(run, state);
  } catch (error) {
    if (!(error instanceof BudgetSpent)) throw error;
    if (run.current) run.fail(run.current, `an answer within the run's ${Math.round(budgetMs / 1000)} s`, error.message);
    for (const [id, spec] of Object.entries(CHECKS) as [CheckId, CheckSpec][]) {
      if ((spec.writes && !writes) || spec.acrossRun) continue;
      run.skip(id, "the run's time budget was spent before it (--max-seconds)");
    }
  } finally {
    if (writes) await undo(run, state, clock);
  }
  judgeAllAnswers(run);

  const checks = (Object.keys(CHECKS) as CheckId[]).filter((id) => run.results.has(id)).map((id) => run.results.get(id)!);
  const offsets = client.exchanges.filter((e) => e.serverTime !== null).map((e) => e.serverTime! - e.receivedAt);
  const serverClockOffsetMs = offsets.length ? offsets[offsets.length - 1]! : null;
  if (serverClockOffsetMs !== null && Math.abs(serverClockOffsetMs) >= 2000) {
    run.notes.push(
      `the server's clock is ${Math.round(Math.abs(serverClockOffsetMs) / 1000)} s ${serverClockOffsetMs > 0 ? 'ahead of' : 'behind'} this machine's (from Date): the element follows the server's`,
    );
  }
  for (const wait of client.waits) run.notes.push(`waited ${(wait.ms / 1000).toFixed(1)} s after a 429 to ${wait.after}, as its Retry-After asked`);
  return {
    contract: contract.version,
    baseUrl: options.baseUrl,
    mode: writes ? 'allow-writes' : 'read-only',
    plan: writes ? plan(options.baseUrl) : [],
    checks,
    notes: run.notes,
    cleanup: run.cleanup,
    serverClockOffsetMs,
    summary: summarize(checks, writes),
  };
}

interface Created {
  cancellable: boolean | undefined;
  cancelled: boolean;
}

interface LifecycleState {
  /** Every backup the run created (or that a faulty server created for it), by id. */
  created: Map<string, Created>;
  /** The list as it was before the run wrote anything. */
  firstList: unknown;
}

async function readOnly(run: Run, state: LifecycleState): Promise<void> {
  const { client } = run;
  run.current = 'list';
  const list = await client.send('GET', '/backups');
  if (run.expect('list', list, 200)) run.ok('list', `${idsOf(list.body).length} backup(s)`);
  state.firstList = list.body;
  const v11 = new Set<string>();
  for (const b of isObject(list.body) && Array.isArray(list.body['backups']) ? list.body['backups'] : []) {
    for (const field of ['cancellable', 'estimatedReadyAt']) if (isObject(b) && field in b) v11.add(field);
    if (isObject(b) && b['status'] === 'cancelled') v11.add('status cancelled');
  }
  if (v11.size) run.notes.push(`v1.1 fields in the list: ${[...v11].join(', ')}`);

  run.current = 'download-unknown';
  let unknown = `conformance-check-${randomUUID()}`;
  while (idsOf(list.body).includes(unknown)) unknown = `conformance-check-${randomUUID()}`;
  const download = await client.send('POST', `/backups/${unknown}/download`, { body: { termsAccepted: true } });
  if (run.expect('download-unknown', download, 404)) {
    // "Changes nothing": no backup appears (only judged when there is a list to compare with).
    const after = list.status === 200 ? await client.send('GET', '/backups') : null;
    const before = new Set(idsOf(list.body));
    const added = after?.status === 200 ? idsOf(after.body).filter((id) => !before.has(id)) : [];
    if (added.length) run.fail('download-unknown', 'the list unchanged', `new backups in the list afterwards: ${added.join(', ')}`);
    else run.ok('download-unknown', `id ${unknown}`);
  }
  run.current = null;
}

async function lifecycle(run: Run, state: LifecycleState): Promise<void> {
  const { client } = run;
  const firstIds = new Set(idsOf(state.firstList));
  const listSaysFree = isObject(state.firstList) && state.firstList['nextRequestAt'] === null;

  // 1. Request a backup.
  run.current = 'create';
  const key = randomUUID();
  const create = await client.send('POST', '/backups', { body: {}, headers: { 'Idempotency-Key': key } });
  const remember = (e: Exchange) => {
    // Whatever a 2xx to a POST or its replay names is a backup the run must clean up after.
    if (e.status !== null && e.status >= 200 && e.status < 300 && isObject(e.body) && typeof e.body['id'] === 'string') {
      const known = state.created.get(e.body['id']);
      const cancellable = typeof e.body['cancellable'] === 'boolean' ? e.body['cancellable'] : known?.cancellable;
      state.created.set(e.body['id'], { cancellable, cancelled: known?.cancelled ?? false });
      return e.body['id'];
    }
    return undefined;
  };
  const id = remember(create);

  if (create.status === 409) {
    // The tenant is in its cooldown already: not a failure of the server, and the one answer that
    // the cooldown rule is about. Nothing was created, so the checks that need a new backup skip.
    const until = isObject(create.body) && typeof create.body['nextRequestAt'] === 'string' ? create.body['nextRequestAt'] : 'a date it did not say';
    const why = `the tenant is in its cooldown until ${until} (the first POST answered 409${listSaysFree ? ', although the list said nextRequestAt: null just before' : ''}): no backup was created. Run on a tenant that may request one (cancel its pending request, or wait), to check this`;
    judgeCooldown(run, create);
    run.skip('create', why);
    for (const check of ['replay', 'one-backup', 'cancel', 'not-cancellable', 'cancel-frees'] as const) {
      run.skip(check, 'no backup was created: the tenant is in its cooldown (see create)');
    }
    // A download of someone else's pending backup changes nothing on a server that keeps the rule.
    const pending = (isObject(state.firstList) && Array.isArray(state.firstList['backups']) ? state.firstList['backups'] : []).find(
      (b): b is Record<string, unknown> => isObject(b) && typeof b['id'] === 'string' && PENDING.has(String(b['status'])),
    );
    if (pending) await judgeNotReady(run, String(pending['id']));
    else run.skip('not-ready', 'no backup was created (the tenant is in its cooldown, see create), and none in the list is awaiting release or in progress');
    return;
  }
  // A wrong answer that still names a backup (a 200, say) goes on: the rest can be judged, and
  // the backup cleaned up after.
  const created = run.expect('create', create, 201);
  if (!id) {
    for (const check of ['replay', 'one-backup', 'cooldown', 'not-ready', 'cancel', 'not-cancellable', 'cancel-frees'] as const) {
      run.skip(check, 'no backup was created (see create)');
    }
    return;
  }
  if (created) run.ok('create', `backup ${id}, Idempotency-Key ${key}`);

  // 2. The same confirmation again (a retry after a lost answer): the same backup.
  run.current = 'replay';
  const replay = await client.send('POST', '/backups', { body: {}, headers: { 'Idempotency-Key': key } });
  const replayId = remember(replay);
  if (run.expect('replay', replay, 201)) {
    if (replayId === id) run.ok('replay', `backup ${id} again`);
    else run.fail('replay', `201 with backup ${id}, the one this key created`, `201 with backup ${quote(replayId ?? replay.body)}: a second backup for a reused key`);
  }

  // 3. The list holds it once.
  run.current = 'one-backup';
  const list = await client.send('GET', '/backups');
  const mine = findBackup(list.body, id);
  if (run.expect('one-backup', list, 200)) {
    const times = idsOf(list.body).filter((x) => x === id).length;
    const others = idsOf(list.body).filter((x) => x !== id && !firstIds.has(x));
    if (times === 1 && others.length === 0) run.ok('one-backup', `backup ${id}, ${String(mine?.['status'])}`);
    else {
      run.fail(
        'one-backup',
        `backup ${id} once, and no other new backup`,
        `${id} ${times} time(s)${others.length ? `, and new: ${others.join(', ')} (${others.length + times} backups from one request)` : ''}`,
      );
    }
  }
  if (mine && typeof mine['cancellable'] === 'boolean') state.created.get(id)!.cancellable = mine['cancellable'];

  // 4. Another confirmation (another tab, another administrator): the cooldown refuses it.
  run.current = 'cooldown';
  const second = await client.send('POST', '/backups', { body: {}, headers: { 'Idempotency-Key': randomUUID() } });
  remember(second);
  judgeCooldown(run, second);

  // 5. A download of the new backup, which is not ready.
  const status = String(mine?.['status'] ?? (isObject(create.body) ? create.body['status'] : ''));
  if (PENDING.has(status) || !mine) await judgeNotReady(run, id);
  else run.skip('not-ready', `the new backup is ${quote(status)} already, so "not ready" cannot be asked of it`);

  // 6. v1.1: cancel it, which frees the cooldown, and cancel it once more.
  const { cancellable } = state.created.get(id)!;
  if (cancellable === undefined) {
    const why = 'the new backup has no cancellable field: a v1 server, without DELETE /backups/{id}';
    for (const check of ['cancel', 'not-cancellable', 'cancel-frees'] as const) run.skip(check, why);
    return;
  }
  if (cancellable === false) {
    run.skip('cancel', 'the server says the new request cannot be cancelled (cancellable: false)');
    run.skip('cancel-frees', 'nothing was cancelled');
    run.current = 'not-cancellable';
    const refused = await client.send('DELETE', `/backups/${encodeURIComponent(id)}`);
    judgeNotCancellable(run, refused);
    if (refused.status === 200) state.created.get(id)!.cancelled = true;
    return;
  }
  run.current = 'cancel';
  const cancel = await client.send('DELETE', `/backups/${encodeURIComponent(id)}`);
  if (cancel.status === 200) state.created.get(id)!.cancelled = true;
  if (run.expect('cancel', cancel, 200)) {
    const now = isObject(cancel.body) ? cancel.body['status'] : undefined;
    if (isObject(cancel.body) && cancel.body['id'] === id && now === 'cancelled') run.ok('cancel', `backup ${id} cancelled`);
    else run.fail('cancel', `200 with backup ${id}, status "cancelled"`, `200 with ${quote(cancel.body)}`);
  }
  run.current = 'not-cancellable';
  judgeNotCancellable(run, await client.send('DELETE', `/backups/${encodeURIComponent(id)}`));

  run.current = 'cancel-frees';
  const after = await client.send('GET', '/backups');
  if (run.expect('cancel-frees', after, 200)) {
    const entry = findBackup(after.body, id);
    const next = isObject(after.body) ? after.body['nextRequestAt'] : undefined;
    if (entry?.['status'] === 'cancelled' && (next === null || next === undefined)) run.ok('cancel-frees', `backup ${id} cancelled; nextRequestAt ${quote(next)}`);
    else run.fail('cancel-frees', `backup ${id} "cancelled" and nextRequestAt null`, `${quote(entry?.['status'] ?? 'no such backup')} and nextRequestAt ${quote(next)}`);
  }
  run.current = null;
}

function judgeCooldown(run: Run, e: Exchange): void {
  run.current = 'cooldown';
  if (!run.expect('cooldown', e, 409)) return;
  const next = isObject(e.body) ? e.body['nextRequestAt'] : undefined;
  const at = typeof next === 'string' ? Date.parse(next) : NaN;
  const now = e.serverTime ?? e.receivedAt;
  const clock = e.serverTime === null ? "this machine's clock (the answer had no Date)" : 'the Date of that answer';
  if (!(at > now)) run.fail('cooldown', `409 cooldown with a nextRequestAt after ${clock}`, `nextRequestAt ${quote(next)}, which is not in the future`);
  else run.ok('cooldown', `nextRequestAt ${String(next)}`);
}

async function judgeNotReady(run: Run, id: string): Promise<void> {
  run.current = 'not-ready';
  const e = await run.client.send('POST', `/backups/${encodeURIComponent(id)}/download`, { body: { termsAccepted: true } });
  if (run.expect('not-ready', e, 409)) run.ok('not-ready', `backup ${id}`);
}

function judgeNotCancellable(run: Run, e: Exchange): void {
  if (run.expect('not-cancellable', e, 409)) run.ok('not-cancellable', `${call(e)}`);
}

/** Cancels what the run created and has not cancelled yet, where the server says it can. */
async function undo(run: Run, state: LifecycleState, clock: () => number): Promise<void> {
  for (const [id, created] of state.created) {
    if (created.cancelled) {
      run.cleanup.push(`backup ${id}: cancelled by the run`);
      continue;
    }
    if (created.cancellable !== true) {
      run.cleanup.push(
        `backup ${id}: left on the tenant (${created.cancellable === false ? 'the server says it cannot be cancelled' : 'a v1 server cannot cancel'}); the tenant is in its cooldown until the server says otherwise`,
      );
      continue;
    }
    // One try, outside the budget (undoing a write is worth the extra seconds), no retry.
    const client = new Client({ ...run.clientOptions, deadline: clock() + 20_000, maxRetries: 0 });
    const e = await client.send('DELETE', `/backups/${encodeURIComponent(id)}`).catch((error: Error) => ({ status: null, failure: error.message }) as Exchange);
    run.cleanup.push(e.status === 200 ? `backup ${id}: cancelled` : `backup ${id}: could not be cancelled (${e.status ?? e.failure}); cancel it by hand`);
  }
}

/** The checks over every answer of the run: timestamps, the headers the contract requires, media types. */
function judgeAllAnswers(run: Run): void {
  const timestamps: string[] = [];
  const missing: Record<'date-header' | 'retry-after', string[]> = { 'date-header': [], 'retry-after': [] };
  const mediaTypes: string[] = [];
  let bodies = 0;
  let rateLimited = 0;
  for (const e of run.client.exchanges) {
    if (e.status === null) continue;
    if (e.status === 429) rateLimited++;
    const rules = run.contract.response(e.method, e.path, e.status);
    if (!rules) continue;
    for (const header of rules.headers) {
      const name = header.name.toLowerCase();
      // The contract requires Date and (on a 429) Retry-After; they have their own checks.
      const check = name === 'retry-after' ? 'retry-after' : name === 'date' ? 'date-header' : null;
      if (!check) continue;
      const value = e.headers[name];
      if (value === undefined) missing[check].push(`${call(e)} ${e.status}: no ${header.name}`);
      else if (!header.validate(value)) missing[check].push(`${call(e)} ${e.status}: ${header.name}: ${quote(value)}`);
    }
    if (!rules.bodies.size) continue;
    bodies++;
    const type = (e.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!rules.bodies.has(type)) mediaTypes.push(`${call(e)} ${e.status}: ${type ? quote(e.headers['content-type']) : 'no Content-Type'}`);
    const validate = rules.bodies.get(type) ?? [...rules.bodies.values()][0]!;
    if (e.body !== undefined && !validate(e.body)) {
      for (const t of run.contract.problems(validate.errors).timestamps) timestamps.push(`${call(e)}: ${t}`);
    }
  }
  const answers = run.client.exchanges.filter((e) => e.status !== null).length;
  if (!answers) {
    for (const check of ['timestamps', 'date-header', 'content-type', 'retry-after'] as const) run.skip(check, 'no answer came');
    return;
  }
  const some = (all: string[]) => {
    const list = [...new Set(all)];
    return `${list.slice(0, 3).join('; ')}${list.length > 3 ? `; and ${list.length - 3} more` : ''}`;
  };
  if (timestamps.length) run.fail('timestamps', 'RFC 3339 with Z or an offset, e.g. "2026-11-24T13:05:00Z" or "2026-11-24T10:05:00-03:00"', some(timestamps));
  else run.ok('timestamps', `in ${bodies} answer(s) with a body`);
  if (missing['date-header'].length) run.fail('date-header', 'a Date header such as "Tue, 24 Nov 2026 13:05:00 GMT" on every answer', some(missing['date-header']));
  else run.ok('date-header', `on ${answers} answer(s)`);
  if (mediaTypes.length) run.fail('content-type', 'Content-Type: application/json', some(mediaTypes));
  else run.ok('content-type', `on ${bodies} answer(s) with a body`);
  if (missing['retry-after'].length) run.fail('retry-after', 'Retry-After: delay-seconds (e.g. "2") or an HTTP date', some(missing['retry-after']));
  else if (rateLimited) run.ok('retry-after', `on ${rateLimited} answer(s) 429`);
  else run.skip('retry-after', 'no 429 came during the run');
}

/** Counts, and which contract version the server meets in every check that ran. */
export function summarize(checks: CheckResult[], writes: boolean): Summary {
  const count = (outcome: Outcome) => checks.filter((c) => c.outcome === outcome).length;
  const failed = (version: ContractVersion) => checks.filter((c) => c.contract === version && c.outcome === 'fail').map((c) => c.id);
  const ran = (version: ContractVersion) => checks.some((c) => c.contract === version && c.outcome !== 'skip');
  const summary = { ok: count('ok'), failed: count('fail'), skipped: count('skip') };
  if (failed('v1').length) return { ...summary, meets: 'neither', why: `v1 checks failed: ${failed('v1').join(', ')}` };
  if (failed('v1.1').length) return { ...summary, meets: 'v1', why: `v1.1 checks failed: ${failed('v1.1').join(', ')}` };
  if (ran('v1.1')) return { ...summary, meets: 'v1.1', why: 'every check passed, the v1.1 cancel included' };
  const skipped = checks.find((c) => c.contract === 'v1.1' && c.outcome === 'skip');
  const why = writes
    ? `v1.1 was not shown: ${skipped?.detail ?? 'its checks did not run'}`
    : 'v1.1 was not shown: its cancel needs --allow-writes (on a staging tenant)';
  return { ...summary, meets: 'v1', why };
}
