/**
 * What the templates share: the view they render, dates, error messages, labelled values with their
 * copy buttons, and a window's frame. Pure functions of what they show and what a click should do.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { BackupApiError } from '../api/client.js';
import { formatDate, formatUtc, showsUtcCopy } from '../i18n/format.js';
import type { LocaleCode, Strings } from '../i18n/resolve.js';

/** What every template needs: the labels, the language, and the instant shown (server time). */
export interface View {
  t: Strings;
  locale: LocaleCode;
  now: number;
}

/** A copy button's action, and what it shows after a click. */
export interface Copier {
  copy(label: string, text: string): void;
  copied?: { label: string; ok: boolean } | undefined;
}

/** Something for the live region to say, in whatever language the page has when it is shown. */
export type Announcement = (view: View) => string;

export const date = ({ locale }: View, ms: number | null): string => (ms === null ? '—' : formatDate(locale, ms));

/** A date as `<time datetime>` wants it. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** A date in the user's time zone; `withUtc`: its UTC copy beside it, unless the user's zone is UTC. */
export function time(view: View, ms: number | null, withUtc?: boolean): TemplateResult | string {
  if (ms === null) return '—';
  return html`<time datetime=${iso(ms)}>${date(view, ms)}</time>${withUtc && showsUtcCopy() ? ` (${formatUtc(view.locale, ms)})` : ''}`;
}

/** An error, what it means for the user, and the way forward: a retry button, or a retry on its own (`retryAt`, counted down). */
export function errorMessage(view: View, error: BackupApiError, retry?: () => void, lead = '', retryAt?: number): TemplateResult {
  const { t } = view;
  const wait = retryAt && Math.max(1, Math.ceil((retryAt - view.now) / 1000));
  return html`<div part="error" class="error" role="alert">
    <p>${lead} ${t.errors[error.kind]}${wait ? html` <span class="countdown">${t.retryIn(wait)}</span>` : nothing}</p>
    ${retry ? html`<button part="button retry-button" @click=${retry}>${t.retry}</button>` : nothing}
  </div>`;
}

/**
 * A labelled value with its copy button, and "Copiado" beside the button for a moment after a click.
 * `command`: a command to paste, which never wraps inside an argument: it stays on one line and
 * scrolls in its own box (focusable, so the keyboard can scroll it too). `named`: the button is in
 * a row, and its name says which backup the value is of.
 */
export function value(view: View, label: string, text: string, copier: Copier, command = false, named = (name: string) => name): TemplateResult {
  const { t } = view;
  // The name is the key of the feedback: two rows' SHA-256 are two values.
  const name = named(`${t.copy} ${label}`);
  const copied = copier.copied?.label === name ? copier.copied : undefined;
  return html`<div class="value ${command ? 'command' : ''}">
    <dt>${label}</dt>
    <dd><code tabindex=${ifDefined(command ? 0 : undefined)}>${text}</code></dd>
    <dd class="copy">
      <button part="button" aria-label=${name} @click=${() => copier.copy(name, text)}>${t.copy}</button>
      ${copied ? html`<span class="copied">${copied.ok ? t.copied : t.copyFailed}</span>` : nothing}
    </dd>
  </div>`;
}

/** A window's frame: its title, its content, and its buttons (closing first: `method="dialog"` closes it). */
export function frame(view: View, title: string, content: unknown, confirm?: TemplateResult, autofocusClose?: boolean): TemplateResult {
  return html`<h2 id="window-title">${title}</h2>
    ${content}
    <form method="dialog" class="buttons">
      <button part="button" ?autofocus=${autofocusClose}>${view.t.close}</button>
      ${confirm || nothing}
    </form>`;
}
