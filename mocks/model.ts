/**
 * The fake backend's vocabulary, shared by `backend.ts` (which loads the scenarios) and
 * `scenarios.ts` (which is data about a backend), so that neither has to import the other.
 */
import type { Backup } from '../src/core/types.js';

/**
 * Which contract the fake follows. `v1` sends none of the v1.1 fields and has no `DELETE`, as an
 * older backend; `v1.1` adds `cancellable`, `estimatedReadyAt`, `DELETE /backups/{id}` and `hostKeys`.
 */
export type ContractVersion = 'v1' | 'v1.1';

/** Forced answers for every endpoint. */
export type FaultName =
  | 'unauthorized' // 401 { error: 'unauthorized' }
  | 'plan-not-eligible' // 403 { error: 'plan_not_eligible' }
  | 'forbidden' // 403 { error: 'forbidden' }
  | 'rate-limited' // 429 with Retry-After: 2
  | 'server-error' // 500 { error: 'internal' }
  | 'network-failure' // the request fails (Response.error())
  | 'malformed' // the endpoint's success status with a body that is not JSON
  | 'wrong-shape' // the endpoint's success status with JSON that does not match the contract
  | 'login-redirect'; // 302 to an HTML sign-in page (how Suite pages end a session)

export const FAULTS: readonly FaultName[] = [
  'unauthorized',
  'plan-not-eligible',
  'forbidden',
  'rate-limited',
  'server-error',
  'network-failure',
  'malformed',
  'wrong-shape',
  'login-redirect',
];

/** A stored record: the contract's Backup plus the fake's own bookkeeping (never sent). */
export type StoredBackup = Backup & {
  /** The Idempotency-Key of the POST that created it. */
  idempotencyKey?: string;
  /**
   * Whether it moves on by itself with time (awaiting_release → in_progress → ready), counted from
   * `requestedAt` with the backend's timings. Backups created by POST do; scenario and `add()`
   * records keep their status unless told (`add(partial, { progress: true })`). A `ready` backup
   * always becomes `expired` once its `expiresAt` has passed.
   */
  progress?: boolean;
  /**
   * v1.1: the cloud team has just started on it, and the row does not know yet: it still says
   * `cancellable: true`, but `DELETE` answers `409 not_cancellable` (the race the UI must explain).
   */
  refuseCancel?: boolean;
};
