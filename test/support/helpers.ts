/**
 * The one harness of the element's tests: the mock backend, waits, and queries a user would make.
 * Nothing here reads the element's private state: a wait ends on what the user sees (roles, text,
 * `aria-busy`, a disabled button, a window opening) or on what the backend received.
 */
import { fixture, html } from '@open-wc/testing';
import { install } from '@sinonjs/fake-timers';
import { computeAccessibleName } from 'dom-accessibility-api';
import { backend, startMockBackend, worker } from '../../mocks/browser.js';
import { MockBackend } from '../../mocks/backend.js';
import { createHandlers } from '../../mocks/handlers.js';
import type { ScenarioName } from '../../mocks/backend.js';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { SUPPORTED_LOCALES, stringsFor } from '../../src/i18n/resolve.js';
import '../../src/define.js';

export { backend, worker };

// Captured at load, before any test installs fake timers: the harness's own waits run on real time.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);

/** Waits `ms` of real time (also under fake timers). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, ms));

export interface UntilOptions {
  /**
   * Real milliseconds before giving up (default 10,000). A backstop for a wait that never ends,
   * never a measure: a wait ends as soon as its condition holds, and on a busy machine a condition
   * that takes 100 ms on an idle one may take a few seconds.
   */
  timeout?: number;
  /** Real milliseconds between checks (default 5). */
  interval?: number;
}

/** Resolves once `predicate` is truthy (checked on real time, so it works under fake timers). */
export async function until(predicate: () => unknown, message = 'the condition never held', options: UntilOptions = {}): Promise<void> {
  const { timeout = 10_000, interval = 5 } = options;
  const deadline = performance.now() + timeout;
  for (;;) {
    if (await predicate()) return;
    if (performance.now() > deadline) throw new Error(`until: ${message} (after ${timeout} ms)`);
    await sleep(interval);
  }
}

/**
 * Calls to the API still on the wire, counted where every call leaves the page (`window.fetch`,
 * which the element looks up late): the network as the backend sees it, not the element's state.
 * A call is over once its answer has arrived and, if someone reads its body (`json()` or `text()`),
 * once that body has been read: on a busy machine reading it can take longer than any fixed wait.
 * A body nobody reads does not keep a call open.
 */
let apiInFlight = 0;
const pageFetch = window.fetch.bind(window);
window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/api/')) return pageFetch(input, init);
  apiInFlight++;
  const done = () => void apiInFlight--;
  // The decrement is the first reaction to the answer, so whoever awaits it has started reading
  // its body (and counted that read) before networkQuiet looks again, a task later.
  return pageFetch(input, init).then(
    (response) => {
      for (const read of ['json', 'text'] as const) {
        const original = response[read].bind(response);
        Object.defineProperty(response, read, {
          configurable: true,
          writable: true, // a test may wrap it again
          value: () => {
            apiInFlight++;
            const body = original() as Promise<unknown>;
            body.then(done, done);
            return body;
          },
        });
      }
      done();
      return response;
    },
    (error: unknown) => {
      done();
      throw error;
    },
  );
};

/**
 * Waits until no API call is on the wire and every answer read so far has been read (see above),
 * then one task more, so what the page does with the last answer in its microtasks is done. Real
 * time; `timeout` is only a backstop for a call that never ends, far above what a busy machine takes.
 */
export async function networkQuiet(timeout = 10_000): Promise<void> {
  const deadline = performance.now() + timeout;
  while (apiInFlight > 0 && performance.now() < deadline) await sleep(5);
  await sleep(5);
}

/** Pretends the page is hidden or visible, as a browser does when the tab goes to the background. */
export function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Gives `document.hidden` back to the browser. */
export function restoreVisibility(): void {
  delete (document as { hidden?: boolean }).hidden;
  delete (document as { visibilityState?: string }).visibilityState;
}

export interface MountOptions {
  lang?: string;
  pollInterval?: number;
  /** The element's `timeout` property, set before the first load. */
  timeout?: number;
  /** Keep the backend as it is instead of resetting it to the scenario. */
  keepBackend?: boolean;
  /** Do not wait for the first load to settle. */
  noWait?: boolean;
  /** The backend's latency from the first call on (reset() sets it to 0). */
  latencyMs?: number;
}

