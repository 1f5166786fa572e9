/**
 * The dark scheme, in browsers that prefer it: Firefox ESR started with a dark system theme
 * (`ui.systemUsesDarkTheme`), WebKit's MiniBrowser with `--dark-mode`, Chromium by emulation.
 * (theming.test.ts's dark test needs emulation, which only Chromium's driver has.) The colours
 * are the documented dark defaults of the README, and every text, border and focus ring keeps
 * its contrast against the dark background.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { backend, shadow } from '../support/helpers.js';
import { backgroundBehind, borderProblem, contrast, controls, focusProblem, frame, rgba, scope, states, textProblem } from '../support/visual-checks.js';

const dark = () => matchMedia('(prefers-color-scheme: dark)').matches;
let emulated = false;

before(async () => {
  if (!dark()) {
    await emulateMedia({ colorScheme: 'dark' });
    emulated = true;
  }
  await frame();
});

after(async () => {
  if (emulated) await emulateMedia({ colorScheme: 'light' });
});

afterEach(() => backend.reset('empty'));

/** What a user reads in the element or its open window: text nodes' parents, rendered. */
function textElements(root: ParentNode): Element[] {
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  const found = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || !(n.textContent ?? '').trim() || parent.closest('style, dialog:not([open]), .visually-hidden')) continue;
    if (parent.getClientRects().length) found.add(parent);
  }
  return [...found];
}

describe('dark scheme', () => {
  it('is what the browser prefers', () => {
    expect(dark()).to.equal(true);
  });

  it('draws the element on a dark background with the documented dark colours', async () => {
    const el = await states['the list with every status']!();
    expect(contrast(backgroundBehind(shadow(el).querySelector('h2')!), { r: 0, g: 0, b: 0, a: 1 })).to.be.below(2);
    const css = (selector: string, property: 'color' | 'backgroundColor') => getComputedStyle(shadow(el).querySelector(selector)!)[property];
    expect(css('[part~="request-button"]', 'backgroundColor')).to.equal('rgb(140, 196, 255)'); // --abt-accent #8cc4ff
    expect(css('[part~="request-button"]', 'color')).to.equal('rgb(0, 33, 63)'); // --abt-accent-text #00213f
    expect(css('.status.ready', 'color')).to.equal('rgb(143, 217, 160)'); // --abt-success #8fd9a0
    expect(css('.status.server_error', 'color')).to.equal('rgb(255, 180, 171)'); // --abt-danger #ffb4ab
  });

  for (const [state, open] of Object.entries(states)) {
    it(`${state}: text, borders and controls keep their contrast, and axe passes`, async () => {
      const el = await open();
      await frame();
      const texts = textElements(scope(el));
      expect(texts.length).to.be.greaterThan(0);
      const problems = [
        ...texts.map((t) => (t.closest('button:disabled') ? null : textProblem(t))),
        ...controls(el).map((c) => (c instanceof HTMLButtonElement && !c.disabled ? borderProblem(c) : null)),
        ...[...scope(el).querySelectorAll('[part="status"], [part="error"], [part="notice"]')].map((b) => borderProblem(b)),
      ].filter((p) => p);
      expect(problems).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });
  }

  it('shows focus in the dark', async () => {
    const el = await states['the list with every status']!();
    await sendKeys({ press: 'Tab' });
    const active = shadow(el).activeElement;
    expect(active, 'Tab reached a control').to.not.equal(null);
    expect(focusProblem(active!)).to.equal(null);
    expect(rgba(getComputedStyle(active!).outlineColor)).to.deep.equal(rgba('rgb(140, 196, 255)')); // --abt-focus #8cc4ff
  });
});
