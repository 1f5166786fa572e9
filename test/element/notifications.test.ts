/** Contract v1.1 in the tab: cancel, pinned host keys, waiting times, reminders and ready events; and none of it on a v1 backend. */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import ICAL from 'ical.js';
import { HIDDEN_POLL_MS } from '../../src/core/waits.js';
import { formatDate } from '../../src/i18n/format.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import {
  backend,
  button,
  calls,
  fakeTime,
  hasButton,
  mount,
  openDialog,
  openDownloadAccepted,
  realTime,
  rows,
  shadow,
  statuses,
  tickUntil,
  visibleText,
} from '../support/helpers.js';

const pt = stringsFor('pt-BR');

const dialogText = (el: Element): string => (openDialog(el)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const codeAfter = (el: Element, label: string): string => {
  const dt = [...openDialog(el)!.querySelectorAll('dt')].find((d) => d.textContent!.trim() === label);
  return dt!.parentElement!.querySelector('code')!.textContent!;
};

/** Catches the files the tab hands to the browser: name and text. */
async function catchFiles<T>(run: () => Promise<T>): Promise<{ name: string; text: string; type: string }[]> {
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

afterEach(() => backend.reset('empty'));

describe('a v1 backend', () => {
  it('shows no v1.1 control at all', async () => {
    for (const scenario of ['typical', 'every-status', 'cooldown'] as const) {
      const el = await mount(scenario);
      for (const label of ['Cancelar solicitação', 'Salvar known_hosts']) expect(hasButton(el, label), `${scenario}: ${label}`).to.equal(false);
      expect(shadow(el).textContent).not.to.contain('Previsão');
      if (scenario === 'typical') {
        await openDownloadAccepted(el);
        button(el, 'Baixar backup').click();
        await waitUntil(() => dialogText(el).includes('Dados de acesso SFTP'));
        expect(dialogText(el)).not.to.contain('Impressão digital');
        expect(hasButton(el, 'Salvar known_hosts')).to.equal(false);
        expect(codeAfter(el, 'Comando sftp')).to.match(/^sftp -P 2222 -i \S+\.pem \S+@sftp\.backup\.softexpert\.example:\S+ \S+$/);
      }
      el.remove();
    }
  });
});

describe('cancelling a request awaiting release', () => {
  it('asks first, sends DELETE, shows Cancelado and allows a new request', async () => {
    const el = await mount('cancellable');
    expect(button(el, 'Solicitar backup').disabled).to.equal(true);
    button(el, 'Cancelar solicitação').click();
    await waitUntil(() => openDialog(el));
    expect(openDialog(el)!.querySelector('h2')!.textContent).to.equal('Cancelar solicitação');
    // The window's other button only closes it.
    expect([...openDialog(el)!.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['Fechar', 'Cancelar solicitação']);
    await expect(el).to.be.accessible();
    const cancelled = oneEvent(el, 'account-backup-cancelled');
    button(el, 'Cancelar solicitação').click();
    expect((await cancelled).detail.backup.status).to.equal('cancelled');
    await waitUntil(() => !openDialog(el) && statuses(el).includes('Cancelado'), 'the list did not show Cancelado');
    expect(backend.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).to.deep.equal(['/backups/b-2']);
    await waitUntil(() => !button(el, 'Solicitar backup').disabled, 'requests are not allowed again');
    // Said first, then the list's refresh says the new status.
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.match(/Solicitação cancelada\.|: Cancelado/);
    await expect(el).to.be.accessible();
  });

  it('closing the window cancels nothing', async () => {
    const el = await mount('cancellable');
    button(el, 'Cancelar solicitação').click();
    await waitUntil(() => openDialog(el));
    button(el, 'Fechar').click();
    await waitUntil(() => !openDialog(el));
    expect(backend.requests.filter((r) => r.method === 'DELETE')).to.have.length(0);
    expect(statuses(el)).to.include('Aguardando liberação');
  });

  it('says so when the cloud team has already started (409 not_cancellable), and leaves only closing', async () => {
    const el = await mount('cancel-too-late');
    button(el, 'Cancelar solicitação').click();
    await waitUntil(() => openDialog(el));
    button(el, 'Cancelar solicitação').click();
    await waitUntil(() => dialogText(el).includes('não pode mais ser cancelada'));
    expect(button(el, 'Cancelar solicitação').disabled).to.equal(true);
    expect(button(el, 'Fechar').disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('speaks English and Spanish', async () => {
    const en = await mount('cancellable', { lang: 'en' });
    expect(hasButton(en, 'Cancel request')).to.equal(true);
    en.remove();
    const es = await mount('cancellable', { lang: 'es' });
    expect(hasButton(es, 'Cancelar solicitud')).to.equal(true);
  });
});

describe('pinned host keys', () => {
  it('shows each fingerprint with a copy button, saves known_hosts and pins it in the sftp command', async () => {
    const el = await mount('v1.1');
    await openDownloadAccepted(el);
    button(el, 'Baixar backup').click();
    await waitUntil(() => dialogText(el).includes('Dados de acesso SFTP'));
    const [key] = backend.hostKeys;
    expect(dialogText(el)).to.contain(key!.fingerprint);
    expect(hasButton(el, `Copiar Impressão digital (${key!.type})`)).to.equal(true);
    // The GUI hint says which fingerprint to compare.
    expect(dialogText(el)).to.contain(`deve ser ${key!.fingerprint}`);
    await expect(el).to.be.accessible();
    const [file] = await catchFiles(async () => button(el, 'Salvar known_hosts').click());
    expect(file!.name).to.match(/\.known_hosts$/);
    expect(file!.text).to.equal(`[sftp.backup.softexpert.example]:2222 ${key!.publicKey!.split(' ').slice(0, 2).join(' ')}\n`);
    await waitUntil(() => dialogText(el).includes(`Salvo como ${file!.name}.`));
    expect(codeAfter(el, 'Comando sftp')).to.match(
      new RegExp(`^sftp -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${file!.name.replace(/\./g, '\\.')} -P 2222 -i \\S+\\.pem \\S+@sftp\\.backup\\.softexpert\\.example:\\S+ \\S+$`),
    );
  });

  it('without a publicKey shows the fingerprint but offers no known_hosts', async () => {
    const el = await mount('host-keys-fingerprint-only');
    await openDownloadAccepted(el);
    button(el, 'Baixar backup').click();
    await waitUntil(() => dialogText(el).includes('Dados de acesso SFTP'));
    expect(dialogText(el)).to.contain(backend.hostKeys[0]!.fingerprint);
    expect(hasButton(el, 'Salvar known_hosts')).to.equal(false);
    expect(codeAfter(el, 'Comando sftp')).not.to.contain('StrictHostKeyChecking');
  });
});

describe('waiting', () => {
  it('pending rows say how long they have waited and when they are expected', async () => {
    const el = await mount('v1.1');
    const pending = rows(el).find((r) => r.includes('Aguardando liberação'))!;
    expect(pending).to.match(/Solicitado há \d+ (minutos?|horas?|dias?)/);
    expect(pending).to.contain('Previsão:');
    await expect(el).to.be.accessible();
  });

  it('fires account-backup-ready when polling sees a backup turn ready, never on the first load', async () => {
    const seen: string[] = [];
    document.addEventListener('account-backup-ready', (e) => seen.push((e as CustomEvent).detail.backup.id));
    const el = await mount('cooldown', { pollInterval: 1 });
    expect(seen).to.deep.equal([]);
    backend.setStatus('b-2', 'ready');
    await waitUntil(() => seen.length === 1, 'no ready event', { timeout: 4000 });
    expect(seen).to.deep.equal(['b-2']);
    el.remove();
  });
});

describe('reminders', () => {
  it('a ready row offers an .ics reminder a day before it expires', async () => {
    const el = await mount('typical');
    const [file] = await catchFiles(async () => button(el, 'Lembrar antes de expirar').click());
    expect(file!.name).to.match(/-expiry\.ics$/);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(file!.text)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().getTime()).to.equal(Date.parse(backend.get('b-5').expiresAt!) - 24 * 3600_000);
    expect(event.summary).to.equal('Baixar o backup antes que expire');
  });

  it('a disabled button offers an .ics reminder at the next allowed request', async () => {
    const el = await mount('cooldown');
    const [file] = await catchFiles(async () => button(el, 'Lembrar quando puder solicitar').click());
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(file!.text)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().getTime()).to.equal(backend.nextRequestAt());
    await expect(el).to.be.accessible();
  });
});

describe('notify', () => {
  it('asks for permission only on a click', async () => {
    let asked = 0;
    const { requestPermission } = Notification;
    Notification.requestPermission = async () => {
      asked++;
      return 'default';
    };
    try {
      const el = await mount('cooldown');
      el.notify = true;
      await el.updateComplete;
      expect(asked).to.equal(0);
      if (Notification.permission === 'denied') return; // nothing is offered then
      button(el, 'Avisar quando ficar pronto').click();
      await waitUntil(() => asked === 1);
      await expect(el).to.be.accessible();
    } finally {
      Notification.requestPermission = requestPermission;
    }
  });
});

describe('ready notifications', () => {
  const RealNotification = window.Notification;
  let shown: { title: string; body?: string }[];
  function fakeNotifications(permission: NotificationPermission): void {
    shown = [];
    const Fake = function (this: unknown, title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body });
    } as unknown as typeof Notification;
    Object.defineProperty(Fake, 'permission', { get: () => permission });
    Fake.requestPermission = async () => permission;
    window.Notification = Fake;
  }
  const hide = (hidden: boolean) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange'));
  };
  afterEach(() => {
    realTime();
    window.Notification = RealNotification;
    delete (document as { hidden?: boolean }).hidden;
  });

  async function becomeReady(permission: NotificationPermission, hidden: boolean): Promise<Element> {
    fakeNotifications(permission);
    const el = await mount('cooldown', { pollInterval: 1 });
    (el as unknown as { notify: boolean }).notify = true;
    const ready = oneEvent(el, 'account-backup-ready');
    if (hidden) hide(true);
    backend.setStatus('b-2', 'ready');
    // Hidden pages do not poll: the catch-up when it is shown again is what finds the ready backup,
    // unless the poll was already on the wire. Either way the event comes.
    if (hidden) setTimeout(() => hide(false), 1500);
    await ready;
    return el;
  }

  it('shows a system notification only while the page is hidden and permission was granted', async function () {
    fakeNotifications('granted');
    const el = await mount('cooldown', { pollInterval: 1 });
    (el as unknown as { notify: boolean }).notify = true;
    await el.updateComplete;
    expect(shadow(el).textContent).to.contain('Você será avisado quando ficar pronto.');
    await expect(el).to.be.accessible();
    // Hidden while the poll that finds it is answered: the page calls a refresh of its own.
    const ready = oneEvent(el, 'account-backup-ready');
    backend.setStatus('b-2', 'ready');
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    await (el as unknown as { refresh(): Promise<void> }).refresh();
    await ready;
    expect(shown).to.have.length(1);
    expect(shown[0]!.title).to.equal('Backup pronto para baixar');
  });

  it('a ready backup whose requestedAt is not a date breaks the contract: no notification, and watching goes on to the next good answer', async () => {
    const time = fakeTime();
    fakeNotifications('granted');
    const el = await mount('cooldown', { pollInterval: 1 });
    (el as unknown as { notify: boolean }).notify = true;
    await el.updateComplete;
    let events = 0;
    el.addEventListener('account-backup-ready', () => events++);
    // The user opts in and leaves the page; the backend turns the backup ready, with a broken date.
    hide(true);
    const requestedAt = backend.get('b-2').requestedAt;
    backend.setStatus('b-2', 'ready');
    backend.get('b-2').requestedAt = 'not a date';
    const gets = calls('GET', '/backups').length;
    // Hidden, the element keeps watching for the notification it promised, once a minute.
    await tickUntil(time, () => visibleText(el).includes(pt.errors.invalid_response), 'the broken answer was not read', { step: 1000, max: 2 * HIDDEN_POLL_MS });
    expect(calls('GET', '/backups').length).to.equal(gets + 1);
    expect(shown, 'nothing ready is announced from an answer off the contract').to.deep.equal([]);
    expect(events).to.equal(0);
    // The backend mends the date: the next look (after a backoff from the hidden pace) finds it ready.
    backend.get('b-2').requestedAt = requestedAt;
    await tickUntil(time, () => shown.length > 0, 'no notification after the good answer', { step: 1000, max: 3 * HIDDEN_POLL_MS });
    expect(shown).to.have.length(1);
    expect(shown[0]!.title).to.equal('Backup pronto para baixar');
    expect(shown[0]!.body).to.equal(`Solicitado em ${formatDate('pt-BR', Date.parse(requestedAt))}.`);
    expect(events).to.equal(1);
    hide(false);
    expect(statuses(el)).to.include('Pronto para baixar');
    expect(visibleText(el)).not.to.contain(pt.errors.invalid_response);
  });

  it('stays quiet while the page is visible, and when permission is denied', async function () {
    await becomeReady('granted', false);
    expect(shown).to.deep.equal([]);
    const denied = await becomeReady('denied', true);
    expect(shown).to.deep.equal([]);
    expect(hasButton(denied, 'Avisar quando ficar pronto')).to.equal(false);
  });
});
