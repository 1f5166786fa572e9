/** Shared fixtures for the element's tests: the mock backend, and queries a user would make. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { backend, startMockBackend } from '../mocks/browser.js';
import type { ScenarioName } from '../mocks/backend.js';
import type { AccountBackupTab } from '../src/account-backup-tab.js';
import '../src/define.js';

export { backend };

export interface MountOptions {
  lang?: string;
  pollInterval?: number;
  /** Do not wait for the first load to settle. */
  noWait?: boolean;
}

/** Resets the mock to a scenario and mounts the element against it. */
export async function mount(scenario: ScenarioName, options: MountOptions = {}): Promise<AccountBackupTab> {
  await startMockBackend();
  backend.reset(scenario);
  backend.requests.length = 0;
  const el = await fixture<AccountBackupTab>(
    html`<account-backup-tab base-url="/api" lang=${options.lang ?? 'pt-BR'} poll-interval=${options.pollInterval ?? 0}></account-backup-tab>`,
  );
  if (!options.noWait) await settled(el);
  return el;
}

/** Waits until the element is no longer loading. */
export async function settled(el: AccountBackupTab): Promise<void> {
  await waitUntil(() => el.shadowRoot && !el.shadowRoot.querySelector('[aria-busy="true"]:not(button)'), 'the element kept loading', { timeout: 8000 });
  await el.updateComplete;
}

const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;

/** The accessible name of a button, as a screen reader would read it (enough for our markup). */
const nameOf = (node: Element): string => (node.getAttribute('aria-label') ?? node.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Buttons the user can reach: with a modal open, only those inside it. */
export function buttons(el: Element): HTMLButtonElement[] {
  const modal = root(el).querySelector('dialog[open]');
  return [...(modal ?? root(el)).querySelectorAll('button')];
}

export function button(el: Element, name: string | RegExp): HTMLButtonElement {
  const found = buttons(el).find((b) => (typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b))));
  if (!found) throw new Error(`no button named ${name}; there are: ${buttons(el).map(nameOf).join(' | ')}`);
  return found;
}

export const hasButton = (el: Element, name: string | RegExp): boolean =>
  buttons(el).some((b) => (typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b))));

/** The open modal window, or null. */
export const openDialog = (el: Element): HTMLDialogElement | null => root(el).querySelector('dialog[open]');

/** Visible text of the element (without closed windows), whitespace folded. */
export function text(el: Element): string {
  const clone = document.createElement('div');
  for (const child of root(el).children) clone.append(child.cloneNode(true));
  clone.querySelectorAll('dialog:not([open]), style').forEach((d) => d.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The rows of the list as the user reads them: one string per row. */
export function rows(el: Element): string[] {
  return [...root(el).querySelectorAll('tbody tr')].map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim());
}

export const statuses = (el: Element): string[] =>
  [...root(el).querySelectorAll('tbody [part="status"]')].map((s) => s.textContent?.trim() ?? '');

export const shadow = root;

/** Calls of the backend, optionally filtered by method and path. */
export const calls = (method?: string, path?: string) =>
  backend.requests.filter((r) => (!method || r.method === method) && (!path || r.path === path));

/** Opens the download window of the ready backup and ticks the terms checkbox, as a user would. */
export async function openDownloadAccepted(el: AccountBackupTab): Promise<void> {
  button(el, 'Baixar arquivo').click();
  await waitUntil(() => openDialog(el), 'the download window did not open');
  (openDialog(el)!.querySelector('input[type=checkbox]') as HTMLInputElement).click();
  await el.updateComplete;
}

export { html };
