/**
 * Layout: the element holds at every element width from 320 to 1600 px, in the three languages,
 * with the checksum details closed and open, with real (long) data. Nothing overflows the host, no
 * word of a date, a header, a status or a button is split over two lines, every button label stays
 * on one line. Narrower than 320 px (a sidebar, a 320 px phone with the page's own margins), a
 * long button label may take two lines, but nothing is cut or overflows. One mount per language;
 * the container is resized between widths.
 */
import { expect, nextFrame, waitUntil } from '@open-wc/testing';
import { backend, startMockBackend } from '../../mocks/browser.js';
import { DAY_MS, HOUR_MS, iso } from '../../mocks/time.js';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import '../../src/define.js';
import { SUPPORTED_LOCALES } from '../../src/i18n/resolve.js';

const WIDTHS = [320, 480, 640, 720, 800, 960, 1280, 1600];
/** Below the 320 px the layout is made for: labels may wrap, nothing may be cut. */
const NARROW_WIDTHS = [240, 280];
const LANGUAGES = SUPPORTED_LOCALES;

const LONG_EMAIL = 'maria.fernanda.albuquerque@example.com.br'; // 41 characters
const LONG_FILE = 'softexpert-producao-2026-11-29-db-full.bak'; // 42 characters
const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

/**
 * The typical history on a v1.1 backend, plus a ready backup with long values, one still in
 * progress and one awaiting release (cancellable, with its estimate): every control a row can have.
 */
function seed(): void {
  backend.reset('typical');
  backend.version = 'v1.1';
  const now = Date.now();
  backend.add({
    id: 'b-20',
    status: 'ready',
    requestedAt: iso(now - 9 * DAY_MS),
    readyAt: iso(now - DAY_MS),
    requestedBy: LONG_EMAIL,
    fileName: LONG_FILE,
    sha256: SHA256,
    sizeBytes: 48_318_382_080,
  });
  backend.add({ id: 'b-21', status: 'in_progress', requestedAt: iso(now - 2 * DAY_MS), requestedBy: 'joao.pedro.nascimento@example.com' });
  backend.add({ id: 'b-22', status: 'awaiting_release', requestedAt: iso(now - 3 * HOUR_MS), requestedBy: LONG_EMAIL });
}

const box = (node: Element | Range) => node.getBoundingClientRect();

/** Distinct line boxes a range is laid out on (rects on the same line share their vertical middle). */
function lines(range: Range): number {
  const middles: number[] = [];
  for (const rect of range.getClientRects()) {
    if (rect.width === 0 && rect.height === 0) continue;
    const middle = rect.top + rect.height / 2;
    if (!middles.some((m) => Math.abs(m - middle) < rect.height / 2)) middles.push(middle);
  }
  return middles.length;
}

/** Laid out and not hidden visually (the narrow layout clips the table's header row to 1 px). */
function visible(node: Element): boolean {
  const rect = box(node);
  if (rect.width === 0 && rect.height === 0) return false;
  for (let a: Element | null = node; a; a = a.parentElement) {
    if (getComputedStyle(a).clipPath !== 'none' && box(a).width <= 1) return false;
  }
  return true;
}

/** The text nodes whose words must not break: everything but code (hashes, commands). */
function wordTexts(root: ShadowRoot): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent?.trim() || parent.closest('code, style, dialog:not([open])')) continue;
    if (visible(parent)) texts.push(node as Text);
  }
  return texts;
}

