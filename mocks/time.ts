/** Units and the timestamp format of the fake backend (the contract's ISO 8601 in UTC). */
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** ISO 8601 in UTC, without milliseconds (`2026-11-24T13:05:00Z`). */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
