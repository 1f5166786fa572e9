/**
 * XSS: a corpus of payloads in every string field of every response (list, error bodies,
 * credentials). Nothing may execute, no markup may appear in the shadow root beyond the element's
 * own, and whatever is shown shows as text.
 */
import { backupFileName } from '../../src/files/key-file.js';
import { sha256sumCommand } from '../../src/files/commands.js';
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { startMockBackend, worker } from '../../mocks/browser.js';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import {
  backend,
  button,
  hasButton,
  mount,
  openDialog,
  openDownloadAccepted,
  refreshed,
  rows,
  settled,
  sleep,
  statuses,
  until,
  visibleText,
  windowText,
  openChecksums,
} from '../support/helpers.js';
import { DAY_MS, iso } from '../../mocks/time.js';

const pt = stringsFor('pt-BR');

declare global {
  interface Window {
    __xss?: string[];
  }
}

/** Each payload, if it ever runs, pushes its name into `window.__xss`. */
const hit = (name: string) => `(window.__xss=window.__xss||[]).push('${name}')`;
const CORPUS: [string, string][] = [
  ['img-onerror', `<img src=x onerror="${hit('img-onerror')}">`],
  ['script', `<script>${hit('script')}</script>`],
  ['svg-onload-breakout', `"><svg onload="${hit('svg-onload-breakout')}">`],
  ['attr-breakout', `' autofocus onfocus='${hit('attr-breakout')}' x='`],
  ['javascript-url', `javascript:${hit('javascript-url')}`],
  ['anchor-javascript', `<a href="javascript:${hit('anchor-javascript')}" id="xss-link">click</a>`],
  ['iframe-srcdoc', `<iframe srcdoc="<script>parent.${hit('iframe-srcdoc')}</script>"></iframe>`],
  ['template-literal', '${' + hit('template-literal') + '}'],
  ['mustache', `{{constructor.constructor("${hit('mustache')}")()}}`],
  ['lit-marker', `<!--?lit$123$--><img src=x onerror="${hit('lit-marker')}">`],
  ['style-breakout', `</style><img src=x onerror="${hit('style-breakout')}">`],
  ['entities', `&lt;img src=x onerror="${hit('entities')}"&gt;`],
  ['details-ontoggle', `<details open ontoggle="${hit('details-ontoggle')}">`],
  ['math-mxss', `<math><mtext><table><mglyph><style><img src=x onerror="${hit('math-mxss')}">`],
];
const TAGS = 'img, script, svg, iframe, a, math, object, embed, style, link, meta, base, form:not([method=dialog]), input:not([type=checkbox])';

let baseline: { tags: number };

/** What the element renders by itself (a normal list with a ready backup and the download window). */
async function measureBaseline(): Promise<void> {
  await startMockBackend();
  backend.reset('typical');
  const el = await fixture<AccountBackupTab>(html`<account-backup-tab base-url="/api" lang="pt-BR" poll-interval="0"></account-backup-tab>`);
  await until(() => rows(el).length === 5);
  baseline = { tags: el.shadowRoot!.querySelectorAll(TAGS).length };
  el.remove();
}

/** No element carries an event-handler attribute or a javascript: URL, and nothing ran. */
/** `details`: how many checksum sections the element itself renders (one per ready backup with a SHA-256). */
function expectInert(el: AccountBackupTab, details = 0): void {
  const all = [...el.shadowRoot!.querySelectorAll('*'), ...document.body.querySelectorAll('*')];
  for (const node of all) {
    for (const attr of node.attributes) {
      expect(attr.name, `${node.localName}[${attr.name}]`).not.to.match(/^on/i);
      // Only attributes that load or navigate matter; a title that reads "javascript:" is text.
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name)) {
        expect(attr.value.trim().toLowerCase(), `${node.localName}[${attr.name}]`).not.to.match(/^javascript:/);
      }
    }
  }
  expect(el.shadowRoot!.querySelectorAll(TAGS).length, 'markup injected into the shadow root').to.equal(baseline.tags);
  expect(el.shadowRoot!.querySelectorAll('details').length, 'details elements').to.equal(details);
  expect(document.getElementById('xss-link')).to.equal(null);
  expect(window.__xss ?? [], 'a payload executed').to.deep.equal([]);
}