/** Everything wrong with the layout right now, as readable lines (`narrow`: button labels may wrap). */
function problems(el: AccountBackupTab, narrow = false): string[] {
  const found: string[] = [];
  const root = el.shadowRoot!;
  const host = box(el);
  if (el.scrollWidth > el.clientWidth) found.push(`the host scrolls: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
  for (const node of root.querySelectorAll('*')) {
    if (node.closest('style, dialog:not([open])') || !visible(node)) continue;
    const rect = box(node);
    if (rect.right > host.right + 0.5 || rect.left < host.left - 0.5) {
      found.push(`<${node.localName}${node.className ? '.' + String(node.className).replace(/ /g, '.') : ''}> "${(node.textContent ?? '').trim().slice(0, 40)}" spans ${Math.round(rect.left - host.left)}…${Math.round(rect.right - host.left)} of ${Math.round(host.width)}`);
    }
  }
  // Cutting a long value with an ellipsis is fine; a cell squeezed to nothing is not.
  for (const cell of root.querySelectorAll('tbody th, tbody td')) {
    if (cell.textContent!.trim() && visible(cell) && box(cell).width < 64) found.push(`a cell is only ${Math.round(box(cell).width)} px wide: "${cell.textContent!.trim().slice(0, 40)}"`);
  }
  for (const text of wordTexts(root)) {
    const value = text.data;
    // Words are what lies between ASCII white space: no-break spaces (en's "2:30 PM") join.
    for (const match of value.matchAll(/[^ \t\n\r\f]+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      if (lines(range) > 1) found.push(`"${match[0]}" is split over ${lines(range)} lines in <${text.parentElement!.localName}>`);
    }
  }
  for (const button of root.querySelectorAll('button')) {
    if (button.closest('dialog:not([open])') || !visible(button)) continue;
    // A label wider than its button is cut (the overflow is clipped by the card or the button).
    if (button.scrollWidth > button.clientWidth + 1) found.push(`the button "${button.textContent!.trim()}" is cut: its label needs ${button.scrollWidth} px, it has ${button.clientWidth}`);
    if (narrow) continue;
    const range = document.createRange();
    range.selectNodeContents(button);
    if (lines(range) > 1) found.push(`the button "${button.textContent!.trim()}" takes ${lines(range)} lines`);
  }
  return found;
}

async function settle(el: AccountBackupTab): Promise<void> {
  await el.updateComplete;
  await nextFrame();
  await nextFrame();
}

for (const lang of LANGUAGES) {
  describe(`layout sweep (${lang})`, () => {
    let container: HTMLDivElement;
    let el: AccountBackupTab;

    before(async () => {
      await startMockBackend();
      seed();
      container = document.createElement('div');
      // The element's width is the container's; the page may be narrower than the container.
      container.style.cssText = 'font: 16px/1.5 sans-serif; overflow: visible';
      el = document.createElement('account-backup-tab') as AccountBackupTab;
      el.setAttribute('base-url', '/api');
      el.setAttribute('lang', lang);
      el.setAttribute('poll-interval', '0');
      container.append(el);
      document.body.append(container);
      await waitUntil(() => el.shadowRoot?.querySelectorAll('tbody tr').length === 8, 'the list did not load', { timeout: 8000 });
      await settle(el);
    });

    after(() => {
      container.remove();
      backend.reset('empty');
    });

    for (const width of WIDTHS) {
      it(`holds at ${width} px, checksum closed and open`, async () => {
        container.style.width = `${width}px`;
        const report: string[] = [];
        for (const open of [false, true]) {
          for (const details of el.shadowRoot!.querySelectorAll('details')) details.open = open;
          await settle(el);
          report.push(...problems(el).map((p) => `${open ? 'open' : 'closed'}: ${p}`));
        }
        expect(report.join('\n'), `${lang} at ${width} px`).to.equal('');
      });
    }

    for (const width of NARROW_WIDTHS) {
      it(`holds at ${width} px: long button labels wrap, nothing is cut`, async () => {
        container.style.width = `${width}px`;
        const report: string[] = [];
        for (const open of [false, true]) {
          for (const details of el.shadowRoot!.querySelectorAll('details')) details.open = open;
          await settle(el);
          report.push(...problems(el, true).map((p) => `${open ? 'open' : 'closed'}: ${p}`));
        }
        expect(report.join('\n'), `${lang} at ${width} px`).to.equal('');
      });
    }

    it('is accessible at 320 px with the checksum open', async () => {
      container.style.width = '320px';
      for (const details of el.shadowRoot!.querySelectorAll('details')) details.open = true;
      await settle(el);
      await expect(el).to.be.accessible();
    });
  });
}
