/** The toolbar: *Solicitar backup*, *Atualizar lista*, until when a new request waits, the reminders and the notification offer. */
import { html, nothing, type TemplateResult } from 'lit';
import type { BackupList } from '../core/types.js';
import { time, type View } from './parts.js';

export interface ToolbarProps {
  list?: BackupList;
  allowed: boolean;
  next: number | null;
  loading: boolean;
  notice?: string;
  openRequest(event: Event): void;
  refresh(): void;
  /** Saves a calendar reminder for the next allowed request. */
  remind(): void;
  /** `notify` on, something pending, and the browser can ask: offer the notification (`granted`: already on). */
  notify?: { granted: boolean; ask(): void };
}

export function toolbar(view: View, { list, allowed, next, loading, notice, openRequest, refresh, remind, notify }: ToolbarProps): TemplateResult {
  const { t } = view;
  // *Atualizar lista* is never disabled, only aria-disabled while loading: a control the focus can
  // always go back to when a window closes.
  return html`<div part="toolbar" class="toolbar">
      <button part="button request-button" class="primary" aria-haspopup="dialog" ?disabled=${!allowed} aria-describedby="next-request" @click=${openRequest}>
        ${t.request}
      </button>
      <button part="button refresh-button" aria-disabled=${loading} @click=${() => loading || refresh()}>${t.refresh}</button>
      <p id="next-request" part="next-request">${allowed || !list ? nothing : html`${t.nextRequest} ${time(view, next, true)}`}</p>
      ${!allowed && next !== null ? html`<button part="button reminder-button" @click=${remind}>${t.remindNextRequest}</button>` : nothing}
      ${notify
        ? notify.granted
          ? html`<p class="muted">${t.notifyOn}</p>`
          : html`<button part="button notify-button" @click=${notify.ask}>${t.notifyOffer}</button>`
        : nothing}
    </div>
    ${notice ? html`<p part="notice" class="notice">${notice}</p>` : nothing}`;
}