const uncaught: string[] = [];
const onError = (event: ErrorEvent) => uncaught.push(event.message);

before(measureBaseline);

beforeEach(() => {
  window.__xss = [];
  uncaught.length = 0;
  window.addEventListener('error', onError);
});

afterEach(() => {
  window.removeEventListener('error', onError);
  worker.resetHandlers();
  backend.reset('empty');
});

/** Mounts against a list (or a function giving the list of the moment). */
async function mountOn(list: unknown): Promise<AccountBackupTab> {
  await startMockBackend();
  backend.reset('typical');
  worker.use(http.get('/api/backups', () => HttpResponse.json((typeof list === 'function' ? list() : list) as never)));
  return mount('typical', { keepBackend: true });
}

/** Every string field of the list carries the payload, in rows that show each field. */
function poisonedList(payload: string) {
  const now = Date.now();
  return {
    backups: [
      // Shown: requestedBy, fileName (in the checksum commands), sha256, and the download button.
      {
        id: payload,
        status: 'ready',
        requestedAt: iso(now - DAY_MS),
        requestedBy: payload,
        readyAt: iso(now - DAY_MS),
        expiresAt: iso(now + 5 * DAY_MS),
        sizeBytes: 1000,
        fileName: payload,
        sha256: payload,
      },
      // The payload as a status (→ Valor inválido).
      { id: `${payload}-2`, status: payload, requestedAt: iso(now - 2 * DAY_MS), requestedBy: payload, readyAt: iso(now - DAY_MS), fileName: payload, sha256: payload },
      // Another ready backup whose strings are the payload.
      { id: `${payload}-3`, status: 'ready', requestedAt: iso(now - 3 * DAY_MS), readyAt: iso(now - DAY_MS), expiresAt: iso(now + DAY_MS), fileName: payload, sha256: payload },
    ],
    nextRequestAt: null,
  };
}

/** The contract's timestamps: the payload in any of them makes the whole answer off-contract. */
const TIMESTAMPS = ['requestedAt', 'readyAt', 'expiresAt', 'estimatedReadyAt', 'nextRequestAt'] as const;

/** A good list with the payload in one timestamp field (`nextRequestAt` is the list's, the others a row's). */
function listWithTimestamp(field: (typeof TIMESTAMPS)[number] | null, payload: string) {
  const now = Date.now();
  const row: Record<string, unknown> = { id: 'b-1', status: 'ready', requestedAt: iso(now - DAY_MS), readyAt: iso(now - DAY_MS), fileName: 'db.bak', sha256: 'ab'.repeat(32) };
  if (field && field !== 'nextRequestAt') row[field] = payload;
  return { backups: [row], nextRequestAt: field === 'nextRequestAt' ? payload : null };
}

