/**
 * Zoom and text spacing (WCAG 1.4.4 resize text, 1.4.10 reflow, 1.4.12 text spacing).
 *
 * Zoom is the viewport's size in CSS px: a 1280 × 1024 window at 200% zoom lays the page out in
 * 640 × 512 CSS px, at 400% in 320 × 256. Setting that viewport (scripts/wtr/commands.mjs, in all
 * three engines) is what browser zoom does to layout; CSS `zoom` or a 2× deviceScaleFactor would
 * not be: the first also scales viewport units and media queries differently per engine, the
 * second only adds device pixels and changes no layout.
 *
 * Text spacing is WCAG's override (line-height 1.5, paragraph spacing 2em, letter-spacing 0.12em,
 * word-spacing 0.16em), added as a stylesheet inside the shadow root, where the text is.
 *
 * In each state: no text is clipped, no control overlaps another, and every control can be hit
 * at its centre once scrolled into view.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { backend, openDialog, shadow } from '../support/helpers.js';
import { controls, describe as name, frame, rendered, scope, states } from '../support/visual-checks.js';

interface Size {
  width: number;
  height: number;
}

const setViewport = (size: Size) => executeServerCommand<Size, Size>('set-inner-size', size);
let original: Size;

before(async () => {
  original = { width: innerWidth, height: innerHeight };
});

after(async () => {
  await setViewport(original);
});

afterEach(() => backend.reset('empty'));

const textSpacing = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p, dd, li, pre, blockquote { margin-bottom: 2em !important; }
`;

function addTextSpacing(el: AccountBackupTab) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(textSpacing);
  shadow(el).adoptedStyleSheets = [...shadow(el).adoptedStyleSheets, sheet];
}

/** Hidden on purpose: the visually hidden texts for screen readers, and closed windows. */
const hiddenOnPurpose = (node: Element) => !!node.closest('.visually-hidden, dialog:not([open]), thead[style], style');

const isVisuallyHidden = (node: Element) => {
  const s = getComputedStyle(node);
  return s.clipPath === 'inset(50%)' || (s.position === 'absolute' && node.getBoundingClientRect().width <= 1);
};

