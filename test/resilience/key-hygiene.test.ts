/**
 * Key hygiene: the SFTP private key is shown to nobody but the file it is saved to: it
 * never reaches storage, the URL, the console, an event detail or the DOM; its object URL is revoked;
 * and once the window closes, nothing holds it any more (checked by garbage collection, not by reading state).
 */
import { expect } from '@open-wc/testing';
import { TEST_PRIVATE_KEY } from '../../mocks/test-key.js';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import type { FetchLike } from '../../src/api/client.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import { backend, button, calls, hasButton, mount, openDialog, openDownloadAccepted, settled, shadow, sleep, until, windowText } from '../support/helpers.js';

const pt = stringsFor('pt-BR');

/** Every base64 line of the PEM: any of them anywhere is a leak. */
const FRAGMENTS = TEST_PRIVATE_KEY.split('\n').filter((line) => line.length >= 20 && !line.startsWith('-----'));
const leaks = (value: string) => FRAGMENTS.some((f) => value.includes(f)) || value.includes('PRIVATE KEY');

/** `gc()` when the browser exposes it (Chromium started with --js-flags=--expose-gc; Firefox cannot). */
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Wraps the element's `fetch` property so the parsed body of the download call (the object that
 * holds the private key) is known through a WeakRef only: whether it is collected tells whether
 * anything still holds it, whatever the element names its state. A new `fetch` starts a new
 * session, so this waits for the list it reads again.
 */
async function captureCredentials(el: AccountBackupTab): Promise<{ refs: WeakRef<object>[] }> {
  const captured = { refs: [] as WeakRef<object>[] };
  const inner: FetchLike = el.fetch;
  const gets = calls('GET', '/backups').length;
  // A new fetch is a new session: the element reads the list again, through the wrapper.
  el.fetch = async (input, init) => {
    const response = await inner(input, init);
    if (/\/download$/.test(String(input))) {
      const json = response.json.bind(response);
      response.json = async () => {
        const body: unknown = await json();
        if (typeof body === 'object' && body !== null) captured.refs.push(new WeakRef(body));
        return body;
      };
    }
    return response;
  };
  await until(() => calls('GET', '/backups').length === gets + 1, 'the new fetch did not read the list again');
  await settled(el);
  return captured;
}

/**
 * Whether the target of `ref` is collected after some garbage collections, each after a task (so
 * the WeakRef is not kept for the job). The waits grow to about 3 s in all: on a busy
 * machine a closed window's last tasks (the dialog's close, a pending update) may still hold the
 * object for a while, and a real leak holds it for ever, so a longer wait costs a passing run nothing.
 */
async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 25 && ref.deref() !== undefined; i++) {
    await sleep(10 + i * 10);
    gc!();
  }
  return ref.deref() === undefined;
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

/** The username of the credentials just issued, as the event told the host page. */
const issuedUsername = (w: Watch): string =>
  (JSON.parse(w.events.find((e) => e.type === 'account-backup-credentials-issued')!.detail) as { username: string }).username;

async function showCredentials(el: AccountBackupTab): Promise<void> {
  await openDownloadAccepted(el);
  button(el, 'Baixar backup').click();
  await until(() => hasButton(el, /\.pem/), 'no credentials');
  await el.updateComplete;
}

afterEach(() => {
  backend.reset('empty');
});