describe('XSS in the list', () => {
  it('in every field of every row: nothing runs, the values show as text', async () => {
    let payload = CORPUS[0]![1];
    const el = await mountOn(() => poisonedList(payload));
    for (const [name, p] of CORPUS) {
      payload = p;
      await refreshed(el);
      expect(rows(el), name).to.have.length(3);
      expect(hasButton(el, 'Tentar novamente'), name).to.equal(false);
      expect(statuses(el), name).to.include('Valor inválido');
      // Shown as text: the requester and the file name, character for character.
      expect(visibleText(el), name).to.contain(payload.replace(/\s+/g, ' ').trim());
      await openChecksums(el);
      const codes = [...el.shadowRoot!.querySelectorAll('code')].map((c) => c.textContent ?? '');
      // It reads the file under the safe name the sftp command saves it as.
      expect(codes, name).to.include(sha256sumCommand(backupFileName({ id: payload, fileName: payload })).display);
      expect(codes, name).to.include(payload); // the SHA-256 value
      expect(button(el, 'Solicitar backup').disabled, name).to.equal(false);
      // Open the checksums and the download window: still inert.
      el.shadowRoot!.querySelectorAll('details').forEach((d) => (d.open = true));
      button(el, /^Baixar arquivo$/).click();
      await until(() => openDialog(el)?.querySelector('input[type=checkbox]'), `${name}: the download window did not open`);
      await sleep(30); // onerror/onload handlers fire asynchronously
      expectInert(el, 2);
      button(el, pt.close).click();
      await until(() => !openDialog(el));
    }
    expect(uncaught).to.deep.equal([]);
  });

  it('in every timestamp: the answer breaks the contract, which is said as text; nothing runs, the last good list stays', async () => {
    let answer = listWithTimestamp(null, '');
    const el = await mountOn(() => answer);
    expect(rows(el)).to.have.length(1);
    const good = rows(el);
    // Each payload in one timestamp, in turn: every field gets several payloads, every payload a field.
    for (const [i, [name, payload]] of CORPUS.entries()) {
      const field = TIMESTAMPS[i % TIMESTAMPS.length]!;
      answer = listWithTimestamp(field, payload);
      await refreshed(el);
      const label = `${name} in ${field}`;
      expect(visibleText(el), label).to.contain(`${pt.staleList} ${pt.errors.invalid_response}`);
      expect(hasButton(el, 'Tentar novamente'), label).to.equal(true);
      expect(rows(el), label).to.deep.equal(good);
      expect(el.shadowRoot!.innerHTML, label).not.to.contain(payload);
      await sleep(30); // onerror/onload handlers fire asynchronously
      expectInert(el, 1); // the good row's checksum
    }
    // Back to the contract: Tentar novamente brings the list back.
    answer = listWithTimestamp(null, '');
    button(el, 'Tentar novamente').click();
    await until(() => !hasButton(el, 'Tentar novamente'), 'the retry did not load');
    expect(rows(el)).to.have.length(1);
    expect(uncaught).to.deep.equal([]);
  });
});

describe('XSS in error bodies and the 409 cooldown', () => {
  it('error and message are never rendered, a cooldown date that is markup is not markup', async () => {
    const el = await mountOn({ backups: [], nextRequestAt: null });
    for (const [name, payload] of CORPUS) {
      // A list error whose body is the payload.
      worker.use(http.get('/api/backups', () => HttpResponse.json({ error: payload, message: payload }, { status: 500 }), { once: true }));
      await refreshed(el);
      expect(visibleText(el), name).to.contain(pt.errors.server);
      expect(el.shadowRoot!.innerHTML, name).not.to.contain(payload);
      // A 403 whose error code is the payload is the permission message.
      worker.use(http.get('/api/backups', () => HttpResponse.json({ error: payload, message: payload }, { status: 403 }), { once: true }));
      await refreshed(el);
      expect(visibleText(el), name).to.contain(pt.errors.forbidden);
      // The request: a 401 with the payload as message, then a 409 cooldown whose date is the payload.
      button(el, 'Solicitar backup').click();
      await until(() => openDialog(el), `${name}: the confirmation did not open`);
      worker.use(http.post('/api/backups', () => HttpResponse.json({ error: 'unauthorized', message: payload }, { status: 401 }), { once: true }));
      button(el, 'Solicitar backup').click();
      await until(() => hasButton(el, 'Tentar novamente'), `${name}: no retry`);
      expect(windowText(el), name).to.contain(pt.errors.unauthorized);
      expect(el.shadowRoot!.innerHTML, name).not.to.contain(payload);
      worker.use(http.post('/api/backups', () => HttpResponse.json({ error: 'cooldown', nextRequestAt: payload, message: payload }, { status: 409 }), { once: true }));
      button(el, 'Tentar novamente').click();
      await until(() => !openDialog(el), `${name}: still open`);
      await settled(el);
      await el.updateComplete;
      // Taken as a cooldown: its date is not a date, so no date is shown, markup or not; the notice
      // says someone else was first even so (it used to vanish with the unusable date).
      expect(visibleText(el), name).to.contain(pt.cooldown);
      expect(el.shadowRoot!.innerHTML, name).not.to.contain(payload);
    }
    await sleep(50);
    expectInert(el);
    expect(uncaught).to.deep.equal([]);
  });
});

