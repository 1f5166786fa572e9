/**
 * Being told a backup is ready: the account-backup-ready event when polling sees one turn ready
 * (never on the first load), and, with `notify`, a system notification while the page is hidden,
 * asked for only on a click and never from an answer off the contract.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { HIDDEN_POLL_MS } from '../../src/core/waits.js';
import { formatDate } from '../../src/i18n/format.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import {
  backend,
  button,
  calls,
  fakeNotifications,
  fakeTime,
  hasButton,
  mount,
  passTime,
  realTime,
  restoreVisibility,
  setHidden,
  shadow,
  statuses,
  tickUntil,
  visibleText,
  worker,
} from '../support/helpers.js';

const pt = stringsFor('pt-BR');

afterEach(() => {
  realTime();
  restoreVisibility();
  worker.resetHandlers();
  backend.reset('empty');
});

describe('the ready event', () => {

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

  it('opted in, the page hidden, the backend turns the backup ready: one notification', async () => {
    const notifications = fakeNotifications('granted');
    try {
      const time = fakeTime();
      const el = await mount('cooldown', { pollInterval: 30 });
      el.notify = true;
      await el.updateComplete;
      expect(visibleText(el)).to.contain(pt.notifyOn);
      setHidden(true);
      await passTime(time, 60_000, 5000);
      backend.setStatus('b-2', 'ready');
      await tickUntil(time, () => notifications.shown.length > 0, 'no notification while hidden', { max: 5 * 60_000, step: 5000 });
      await passTime(time, 5 * 60_000, 10_000);
      expect(notifications.shown.map((n) => n.title)).to.deep.equal([pt.readyTitle]);
    } finally {
      notifications.restore();
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
