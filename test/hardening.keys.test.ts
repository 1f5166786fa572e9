/**
 * Hardening: key hygiene. The SFTP private key is shown to nobody but the file it is saved to: it
 * never reaches storage, the URL, the console, an event detail or the DOM; its object URL is revoked;
 * and once the window closes, nothing of it stays in the element's state.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { startMockBackend } from '../mocks/browser.js';
import { TEST_PRIVATE_KEY } from '../mocks/test-key.js';
import type { AccountBackupTab } from '../src/account-backup-tab.js';
import { stringsFor } from '../src/localize.js';
import { backend, button, openDialog, openDownloadAccepted } from './helpers.js';

const pt = stringsFor('pt-BR');

const until = (predicate: () => unknown, message?: string, timeout = 3000) => waitUntil(predicate, message, { interval: 5, timeout });

/** Every base64 line of the PEM: any of them anywhere is a leak. */
const FRAGMENTS = TEST_PRIVATE_KEY.split('\n').filter((line) => line.length >= 20 && !line.startsWith('-----'));
const leaks = (value: string) => FRAGMENTS.some((f) => value.includes(f)) || value.includes('PRIVATE KEY');

/**
 * Paths under `root` at which a string holds the key: own enumerable properties, arrays, maps and
 * sets, recursively. DOM nodes are not entered (the DOM is checked through innerHTML).
 */
function keyPaths(root: unknown, path: string, seen = new WeakSet<object>(), depth = 0): string[] {
  if (typeof root === 'string') return leaks(root) ? [path] : [];
  if (root === null || typeof root !== 'object' || depth > 16) return [];
  if (root instanceof Node && depth > 0) return [];
  if (seen.has(root)) return [];
  seen.add(root);
  const found: string[] = [];
  if (root instanceof Map) {
    for (const [k, v] of root) found.push(...keyPaths(k, `${path}<key>`, seen, depth + 1), ...keyPaths(v, `${path}.get(${String(k)})`, seen, depth + 1));
  } else if (root instanceof Set) {
    for (const v of root) found.push(...keyPaths(v, `${path}<item>`, seen, depth + 1));
  }
  for (const key of Object.keys(root)) {
    let value: unknown;
    try {
      value = (root as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    found.push(...keyPaths(value, `${path}.${key}`, seen, depth + 1));
  }
  return found;
}

/** The element's own enumerable properties and every reactive property Lit knows of. */
function stateKeyPaths(el: AccountBackupTab): string[] {
  const found = keyPaths(el, 'el');
  const reactive = (el.constructor as typeof LitElement).elementProperties;
  for (const name of reactive.keys()) found.push(...keyPaths((el as unknown as Record<PropertyKey, unknown>)[name], `el.${String(name)}`));
  return found;
}

/** Everything the page could have persisted or shown outside the element. */
function outsideLeaks(): string[] {
  const found: string[] = [];
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) ?? '';
      if (leaks(key) || leaks(storage.getItem(key) ?? '')) found.push(`storage ${key}`);
    }
  }
  if (leaks(location.href) || leaks(decodeURIComponent(location.href))) found.push('location');
  if (leaks(JSON.stringify(history.state ?? null))) found.push('history.state');
  if (leaks(document.cookie)) found.push('cookie');
  if (leaks(document.title)) found.push('title');
  if (leaks(document.documentElement.outerHTML)) found.push('light DOM');
  return found;
}

interface Watch {
  console: string[];
  events: { type: string; detail: string }[];
  dom: string[];
  created: { url: string; blob: Blob }[];
  revoked: string[];
  anchors: HTMLAnchorElement[];
  restore(): void;
}

/** Wraps console, event dispatch, object URLs and anchor clicks; watches the shadow DOM. */
function watch(el: AccountBackupTab): Watch {
  const w: Watch = { console: [], events: [], dom: [], created: [], revoked: [], anchors: [], restore: () => {} };
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'group', 'groupCollapsed', 'assert'] as const;
  const originals = methods.map((m) => [m, console[m]] as const);
  for (const m of methods) {
    (console as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
      for (const a of args) {
        let s: string;
        try {
          s = typeof a === 'string' ? a : JSON.stringify(a) ?? String(a);
        } catch {
          s = String(a);
        }
        w.console.push(s);
      }
    };
  }
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
    if (event.type.startsWith('account-backup-')) {
      w.events.push({ type: event.type, detail: JSON.stringify((event as CustomEvent).detail ?? null) });
    }
    return dispatch.call(this, event);
  };
  const { createObjectURL, revokeObjectURL } = URL;
  URL.createObjectURL = (blob: Blob) => {
    const url = createObjectURL.call(URL, blob);
    w.created.push({ url, blob });
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    w.revoked.push(url);
    revokeObjectURL.call(URL, url);
  };
  const anchorClick = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    w.anchors.push(this);
  };
  const observer = new MutationObserver(() => {
    if (leaks(el.shadowRoot!.innerHTML)) w.dom.push(el.shadowRoot!.innerHTML);
  });
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
  w.restore = () => {
    observer.disconnect();
    for (const [m, fn] of originals) (console as unknown as Record<string, unknown>)[m] = fn;
    EventTarget.prototype.dispatchEvent = dispatch;
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
    HTMLAnchorElement.prototype.click = anchorClick;
  };
  return w;
}