/** Resets the mock to a scenario and mounts the element against it (base URL `/api`). */
export async function mount(scenario: ScenarioName, options: MountOptions = {}): Promise<AccountBackupTab> {
  await startMockBackend();
  // reset() also forgets the calls recorded before.
  if (!options.keepBackend) backend.reset(scenario);
  if (options.latencyMs !== undefined) backend.latencyMs = options.latencyMs;
  const el = await fixture<AccountBackupTab>(
    html`<account-backup-tab
      base-url="/api"
      lang=${options.lang ?? 'pt-BR'}
      poll-interval=${options.pollInterval ?? 0}
      .timeout=${options.timeout ?? 20_000}
    ></account-backup-tab>`,
  );
  if (!options.noWait) await settled(el);
  return el;
}

const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const refreshLabels = SUPPORTED_LOCALES.map((l) => stringsFor(l).refresh);
const emptyLabels = SUPPORTED_LOCALES.map((l) => stringsFor(l).empty);

/** The page behind the windows (everything but the dialog and the live region). */
const pageNodes = (el: Element): Element[] => [...root(el).querySelectorAll('*')].filter((n) => !n.closest('dialog, [role=status]'));

/** *Atualizar lista* on the page (also when a window is open), in any of the three languages. */
const refreshButton = (el: Element): HTMLButtonElement | undefined =>
  pageNodes(el).find((n): n is HTMLButtonElement => n instanceof HTMLButtonElement && refreshLabels.includes(nameOf(n)));

/**
 * The list's load is over, as a user sees it: *Atualizar lista* is enabled, nothing on the page is
 * `aria-busy`, and a list, the empty-history message or an error is shown.
 */
export function listSettled(el: Element): boolean {
  const page = pageNodes(el);
  const refresh = refreshButton(el);
  if (!refresh || refresh.disabled || refresh.getAttribute('aria-disabled') === 'true') return false;
  if (page.some((n) => n.getAttribute('aria-busy') === 'true')) return false;
  const shown = visibleText(el);
  return page.some((n) => n.matches('table, [role=alert]')) || emptyLabels.some((e) => shown.includes(e));
}

/** Waits until the list is loaded (see {@link listSettled}). */
export async function settled(el: AccountBackupTab, message = 'the element kept loading'): Promise<void> {
  await el.updateComplete;
  await until(() => listSettled(el), message, { timeout: 15_000 });
  await el.updateComplete;
}

/** Reloads the list through the public `refresh()` (what *Tentar novamente* does), and waits for it on screen. */
export async function refreshed(el: AccountBackupTab): Promise<void> {
  await el.refresh();
  await settled(el);
}

/** Waits until nothing at all is busy: the list settled, and no window's button says `aria-busy`. */
export async function idle(el: AccountBackupTab): Promise<void> {
  await settled(el);
  await until(() => !root(el).querySelector('[aria-busy="true"]'), 'a window kept its call busy', { timeout: 15_000 });
  await el.updateComplete;
}

/** The accessible name of a button, as a screen reader would read it (enough for our markup). */
const nameOf = (node: Element): string => (node.getAttribute('aria-label') ?? node.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The label the eye reads on a button. */
const labelOf = (node: Element): string => (node.textContent ?? '').replace(/\s+/g, ' ').trim();
/** A button is found by its name or by its visible label (a row's buttons are named after their backup, and labelled as the article says). */
const called = (node: Element, name: string | RegExp): boolean =>
  typeof name === 'string' ? nameOf(node) === name || labelOf(node) === name : name.test(nameOf(node)) || name.test(labelOf(node));

/** Buttons the user can reach: with a modal open, only those inside it. */
export function buttons(el: Element): HTMLButtonElement[] {
  const modal = root(el).querySelector('dialog[open]');
  return [...(modal ?? root(el)).querySelectorAll('button')];
}

export function button(el: Element, name: string | RegExp): HTMLButtonElement {
  const found = buttons(el).find((b) => called(b, name));
  if (!found) throw new Error(`no button named ${name}; there are: ${buttons(el).map(nameOf).join(' | ')}`);
  return found;
}

export const hasButton = (el: Element, name: string | RegExp): boolean => buttons(el).some((b) => called(b, name));

/** The open modal window, or null. */
export const openDialog = (el: Element): HTMLDialogElement | null => root(el).querySelector('dialog[open]');

/** Whether an element is rendered for the eye: not display:none, not a closed window, not visually hidden. */
function isShown(node: Element): boolean {
  if (node.matches('style, script, template, [role=status]')) return false;
  if (node instanceof HTMLDialogElement && !node.open) return false;
  const style = getComputedStyle(node);
  // A slot (display: contents) has no box of its own; its content is checked on its own.
  if (style.display === 'contents') return true;
  // display:none, visibility:hidden, and the content of a collapsed <details>.
  if (!node.checkVisibility({ visibilityProperty: true })) return false;
  // The visually-hidden pattern: a 1 px box that clips its content (text for screen readers only).
  const box = node.getBoundingClientRect();
  if (box.width <= 1 && box.height <= 1 && style.overflow !== 'visible') return false;
  return true;
}

function collectText(node: Node, out: string[]): void {
  if (node.nodeType === Node.TEXT_NODE) {
    out.push(node.textContent ?? '');
    return;
  }
  if (!(node instanceof Element)) {
    node.childNodes.forEach((child) => collectText(child, out));
    return;
  }
  if (!isShown(node)) return;
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedNodes({ flatten: true });
    (assigned.length ? assigned : [...node.childNodes]).forEach((child) => collectText(child, out));
    return;
  }
  // Blocks and cells are separated on screen: keep a space so their words do not run together.
  out.push(' ');
  node.childNodes.forEach((child) => collectText(child, out));
  out.push(' ');
}

