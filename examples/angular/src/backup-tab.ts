import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import '@softexpert/account-backup-tab/define';
import type { BackupEventMap } from '@softexpert/account-backup-tab';
import { fetchWithSession } from './session';

// readme:angular:start
@Component({
  selector: 'app-backup-tab',
  schemas: [CUSTOM_ELEMENTS_SCHEMA], // <account-backup-tab> is rendered as is
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