/** Text that does not fit where it is drawn: boxes that hide their overflow, and text outside its box. */
function clipped(el: AccountBackupTab): string[] {
  const problems: string[] = [];
  const all = [...scope(el).querySelectorAll('*')].filter((n) => rendered(n) && !hiddenOnPurpose(n));
  for (const node of all) {
    if (isVisuallyHidden(node) || node.closest('thead') && isVisuallyHidden(node.closest('thead')!)) continue;
    const s = getComputedStyle(node);
    const hides = (o: string) => o === 'hidden' || o === 'clip';
    // A box that scrolls (overflow: auto) keeps its text reachable; one that hides it does not.
    if ((hides(s.overflowX) && node.scrollWidth > node.clientWidth + 1) || (hides(s.overflowY) && node.scrollHeight > node.clientHeight + 1)) {
      problems.push(`${name(node)} hides ${node.scrollWidth}×${node.scrollHeight} of content in ${node.clientWidth}×${node.clientHeight}`);
    }
  }
  // Every line of text lies inside the element (or its window) horizontally: nothing runs off the side.
  const frameOf = (openDialogOrHost: Element) => openDialogOrHost.getBoundingClientRect();
  const box = frameOf((scope(el) instanceof ShadowRoot ? el : (scope(el) as Element)) as Element);
  const walker = document.createTreeWalker(scope(el) as Node, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const parent = t.parentElement;
    if (!parent || !(t.textContent ?? '').trim() || !rendered(parent) || hiddenOnPurpose(parent)) continue;
    if ([parent, ...ancestors(parent)].some((a) => isVisuallyHidden(a))) continue;
    // Text in a box that scrolls (a command on one line) is reachable by scrolling that box, which
    // itself is checked like any other element.
    if ([parent, ...ancestors(parent)].some((a) => ['auto', 'scroll'].includes(getComputedStyle(a).overflowX))) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) {
      if (r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1) {
        problems.push(`text “${(t.textContent ?? '').trim().slice(0, 30)}” runs outside its box (${Math.round(r.left)}–${Math.round(r.right)} vs ${Math.round(box.left)}–${Math.round(box.right)})`);
        break;
      }
    }
  }
  if (document.documentElement.scrollWidth > innerWidth + 1) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${innerWidth})`);
  return problems;
}

function ancestors(node: Element): Element[] {
  const list: Element[] = [];
  for (let a = node.parentElement; a; a = a.parentElement) list.push(a);
  return list;
}

/** Pairs of controls whose boxes overlap. */
function overlaps(el: AccountBackupTab): string[] {
  const boxes = controls(el).map((c) => [c, c.getBoundingClientRect()] as const);
  const problems: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, ra] = boxes[i]!;
      const [b, rb] = boxes[j]!;
      if (a.contains(b) || b.contains(a)) continue;
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > 0.5 && h > 0.5) problems.push(`${name(a)} overlaps ${name(b)} by ${w.toFixed(1)}×${h.toFixed(1)} px`);
    }
  }
  return problems;
}

/** Controls a pointer cannot hit at their centre once scrolled into view. */
async function unreachable(el: AccountBackupTab): Promise<string[]> {
  const problems: string[] = [];
  for (const control of controls(el)) {
    control.scrollIntoView({ block: 'center', inline: 'center' });
    await frame();
    const r = control.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) {
      problems.push(`${name(control)} is outside the viewport at (${x.toFixed(0)}, ${y.toFixed(0)})`);
      continue;
    }
    const hit = shadow(el).elementFromPoint(x, y);
    if (!hit || !(hit === control || control.contains(hit) || (control.localName === 'input' && hit.closest('label')?.contains(control)))) {
      problems.push(`${name(control)}: the point at its centre hits ${hit ? name(hit) : 'nothing'}`);
    }
  }
  window.scrollTo(0, 0);
  return problems;
}

const variants: { name: string; viewport: Size; spacing: boolean }[] = [
  { name: '200% zoom (640 × 512 CSS px)', viewport: { width: 640, height: 512 }, spacing: false },
  { name: '400% zoom (320 × 256 CSS px)', viewport: { width: 320, height: 256 }, spacing: false },
  { name: 'WCAG text spacing (1280 × 1024)', viewport: { width: 1280, height: 1024 }, spacing: true },
  { name: 'WCAG text spacing at 200% zoom', viewport: { width: 640, height: 512 }, spacing: true },
];

// MiniBrowser (WebKitGTK) keeps its toolbar, so its window has a minimum width: its viewport
// reaches 447 CSS px at the least, not 320.
const webkit = /AppleWebKit/.test(navigator.userAgent) && !/Chrome/.test(navigator.userAgent);
const webkitMinWidth = 447;

for (const variant of variants) {
  const cannot = webkit && variant.viewport.width < webkitMinWidth;
  describe(cannot ? `${variant.name}: skipped in WebKit, MiniBrowser's window is at least ${webkitMinWidth} CSS px wide` : variant.name, () => {
    before(async function () {
      if (cannot) return;
      const reached = await setViewport(variant.viewport);
      expect(reached.width, 'the viewport width reached').to.equal(variant.viewport.width);
    });

    for (const [state, open] of Object.entries(states)) {
      (cannot ? it.skip : it)(`${state}: no clipped text, no overlapping controls, every control reachable`, async () => {
        const el = await open();
        if (variant.spacing) addTextSpacing(el);
        await frame();
        expect(clipped(el), 'clipped text').to.deep.equal([]);
        expect(overlaps(el), 'overlapping controls').to.deep.equal([]);
        expect(await unreachable(el), 'controls out of reach').to.deep.equal([]);
        // Targets stay at least 24 × 24 px (WCAG 2.5.8), the terms' checkbox included (it used to
        // shrink to 23 px beside its label at 320 px).
        const small = [...(openDialog(el) ?? el.shadowRoot!).querySelectorAll('button, input')]
          .map((control) => [control, control.getBoundingClientRect()] as const)
          .filter(([, r]) => r.width > 0 && (r.width < 23.5 || r.height < 23.5))
          .map(([control, r]) => `${control.localName} "${control.textContent!.trim() || control.getAttribute('type')}" ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
        expect(small, 'targets under 24 px').to.deep.equal([]);
      });
    }
  });
}