describe('XSS in the credentials', () => {
  it('host, user, path, key and expiry show as text or not at all', async () => {
    let payload = '';
    // The payload as the expiry breaks the contract (a timestamp); then the credentials come without one.
    let expiresAt: string | null = '';
    const now = Date.now();
    await startMockBackend();
    worker.use(
      http.post('/api/backups/:id/download', () =>
        HttpResponse.json({ host: payload, port: 2222, username: payload, privateKey: payload, path: payload, expiresAt }),
      ),
    );
    const el = await mountOn(() => ({
      backups: [{ id: 'b-1', status: 'ready', requestedAt: iso(now - DAY_MS), readyAt: iso(now - DAY_MS), fileName: payload }],
      nextRequestAt: null,
    }));
    for (const [name, p] of CORPUS) {
      payload = p;
      expiresAt = p;
      await refreshed(el);
      await openDownloadAccepted(el);
      button(el, 'Baixar backup').click();
      // The expiry is no timestamp: the contract error, said as text, and nothing of the answer shown.
      await until(() => hasButton(el, 'Tentar novamente'), `${name}: no contract error`);
      expect(windowText(el), name).to.contain(pt.errors.invalid_response);
      expect(el.shadowRoot!.innerHTML, name).not.to.contain(payload);
      await sleep(20);
      expectInert(el);
      expiresAt = null;
      button(el, 'Tentar novamente').click();
      await until(() => /\.pem/.test(windowText(el)), `${name}: no credentials`);
      const codes = [...openDialog(el)!.querySelectorAll('code')].map((c) => c.textContent ?? '');
      // host, user and path each in their own value, as typed.
      expect(codes.filter((c) => c === payload), name).to.have.length(3);
      // No sftp command can carry such a user: the window says so, as text.
      expect(codes.filter((c) => c.startsWith('sftp ')), name).to.deep.equal([]);
      expect(windowText(el), name).to.contain(`${pt.unsafeCommand} ${pt.username}.`);
      // No expiry: none is shown as a date.
      expect(windowText(el), name).to.contain(pt.credentialsWithBackup);
      expect(openDialog(el)!.querySelectorAll('time'), name).to.have.length(0);
      // The key file: its name is reduced to safe characters; its content is the text, never parsed.
      const created: Blob[] = [];
      const names: string[] = [];
      const { createObjectURL, revokeObjectURL } = URL;
      const anchorClick = HTMLAnchorElement.prototype.click;
      URL.createObjectURL = (blob: Blob) => {
        created.push(blob);
        return createObjectURL.call(URL, blob);
      };
      URL.revokeObjectURL = (url: string) => revokeObjectURL.call(URL, url);
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        names.push(this.download);
      };
      try {
        button(el, /\.pem/).click();
      } finally {
        URL.createObjectURL = createObjectURL;
        URL.revokeObjectURL = revokeObjectURL;
        HTMLAnchorElement.prototype.click = anchorClick;
      }
      expect(names, name).to.have.length(1);
      expect(names[0], name).to.match(/^[\w.-]+\.pem$/);
      expect(await created[0]!.text(), name).to.equal(payload.trim() + '\n');
      await sleep(20);
      expectInert(el);
      button(el, pt.close).click();
      await until(() => !openDialog(el));
      expectInert(el);
    }
    expect(uncaught).to.deep.equal([]);
  });
});
