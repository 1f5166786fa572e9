/**
 * Registers `<account-backup-tab>`. Importing the class (`index.ts`) never does: only this file
 * has side effects. Loading it twice, or next to another copy, must not throw.
 */
import { AccountBackupTab } from './account-backup-tab.js';

export const TAG = 'account-backup-tab';

if (!customElements.get(TAG)) customElements.define(TAG, AccountBackupTab);

declare global {
  interface HTMLElementTagNameMap {
    'account-backup-tab': AccountBackupTab;
  }
}

export { AccountBackupTab };