async function mountTypical(): Promise<AccountBackupTab> {
  await startMockBackend();
  backend.reset('typical');
  const el = await fixture<AccountBackupTab>(html`<account-backup-tab base-url="/api" lang="pt-BR" poll-interval="0"></account-backup-tab>`);
  await until(() => !el.shadowRoot?.querySelector('[aria-busy="true"]:not(button)') && el._list);
  return el;
}

async function showCredentials(el: AccountBackupTab): Promise<void> {
  await openDownloadAccepted(el);
  button(el, 'Baixar backup').click();
  await until(() => el._download?.credentials, 'no credentials');
  await el.updateComplete;
}

afterEach(() => {
  backend.reset('empty');
});

describe('the private key', () => {
  it('reaches only the saved file: not storage, URL, console, events or DOM; URL revoked; state clean after closing', async () => {
    const el = await mountTypical();
    const w = watch(el);
    try {
      await showCredentials(el);
      // The walker finds the key where it must be while the window is open (so it can find leaks).
      expect(stateKeyPaths(el)).to.include('el._download.credentials.privateKey');
      expect(leaks(el.shadowRoot!.innerHTML), 'the key is in the shadow DOM while shown').to.equal(false);
      expect(openDialog(el)!.textContent).to.contain(el._download!.credentials!.username);
      button(el, /\.pem/).click();
      // Saved through a detached link and a Blob, never through a data: URL or the DOM.
      expect(w.created).to.have.length(1);
      expect(w.anchors).to.have.length(1);
      expect(w.anchors[0]!.href).to.equal(w.created[0]!.url);
      expect(w.anchors[0]!.href).to.match(/^blob:/);
      expect(w.anchors[0]!.isConnected).to.equal(false);
      expect(leaks(await w.created[0]!.blob.text())).to.equal(true);
      // While the window stays open, the URL does not outlive the click by much.
      await until(() => w.revoked.includes(w.created[0]!.url), 'the object URL was not revoked while the window stayed open', 2000);
      // A second save makes a new URL, which is revoked too.
      button(el, /\.pem/).click();
      expect(w.created).to.have.length(2);
      button(el, pt.close).click();
      await until(() => !openDialog(el) && el._download === undefined);
      await el.updateComplete;
      expect(w.revoked).to.include.members(w.created.map((c) => c.url));
      expect(stateKeyPaths(el), 'key material left in the element').to.deep.equal([]);
      expect(leaks(el.shadowRoot!.innerHTML)).to.equal(false);
      expect(w.dom, 'the key appeared in the shadow DOM').to.deep.equal([]);
      expect(w.console.filter(leaks), 'the key was logged').to.deep.equal([]);
      expect(w.events.map((e) => e.type)).to.include('account-backup-credentials-issued');
      expect(w.events.filter((e) => leaks(e.detail)), 'the key in an event detail').to.deep.equal([]);
      expect(outsideLeaks()).to.deep.equal([]);
    } finally {
      w.restore();
    }
  });

  it('is forgotten when the window closes with Escape (the close event), and its URL revoked', async () => {
    const el = await mountTypical();
    const w = watch(el);
    try {
      await showCredentials(el);
      button(el, /\.pem/).click();
      openDialog(el)!.dispatchEvent(new Event('cancel'));
      openDialog(el)!.close(); // what Escape does
      await until(() => el._download === undefined);
      await el.updateComplete;
      expect(w.revoked).to.deep.equal([w.created[0]!.url]);
      expect(stateKeyPaths(el)).to.deep.equal([]);
      expect(w.dom).to.deep.equal([]);
    } finally {
      w.restore();
    }
  });

  it('is forgotten when the element is removed while the window is open', async () => {
    const el = await mountTypical();
    const w = watch(el);
    try {
      await showCredentials(el);
      button(el, /\.pem/).click();
      el.remove();
      await el.updateComplete;
      expect(w.revoked, 'the object URL outlived the element').to.deep.equal([w.created[0]!.url]);
      expect(stateKeyPaths(el), 'a removed element still holds the key').to.deep.equal([]);
      expect(leaks(el.shadowRoot!.innerHTML)).to.equal(false);
    } finally {
      w.restore();
    }
  });

  it('is not kept when the credentials arrive after the window was closed', async () => {
    const el = await mountTypical();
    const w = watch(el);
    try {
      backend.latencyMs = 200;
      await openDownloadAccepted(el);
      button(el, 'Baixar backup').click();
      button(el, pt.close).click();
      await until(() => !openDialog(el));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(el._download).to.equal(undefined);
      expect(stateKeyPaths(el)).to.deep.equal([]);
      expect(w.events.map((e) => e.type)).not.to.include('account-backup-credentials-issued');
    } finally {
      w.restore();
    }
  });
});
