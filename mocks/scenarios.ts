/**
 * Named states of the fake backend, for the sandbox's switcher, the screenshots and the tests.
 * Every date is relative to `now` (the `Date.now()` of `MockBackend.reset`).
 *
 * Scenarios are data: each names the contract version it speaks and sets up a backend through the
 * small {@link ScenarioBackend} interface, so this file does not depend on `backend.ts` (which loads
 * it). Every scenario from before v1.1 is a `v1` one, so v1 behaviour stays tested; the `v1.1` ones
 * are marked in their description too.
 */
import type { HostKey } from '../src/core/types.js';
import type { ContractVersion, FaultName, StoredBackup } from './model.js';
import { TEST_HOST_FINGERPRINT, TEST_HOST_KEY_TYPE } from './test-host-key.js';
import { DAY_MS as DAY, HOUR_MS as HOUR, iso } from './time.js';

export type ScenarioName =
  | 'empty'
  | 'typical'
  | 'every-status'
  | 'cooldown'
  | 'unknown-status'
  | 'unauthorized'
  | 'plan-not-eligible'
  | 'forbidden'
  | 'rate-limited'
  | 'server-error'
  | 'network-failure'
  | 'malformed'
  | 'wrong-shape'
  | 'slow'
  | 'older-backend'
  | 'v1.1'
  | 'cancellable'
  | 'cancel-too-late'
  | 'host-keys-fingerprint-only';

/** What a scenario may set on a backend. */
export interface ScenarioBackend {
  add(partial?: Partial<StoredBackup>, options?: { progress?: boolean }): unknown;
  fault: FaultName | null;
  latencyMs: number;
  omitNextRequestAt: boolean;
  /** v1.1: the host keys the download answer carries. */
  hostKeys: HostKey[];
}

export interface Scenario {
  description: string;
  /** The contract the backend follows in this scenario (set before `setup`). */
  version: ContractVersion;
  setup(backend: ScenarioBackend, now: number): void;
}

/** A few months of history: expired backups, a server error, one ready; requesting is allowed. */
function typical(backend: ScenarioBackend, now: number): void {
  backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(now - 150 * DAY), readyAt: iso(now - 149 * DAY) });
  backend.add({ id: 'b-2', status: 'server_error', requestedAt: iso(now - 110 * DAY) });
  backend.add({ id: 'b-3', status: 'expired', requestedAt: iso(now - 109 * DAY), readyAt: iso(now - 108 * DAY), requestedBy: 'maria.silva@example.com' });
  backend.add({ id: 'b-4', status: 'expired', requestedAt: iso(now - 70 * DAY), readyAt: iso(now - 69 * DAY) });
  // Released late by the cloud team: requested 32 days ago, ready 2 days ago, 8 days left.
  backend.add({ id: 'b-5', status: 'ready', requestedAt: iso(now - 32 * DAY), readyAt: iso(now - 2 * DAY) });
}

/** A request 3 days ago, being prepared: the button is disabled for 25 more days. */
function cooldown(backend: ScenarioBackend, now: number): void {
  backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(now - 60 * DAY), readyAt: iso(now - 59 * DAY) });
  backend.add({ id: 'b-2', status: 'in_progress', requestedAt: iso(now - 3 * DAY) });
}

const withFault =
  (fault: FaultName) =>
  (backend: ScenarioBackend, now: number): void => {
    typical(backend, now);
    backend.fault = fault;
  };

/**
 * v1.1: the typical history with a request cancelled 33 days ago (which freed the next one at
 * once), the ready backup whose download carries host keys, and a request awaiting release since
 * 2 hours ago that can still be cancelled.
 */
function typicalV11(backend: ScenarioBackend, now: number): void {
  backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(now - 150 * DAY), readyAt: iso(now - 149 * DAY) });
  backend.add({ id: 'b-2', status: 'server_error', requestedAt: iso(now - 110 * DAY) });
  backend.add({ id: 'b-3', status: 'expired', requestedAt: iso(now - 109 * DAY), readyAt: iso(now - 108 * DAY), requestedBy: 'maria.silva@example.com' });
  backend.add({ id: 'b-4', status: 'expired', requestedAt: iso(now - 70 * DAY), readyAt: iso(now - 69 * DAY) });
  backend.add({ id: 'b-5', status: 'cancelled', requestedAt: iso(now - 33 * DAY) });
  backend.add({ id: 'b-6', status: 'ready', requestedAt: iso(now - 32 * DAY), readyAt: iso(now - 2 * DAY) });
  backend.add({ id: 'b-7', status: 'awaiting_release', requestedAt: iso(now - 2 * HOUR), estimatedReadyAt: iso(now + 22 * HOUR) });
}

