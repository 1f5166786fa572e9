/**
 * Ready while you wait: after each load, the backups that just became ready are told to the page
 * (`account-backup-ready`) and, when the host opted in (`notify`), the user got asked by a click and
 * said yes, and the page is hidden, to the system as a browser notification.
 */
import type { ReactiveControllerHost } from 'lit';
import { becameReady } from '../core/rules.js';
import type { Backup } from '../core/types.js';

/** The words of a notification, in the page's language at the moment it is shown. */
export interface NotificationText {
  title: string;
  body(backup: Backup): string;
}

export class ReadyNotifier {
  readonly #host: ReactiveControllerHost;
  readonly #ready: (backup: Backup) => void;

  constructor(host: ReactiveControllerHost, ready: (backup: Backup) => void) {
    this.#host = host;
    this.#ready = ready;
  }

  /** Whether the browser can show notifications and the user has not refused them. */
  get available(): boolean {
    return typeof Notification !== 'undefined' && Notification.permission !== 'denied';
  }

  get granted(): boolean {
    return typeof Notification !== 'undefined' && Notification.permission === 'granted';
  }

  /** Asks for the permission: only ever from a click (browsers ignore, and users dislike, an ask on load). */
  ask = async (): Promise<void> => {
    if (!this.available) return;
    await Notification.requestPermission();
    this.#host.requestUpdate();
  };

  /** Compares two loads; `notify`: whether the host opted in to system notifications. */
  check(before: readonly Backup[] | undefined, after: readonly Backup[], now: number, notify: boolean, text: NotificationText): void {
    for (const backup of becameReady(before, after, now)) {
      this.#ready(backup);
      // Only while the page is hidden: a user looking at the list sees the row change.
      if (notify && this.granted && document.hidden) {
        try {
          new Notification(text.title, { body: text.body(backup), tag: `account-backup-ready-${backup.id}` });
        } catch {
          // Some browsers (Chrome on Android) show notifications only from a service worker: the event above still told the page.
        }
      }
    }
  }
}