/**
 * The text a sighted user reads on the element, whitespace folded: without the live region and
 * other visually-hidden text, without closed windows or collapsed `<details>` content.
 */
export function visibleText(el: Element): string {
  const out: string[] = [];
  collectText(root(el), out);
  return out.join('').replace(/\s+/g, ' ').trim();
}

/** The visible text of the open window ('' when none is open), whitespace folded. */
export function windowText(el: Element): string {
  const dialog = openDialog(el);
  if (!dialog) return '';
  const out: string[] = [];
  collectText(dialog, out);
  return out.join('').replace(/\s+/g, ' ').trim();
}

/**
 * The automatic retry's wait as the user reads it ("Nova tentativa automática em N s"), in seconds,
 * or `undefined` when none is shown. In the page or in the open window.
 */
export function retryShown(el: Element): number | undefined {
  const match = /Nova tentativa automática em (\d+) s/.exec(visibleText(el));
  return match ? Number(match[1]) : undefined;
}

/**
 * Whether `seconds` shown can be a wait of `ms` (core/waits.ts): jitter stretches a wait by up to a
 * quarter and never shortens it, and the countdown rounds up. `elapsed`: seconds that may have run
 * since the wait began (real time, on a busy machine).
 */
export const showsWait = (seconds: number | undefined, ms: number, elapsed = 0): boolean =>
  seconds !== undefined && seconds >= Math.floor(ms / 1000) - elapsed && seconds <= Math.ceil((ms * 1.25) / 1000);

