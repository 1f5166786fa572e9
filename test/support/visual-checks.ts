/**
 * What a user sees, measured from computed styles and layout boxes: shared by the forced-colours,
 * dark-scheme and zoom/text-spacing tests. Each check returns the problems it found, described so
 * that a failing test says which control and why (an empty list is a pass).
 */
import { waitUntil } from '@open-wc/testing';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { button, mount, openDialog, openDownloadAccepted, shadow } from '../support/helpers.js';

/** The states every appearance check looks at: the list, the disabled request, an error, and both windows. */
export const states: Record<string, () => Promise<AccountBackupTab>> = {
  'the list with every status': () => mount('every-status'),
  'the cooldown (request button disabled, next date shown)': () => mount('cooldown'),
  'a server error with its retry': () => mount('server-error'),
  'a 403 plan error': () => mount('plan-not-eligible'),
  'the confirmation window': async () => {
    const el = await mount('empty');
    button(el, 'Solicitar backup').click();
    await waitUntil(() => openDialog(el), 'the confirmation window did not open');
    return el;
  },
  'the download terms': async () => {
    const el = await mount('typical');
    await openDownloadAccepted(el);
    return el;
  },
  'the SFTP access data': async () => {
    const el = await mount('typical');
    await openDownloadAccepted(el);
    button(el, 'Baixar backup').click();
    await waitUntil(() => /\.pem/.test(openDialog(el)?.textContent ?? ''), 'the access data did not appear');
    await el.updateComplete;
    return el;
  },
};

/** What the user can reach now: with a window open, only what is inside it. */
export const scope = (el: AccountBackupTab): ParentNode => openDialog(el) ?? shadow(el);

/** Drawn on screen: not display:none, not hidden, and not inside a closed <details> (which
 * Chromium keeps laid out under content-visibility: hidden). */
export const rendered = (node: Element): boolean =>
  node.getClientRects().length > 0 && node.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });

export const controls = (el: AccountBackupTab): HTMLElement[] =>
  [...scope(el).querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], summary')].filter(rendered);

export const describe = (node: Element): string =>
  `${node.localName}${node.getAttribute('part') ? `[part="${node.getAttribute('part')}"]` : ''} “${(node.getAttribute('aria-label') ?? node.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}”`;

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Parses what getComputedStyle gives for a colour (rgb(), rgba(), or `color(srgb …)`). */
export function rgba(value: string): Rgba {
  const numbers = (value.match(/[\d.]+%?/g) ?? []).map((n) => (n.endsWith('%') ? parseFloat(n) / 100 : parseFloat(n)));
  if (value.startsWith('color(')) {
    const [r = 0, g = 0, b = 0, a = 1] = numbers;
    return { r: r * 255, g: g * 255, b: b * 255, a };
  }
  const [r = 0, g = 0, b = 0, a = 1] = numbers;
  return { r, g, b, a };
}

/** The colour behind a node: the first ancestor's background that is not transparent. */
export function backgroundBehind(node: Element): Rgba {
  for (let at: Element | null = node; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host ?? null)) {
    const bg = rgba(getComputedStyle(at).backgroundColor);
    if (bg.a > 0.5) return bg;
  }
  // The page's canvas.
  return matchMedia('(prefers-color-scheme: dark)').matches ? { r: 0, g: 0, b: 0, a: 1 } : { r: 255, g: 255, b: 255, a: 1 };
}

const luminance = ({ r, g, b }: Rgba) => {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};

export const contrast = (a: Rgba, b: Rgba): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** A border that shows: drawn on every side, at least 1 px, in a colour apart from what is behind it. */
export function borderProblem(node: Element, minContrast = 3): string | null {
  const style = getComputedStyle(node);
  for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
    const s = style.getPropertyValue(`border-${side.toLowerCase()}-style`);
    const w = parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`));
    if (s === 'none' || s === 'hidden' || !(w >= 1)) return `${describe(node)} has no ${side.toLowerCase()} border (${s} ${w}px)`;
  }
  const color = rgba(style.borderTopColor);
  const behind = backgroundBehind(node.parentElement ?? node);
  const ratio = contrast(color, behind);
  if (color.a < 0.5 || ratio < minContrast)
    return `${describe(node)}: its border ${style.borderTopColor} is ${ratio.toFixed(2)}:1 against ${JSON.stringify(behind)}`;
  return null;
}

/** Text that shows: there is some, in a colour apart from its own background. */
export function textProblem(node: Element, minContrast = 4.5): string | null {
  const label = (node.getAttribute('aria-label') ?? node.textContent ?? '').trim();
  if (!label) return `${describe(node)} has no text`;
  if (!(node.textContent ?? '').trim()) return null; // named by aria-label only: nothing drawn to measure
  const style = getComputedStyle(node);
  const ratio = contrast(rgba(style.color), backgroundBehind(node));
  return ratio < minContrast ? `${describe(node)}: its text ${style.color} is ${ratio.toFixed(2)}:1 against its background` : null;
}

/** Focus that shows: an outline of at least 2 px, apart from what is behind it. */
export function focusProblem(node: Element): string | null {
  const style = getComputedStyle(node);
  const width = parseFloat(style.outlineWidth);
  if (style.outlineStyle === 'none' || !(width >= 2))
    return `${describe(node)} has focus but no outline (${style.outlineStyle} ${style.outlineWidth}; :focus-visible ${node.matches(':focus-visible') ? 'matches' : 'does not match'})`;
  const ratio = contrast(rgba(style.outlineColor), backgroundBehind(node.parentElement ?? node));
  return ratio < 3 ? `${describe(node)}: its focus outline ${style.outlineColor} is ${ratio.toFixed(2)}:1 against what is behind it` : null;
}

/** One frame, so style and layout changes have been applied. */
export const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
