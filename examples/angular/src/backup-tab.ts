// readme:angular:start
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import '@softexpert/account-backup-tab/define';
import type { BackupEventMap, FetchLike } from '@softexpert/account-backup-tab';

// Every call carries the session's CSRF token (here, the server's `csrf` cookie).
const fetchWithSession: FetchLike = (url, init) => {
  const headers = new Headers(init.headers);
  headers.set('X-CSRF-Token', document.cookie.match(/(?:^|; )csrf=([^;]*)/)?.[1] ?? '');
  return fetch(url, { ...init, headers, credentials: 'same-origin' });
};

@Component({
  selector: 'app-backup-tab',
  // <account-backup-tab> is a custom element, not an Angular component: Angular renders it as is.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <account-backup-tab
      base-url="/api/account/backup"
      lang="pt-BR"
      [fetch]="fetchWithSession"
      (account-backup-requested)="onRequested($event)"
    />
    @if (requested(); as id) {
      <p role="status">Backup {{ id }} requested</p>
    }
  `,
})
export class BackupTab {
  protected readonly fetchWithSession = fetchWithSession;
  protected readonly requested = signal<string | undefined>(undefined);

  protected onRequested(e: BackupEventMap['account-backup-requested']) {
    this.requested.set(e.detail.backup.id);
  }
}
// readme:angular:end