/** What the polite live region announces now. */
export function announcement(el: Element): string {
  return (root(el).querySelector('[role=status]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
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

/** Waits until the backend has received more than `count` calls of `method` on `path`. */
export const callsAfter = (count: number, method: string, path: string, message?: string, options?: UntilOptions): Promise<void> =>
  until(() => calls(method, path).length > count, message ?? `no ${method} ${path} after the ${count} before`, options);

/** Opens the download window of the ready backup and ticks the terms checkbox, as a user would. */
export async function openDownloadAccepted(el: AccountBackupTab): Promise<void> {
  button(el, 'Baixar arquivo').click();
  await until(() => openDialog(el), 'the download window did not open');
  (openDialog(el)!.querySelector('input[type=checkbox]') as HTMLInputElement).click();
  await el.updateComplete;
}

/** Opens the confirmation window with *Solicitar backup*. */
export async function openRequest(el: AccountBackupTab): Promise<void> {
  button(el, 'Solicitar backup').click();
  await until(() => openDialog(el), 'the confirmation did not open');
}

export { html };

export type FakeClock = ReturnType<typeof install>;
let installedClock: FakeClock | undefined;

/**
 * Fakes `setTimeout`, `clearTimeout` and `Date` (the mock backend reads the same clock) from `now`.
 * The harness's own waits keep real time; msw's latency too (mocks/handlers.ts). A timer made before
 * (e.g. by an element of an earlier test) is cleared natively. Undone by {@link realTime}.
 */
export function fakeTime(now = Date.now()): FakeClock {
  installedClock?.uninstall();
  return (installedClock = install({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now, shouldClearNativeTimers: true }));
}

/** Gives the page its real clock back (for an afterEach; harmless when no clock is installed). */
export function realTime(): void {
  installedClock?.uninstall();
  installedClock = undefined;
}

/** The part of a `@sinonjs/fake-timers` clock the harness drives. */
export interface TickingClock {
  tickAsync(ms: number): Promise<number>;
}

/**
 * Advances a fake clock in `step`s until `predicate` holds; after each step, real time passes until
 * the calls it caused are answered (msw's worker runs on real time).
 */
export async function tickUntil(clock: TickingClock, predicate: () => unknown, message: string, { step = 250, max = 60_000 } = {}): Promise<void> {
  for (let elapsed = 0; ; elapsed += step) {
    // A call the last step started is answered before time moves on, however loaded the machine is.
    await networkQuiet();
    if (await predicate()) return;
    if (elapsed >= max) throw new Error(`tickUntil: ${message} (after ${max} ms of fake time)`);
    await clock.tickAsync(step);
  }
}

/** Lets `ms` of fake time pass in `step`s, each followed by the answers of the calls it caused (for "nothing was sent" checks). */
export async function passTime(clock: TickingClock, ms: number, step = 250): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += step) {
    await clock.tickAsync(Math.min(step, ms - elapsed));
    await networkQuiet();
  }
  await sleep(20);
}

/** Opens every *Verificar SHA-256*, as a user would, and waits for what it holds (rendered only when open). */
export async function openChecksums(el: Element): Promise<void> {
  const closed = [...root(el).querySelectorAll('details:not([open])')] as HTMLDetailsElement[];
  for (const details of closed) details.querySelector('summary')!.click();
  await until(() => [...root(el).querySelectorAll('details')].every((d) => d.open && d.querySelector('code')), 'a checksum did not render when opened');
}

/**
 * Another backend, behind msw at `base` (another tenant, another environment): for what a change
 * of `base-url` must and must not carry over. Gone with `worker.resetHandlers()`.
 */
export function secondBackend(base: string, scenario: ScenarioName = 'empty'): MockBackend {
  const other = new MockBackend(scenario);
  worker.use(...createHandlers(other, base));
  return other;
}

/** The accessible name of an element, as assistive technology computes it (accname 1.2). */
export const accessibleName = (node: Element): string => computeAccessibleName(node);

/** The element that has the keyboard focus, looked for through shadow roots. */
export function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether the focus is on a control a user can see and that has a name (after a window closed). */
export function focusOnNamedControl(): boolean {
  const active = focused();
  if (!active || active === document.body || !active.matches('button, a[href], input, select, textarea, summary, [tabindex]')) return false;
  return active.checkVisibility({ visibilityProperty: true }) && active.getBoundingClientRect().width > 1 && accessibleName(active) !== '';
}

/** Browser notifications, faked with a permission; what was shown is recorded. Undone by the returned function. */
export function fakeNotifications(permission: NotificationPermission): { shown: { title: string; body?: string }[]; restore(): void } {
  const shown: { title: string; body?: string }[] = [];
  const real = window.Notification;
  const Fake = function (this: unknown, title: string, options?: NotificationOptions) {
    shown.push({ title, body: options?.body });
  } as unknown as typeof Notification;
  Object.defineProperty(Fake, 'permission', { get: () => permission });
  Fake.requestPermission = async () => permission;
  window.Notification = Fake;
  return { shown, restore: () => void (window.Notification = real) };
}

/** The files the element hands to the browser while `run` runs (a key, known_hosts, a reminder): name, text and type; none is saved. */
export async function catchFiles<T>(run: () => Promise<T>): Promise<{ name: string; text: string; type: string }[]> {
  const files: { name: string; blob: Blob }[] = [];
  const { createObjectURL } = URL;
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = createObjectURL.call(URL, blob);
    blobs.set(url, blob);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    files.push({ name: this.download, blob: blobs.get(this.href)! });
  };
  try {
    await run();
  } finally {
    URL.createObjectURL = createObjectURL;
    HTMLAnchorElement.prototype.click = click;
  }
  return Promise.all(files.map(async ({ name, blob }) => ({ name, text: await blob.text(), type: blob.type })));
}
