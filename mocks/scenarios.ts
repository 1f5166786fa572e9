/**
 * Named states of the fake backend, for the sandbox's switcher, the screenshots and the tests.
 * Every date is relative to `now` (the `Date.now()` of `MockBackend.reset`).
 */
import type { MockBackend } from './backend.js';
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
  | 'older-backend';

export interface Scenario {
  description: string;
  setup(backend: MockBackend, now: number): void;
}

/** A few months of history: expired backups, a server error, one ready; requesting is allowed. */
function typical(backend: MockBackend, now: number): void {
  backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(now - 150 * DAY), readyAt: iso(now - 149 * DAY) });
  backend.add({ id: 'b-2', status: 'server_error', requestedAt: iso(now - 110 * DAY) });
  backend.add({ id: 'b-3', status: 'expired', requestedAt: iso(now - 109 * DAY), readyAt: iso(now - 108 * DAY), requestedBy: 'maria.silva@example.com' });
  backend.add({ id: 'b-4', status: 'expired', requestedAt: iso(now - 70 * DAY), readyAt: iso(now - 69 * DAY) });
  // Released late by the cloud team: requested 32 days ago, ready 2 days ago, 8 days left.
  backend.add({ id: 'b-5', status: 'ready', requestedAt: iso(now - 32 * DAY), readyAt: iso(now - 2 * DAY) });
}

/** A request 3 days ago, being prepared: the button is disabled for 25 more days. */
function cooldown(backend: MockBackend, now: number): void {
  backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(now - 60 * DAY), readyAt: iso(now - 59 * DAY) });
  backend.add({ id: 'b-2', status: 'in_progress', requestedAt: iso(now - 3 * DAY) });
}

const withFault =
  (fault: Parameters<MockBackend['failNext']>[0]) =>
  (backend: MockBackend, now: number): void => {
    typical(backend, now);
    backend.fault = fault;
  };

export const scenarios: Record<ScenarioName, Scenario> = {
  empty: {
    description: 'No backup was ever requested.',
    setup: () => {},
  },
  typical: {
    description: 'Five backups over five months (expired, a server error, one ready); a request is allowed.',
    setup: typical,
  },
  'every-status': {
    description: 'One backup in each status, plus an unknown one ("archived").',
    setup(backend, now) {
      backend.add({ id: 'b-1', status: 'archived', requestedAt: iso(now - 100 * DAY) });
      backend.add({ id: 'b-2', status: 'server_error', requestedAt: iso(now - 70 * DAY) });
      backend.add({ id: 'b-3', status: 'expired', requestedAt: iso(now - 40 * DAY), readyAt: iso(now - 39 * DAY) });
      backend.add({ id: 'b-4', status: 'ready', requestedAt: iso(now - 5 * DAY), readyAt: iso(now - 4 * DAY) });
      backend.add({ id: 'b-5', status: 'in_progress', requestedAt: iso(now - 1 * DAY) });
      backend.add({ id: 'b-6', status: 'awaiting_release', requestedAt: iso(now - 2 * HOUR) });
    },
  },
  cooldown: {
    description: 'A request 3 days ago, in progress: the next request is possible in 25 days.',
    setup: cooldown,
  },
  'unknown-status': {
    description: 'Statuses the product does not know ("archived", "READY", ""), next to a known one.',
    setup(backend, now) {
      backend.add({ id: 'b-1', status: 'expired', requestedAt: iso(now - 80 * DAY), readyAt: iso(now - 79 * DAY) });
      backend.add({ id: 'b-2', status: 'READY', requestedAt: iso(now - 50 * DAY) });
      backend.add({ id: 'b-3', status: '', requestedAt: iso(now - 45 * DAY) });
      backend.add({ id: 'b-4', status: 'archived', requestedAt: iso(now - 35 * DAY) });
    },
  },
  unauthorized: { description: 'Every call answers 401 (the session expired).', setup: withFault('unauthorized') },
  'plan-not-eligible': {
    description: 'Every call answers 403 plan_not_eligible (not an Enterprise/Regulated plan).',
    setup: withFault('plan-not-eligible'),
  },
  forbidden: { description: 'Every call answers 403 forbidden (no CM056 permission).', setup: withFault('forbidden') },
  'rate-limited': { description: 'Every call answers 429 with Retry-After: 2.', setup: withFault('rate-limited') },
  'server-error': { description: 'Every call answers 500.', setup: withFault('server-error') },
  'network-failure': { description: 'Every call fails at the network level.', setup: withFault('network-failure') },
  malformed: { description: 'Every call answers its success status with a body that is not JSON.', setup: withFault('malformed') },
  'wrong-shape': { description: 'Every call answers JSON that does not match the contract.', setup: withFault('wrong-shape') },
  slow: {
    description: 'The typical history, every answer 3 s late.',
    setup(backend, now) {
      typical(backend, now);
      backend.latencyMs = 3000;
    },
  },
  'older-backend': {
    description: 'An older backend that omits nextRequestAt (a request 3 days ago, in progress).',
    setup(backend, now) {
      cooldown(backend, now);
      backend.omitNextRequestAt = true;
    },
  },
};

export const scenarioNames = Object.keys(scenarios) as ScenarioName[];
