/**
 * Forced colours (Windows High Contrast): the browser replaces every author colour with a few
 * system colours, and backgrounds drop away. What tells controls and statuses apart must then be a
 * border or text, never a background colour alone, and focus must still show.
 *
 * Runs where forced colours can be turned on: in Chromium by emulation (CDP, the
 * `emulate-media-features` command of scripts/wtr/commands.mjs), in Firefox ESR by its
 * "override colours" preference (a launcher of its own). WebKit has no forced-colours mode.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { backend, statuses } from '../support/helpers.js';
import { borderProblem, controls, describe as name, focusProblem, frame, scope, states, textProblem } from '../support/visual-checks.js';

const forced = () => matchMedia('(forced-colors: active)').matches;

before(async () => {
  if (!forced()) await executeServerCommand('emulate-media-features', [{ name: 'forced-colors', value: 'active' }]);
  await frame();
});

after(async () => {
  if (navigator.userAgent.includes('Chrome')) await executeServerCommand('emulate-media-features', null);
});

afterEach(() => backend.reset('empty'));

describe('forced colours', () => {
  it('is on (so the tests below measure what a High Contrast user sees)', () => {
    expect(forced()).to.equal(true);
  });

  for (const [state, open] of Object.entries(states)) {
    it(`${state}: every control has a visible border and text, and axe passes`, async () => {
      const el = await open();
      await frame();
      const found = controls(el);
      expect(found.length, 'controls found').to.be.greaterThan(0);
      // Buttons need a border (their background is gone); a disclosure (summary) is its text and
      // marker; the checkbox is drawn by the browser in system colours.
      const problems = found
        .flatMap((c) => {
          if (c instanceof HTMLButtonElement) return [borderProblem(c), textProblem(c)];
          if (c.localName === 'summary') return [textProblem(c), getComputedStyle(c).display === 'list-item' ? null : `${name(c)} lost its marker`];
          return [];
        })
        .filter((p) => p);
      expect(problems).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });
  }

  it('tells every status apart by its text and a border, not by colour', async () => {
    const el = await states['the list with every status']!();
    const labels = [...scope(el).querySelectorAll('[part="status"]')];
    expect(labels.length).to.be.greaterThan(5);
    expect(labels.flatMap((l) => [borderProblem(l), textProblem(l)]).filter((p) => p)).to.deep.equal([]);
    // Each kind of status (its class) reads differently.
    const byKind = new Map(labels.map((l) => [l.className, l.textContent?.trim()]));
    expect(new Set(byKind.values()).size).to.equal(byKind.size);
    expect(new Set(statuses(el)).size).to.be.greaterThan(5);
  });

  it('keeps the error and notice boxes outlined', async () => {
    const el = await states['a server error with its retry']!();
    const box = scope(el).querySelector('[part="error"]')!;
    expect(borderProblem(box)).to.equal(null);
  });

  for (const state of ['the list with every status', 'the SFTP access data']) {
    it(`${state}: focus shows on every control reached with Tab`, async () => {
      const el = await states[state]!();
      const reachable = controls(el).filter((c) => !(c as HTMLButtonElement).disabled);
      const seen = new Set<Element>();
      const problems: string[] = [];
      for (let i = 0; i < reachable.length + 2 && seen.size < reachable.length; i++) {
        await sendKeys({ press: 'Tab' });
        const active = el.shadowRoot!.activeElement;
        if (!active || seen.has(active)) continue;
        seen.add(active);
        const p = focusProblem(active);
        if (p) problems.push(p);
      }
      expect(seen.size, `controls reached: ${[...seen].map(name).join(', ')}`).to.be.greaterThan(1);
      expect(problems).to.deep.equal([]);
    });
  }
});
