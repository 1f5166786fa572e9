import { bootstrapApplication } from '@angular/platform-browser';
import { BackupTab } from './backup-tab';

// Zoneless (Angular 21's default): the signal the event handler sets is what re-renders the page.
bootstrapApplication(BackupTab).catch((error: unknown) => console.error(error));