describe('the private key', () => {
  it('reaches only the saved file: not storage, URL, console, events or DOM; URL revoked and serving nothing after closing', async () => {
    const el = await mount('typical');
    const w = watch(el);
    try {
      await showCredentials(el);
      expect(leaks(el.shadowRoot!.innerHTML), 'the key is in the shadow DOM while shown').to.equal(false);
      const username = issuedUsername(w);
      expect(windowText(el)).to.contain(username);
      button(el, /\.pem/).click();
      // Saved through a detached link and a Blob, never through a data: URL or the DOM.
      expect(w.created).to.have.length(1);
      expect(w.anchors).to.have.length(1);
      expect(w.anchors[0]!.href).to.equal(w.created[0]!.url);
      expect(w.anchors[0]!.href).to.match(/^blob:/);
      expect(w.anchors[0]!.isConnected).to.equal(false);
      expect(leaks(await w.created[0]!.blob.text())).to.equal(true);
      // While the window stays open, the URL does not outlive the click by much.
      await until(() => w.revoked.includes(w.created[0]!.url), 'the object URL was not revoked while the window stayed open', { timeout: 2000 });
      // A second save makes a new URL, which is revoked too.
      button(el, /\.pem/).click();
      expect(w.created).to.have.length(2);
      button(el, pt.close).click();
      await until(() => !openDialog(el) && !shadow(el).innerHTML.includes(username), 'the access data stayed on screen');
      await el.updateComplete;
      expect(w.revoked).to.include.members(w.created.map((c) => c.url));
      // A revoked URL serves nothing any more.
      for (const { url } of w.created) {
        const served = await fetch(url).then(
          () => 'served',
          () => 'refused',
        );
        expect(served, `${url} still serves the key`).to.equal('refused');
      }
      expect(leaks(el.shadowRoot!.innerHTML)).to.equal(false);
      expect(leaks(el.shadowRoot!.textContent ?? '')).to.equal(false);
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
    const el = await mount('typical');
    const w = watch(el);
    try {
      await showCredentials(el);
      button(el, /\.pem/).click();
      openDialog(el)!.dispatchEvent(new Event('cancel'));
      openDialog(el)!.close(); // what Escape does
      const username = issuedUsername(w);
      await until(() => !openDialog(el) && !shadow(el).innerHTML.includes(username), 'the access data stayed in the DOM');
      await until(() => w.revoked.length > 0, 'the object URL was not revoked');
      expect(w.revoked).to.deep.equal([w.created[0]!.url]);
      expect(w.dom).to.deep.equal([]);
      // Opened again, the window starts over with the terms.
      button(el, 'Baixar arquivo').click();
      await until(() => openDialog(el), 'the window did not open again');
      expect(hasButton(el, /\.pem/)).to.equal(false);
      expect(button(el, 'Baixar backup').disabled, 'the terms are to be accepted again').to.equal(true);
    } finally {
      w.restore();
    }
  });

  it('is forgotten when the element is removed while the window is open', async () => {
    const el = await mount('typical');
    const w = watch(el);
    try {
      await showCredentials(el);
      button(el, /\.pem/).click();
      el.remove();
      await el.updateComplete;
      expect(w.revoked, 'the object URL outlived the element').to.deep.equal([w.created[0]!.url]);
      expect(leaks(el.shadowRoot!.innerHTML)).to.equal(false);
      expect(el.shadowRoot!.innerHTML, 'a removed element still shows the access data').not.to.contain(issuedUsername(w));
    } finally {
      w.restore();
    }
  });

  it('is not kept when the credentials arrive after the window was closed', async () => {
    const el = await mount('typical');
    const w = watch(el);
    try {
      backend.latencyMs = 200;
      await openDownloadAccepted(el);
      button(el, 'Baixar backup').click();
      button(el, pt.close).click();
      await until(() => !openDialog(el));
      await sleep(300);
      expect(w.events.map((e) => e.type)).not.to.include('account-backup-credentials-issued');
      expect(leaks(el.shadowRoot!.innerHTML)).to.equal(false);
      expect(el.shadowRoot!.innerHTML).not.to.contain('bkp_');
      // Opened again, the window shows the terms, not late credentials.
      button(el, 'Baixar arquivo').click();
      await until(() => openDialog(el), 'the window did not open again');
      expect(hasButton(el, /\.pem/)).to.equal(false);
    } finally {
      w.restore();
    }
  });

  describe('garbage collection', () => {
    before(function () {
      // Firefox cannot expose gc() to a page; Chromium gets --js-flags=--expose-gc from the wtr config.
      if (!gc) this.skip();
    });

    for (const [how, close] of [
      ['the window is closed with Fechar', (el: AccountBackupTab) => button(el, pt.close).click()],
      ['the window is closed with Escape', (el: AccountBackupTab) => openDialog(el)!.close()],
      ['the element is removed from the page', (el: AccountBackupTab) => el.remove()],
    ] as const) {
      it(`the parsed credentials are collected once ${how} (Chromium only: Firefox exposes no gc())`, async () => {
        const el = await mount('typical');
        const captured = await captureCredentials(el);
        await showCredentials(el);
        expect(captured.refs).to.have.length(1);
        // While the window is open the object is held (so the check below can fail).
        gc!();
        await sleep(10);
        gc!();
        expect(captured.refs[0]!.deref(), 'collected while shown').not.to.equal(undefined);
        close(el);
        await until(() => !openDialog(el), 'the window stayed open');
        await el.updateComplete;
        expect(await collected(captured.refs[0]!), 'something still holds the private key').to.equal(true);
      });
    }
  });
});
