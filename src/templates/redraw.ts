/** When the list looks different with no new data: what the clock controller re-renders for. */
import { effectiveStatus, expiryOf, nextChange, soonestAfter, waitingFor } from '../core/rules.js';
import type { BackupList } from '../core/types.js';
import { nextTimeLeftChange, nextWaitedChange } from '../i18n/format.js';

/**
 * The next instant after `now` (server time) at which the list looks different with no new data:
 * the request button comes back, a backup expires, a wait ("há 2 minutos") or a time left ("em 8
 * dias") reads differently. `null`: never.
 */
export function nextRedraw(list: BackupList, now: number): number | null {
  const instants = [nextChange(list, now)];
  for (const backup of list.backups) {
    const waited = waitingFor(backup, now);
    if (waited !== null) instants.push(nextWaitedChange(now, waited));
    const expiry = expiryOf(backup);
    if (expiry !== null && effectiveStatus(backup, now) === 'ready') instants.push(nextTimeLeftChange(now, expiry));
  }
  return soonestAfter(now, instants);
}