/** A scenario of a v1 backend (every scenario from before v1.1 is one, unchanged). */
const v1 = (description: string, setup: Scenario['setup']): Scenario => ({ description, version: 'v1', setup });
/** A scenario of a v1.1 backend; its description says so. */
const v11 = (description: string, setup: Scenario['setup']): Scenario => ({ description: `v1.1: ${description}`, version: 'v1.1', setup });

export const scenarios: Record<ScenarioName, Scenario> = {
  empty: v1('No backup was ever requested.', () => {}),
  typical: v1('Five backups over five months (expired, a server error, one ready); a request is allowed.', typical),
  'every-status': v1('One backup in each status, plus an unknown one ("archived").', (backend, now) => {
    backend.add({ id: 'b-1', status: 'archived', requestedAt: iso(now - 100 * DAY) });
    backend.add({ id: 'b-2', status: 'server_error', requestedAt: iso(now - 70 * DAY) });
    backend.add({ id: 'b-3', status: 'expired', requestedAt: iso(now - 40 * DAY), readyAt: iso(now - 39 * DAY) });
    backend.add({ id: 'b-4', status: 'ready', requestedAt: iso(now - 5 * DAY), readyAt: iso(now - 4 * DAY) });
    backend.add({ id: 'b-5', status: 'in_progress', requestedAt: iso(now - 1 * DAY) });
    backend.add({ id: 'b-6', status: 'awaiting_release', requestedAt: iso(now - 2 * HOUR) });
  }),
  cooldown: v1('A request 3 days ago, in progress: the next request is possible in 25 days.', cooldown),
  'unknown-status': v1('Statuses the product does not know ("archived", "READY", ""), next to a known one.', (backend, now) => {
    backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(now - 80 * DAY), readyAt: iso(now - 79 * DAY) });
    backend.add({ id: 'b-2', status: 'READY', requestedAt: iso(now - 50 * DAY) });
    backend.add({ id: 'b-3', status: '', requestedAt: iso(now - 45 * DAY) });
    backend.add({ id: 'b-4', status: 'archived', requestedAt: iso(now - 35 * DAY) });
  }),
  unauthorized: v1('Every call answers 401 (the session expired).', withFault('unauthorized')),
  'plan-not-eligible': v1('Every call answers 403 plan_not_eligible (not an Enterprise/Regulated plan).', withFault('plan-not-eligible')),
  forbidden: v1('Every call answers 403 forbidden (no CM056 permission).', withFault('forbidden')),
  'rate-limited': v1('Every call answers 429 with Retry-After: 2.', withFault('rate-limited')),
  'server-error': v1('Every call answers 500.', withFault('server-error')),
  'network-failure': v1('Every call fails at the network level.', withFault('network-failure')),
  malformed: v1('Every call answers its success status with a body that is not JSON.', withFault('malformed')),
  'wrong-shape': v1('Every call answers JSON that does not match the contract.', withFault('wrong-shape')),
  slow: v1('The typical history, every answer 3 s late.', (backend, now) => {
    typical(backend, now);
    backend.latencyMs = 3000;
  }),
  'older-backend': v1('An older backend that omits nextRequestAt (a request 3 days ago, in progress).', (backend, now) => {
    cooldown(backend, now);
    backend.omitNextRequestAt = true;
  }),
  'v1.1': v11(
    'the typical history with a cancelled request, the ready backup whose download has host keys (with known_hosts), and a request awaiting release that can be cancelled, with its estimated time.',
    typicalV11,
  ),
  cancellable: v11('a request 1 hour ago, awaiting release, that can be cancelled; cancelling it allows a new request at once.', (backend, now) => {
    backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(now - 60 * DAY), readyAt: iso(now - 59 * DAY) });
    backend.add({ id: 'b-2', status: 'awaiting_release', requestedAt: iso(now - 1 * HOUR) });
  }),
  'cancel-too-late': v11(
    'a request awaiting release that says it can be cancelled, but the cloud team has just started: cancelling answers 409 not_cancellable.',
    (backend, now) => {
      backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(now - 60 * DAY), readyAt: iso(now - 59 * DAY) });
      backend.add({ id: 'b-2', status: 'awaiting_release', requestedAt: iso(now - 1 * HOUR), refuseCancel: true });
    },
  ),
  'host-keys-fingerprint-only': v11('the typical history; the download answer has the host key fingerprint but no publicKey (no known_hosts to save).', (backend, now) => {
    typical(backend, now);
    backend.hostKeys = [{ type: TEST_HOST_KEY_TYPE, fingerprint: TEST_HOST_FINGERPRINT, publicKey: null }];
  }),
};

export const scenarioNames = Object.keys(scenarios) as ScenarioName[];
