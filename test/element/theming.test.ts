/** Theming hooks are documented exactly, and the layout holds at 320 px and in dark mode. */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { AccountBackupTab } from '../../src/account-backup-tab.js';
import { backend, mount, shadow } from '../support/helpers.js';

interface Manifest {
  modules: { declarations?: { tagName?: string; cssProperties?: { name: string; default?: string }[]; cssParts?: { name: string }[] }[] }[];
}

async function documented() {
  const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'account-backup-tab')!;
  return {
    properties: new Set((element.cssProperties ?? []).map((p) => p.name)),
    defaults: new Map((element.cssProperties ?? []).map((p) => [p.name, p.default])),
    parts: new Set((element.cssParts ?? []).map((p) => p.name)),
  };
}

afterEach(() => backend.reset('empty'));

describe('theming', () => {
  it('uses exactly the documented custom properties', async () => {
    const css = [AccountBackupTab.styles].flat().map((s) => (s as unknown as { cssText: string }).cssText).join('\n');
    const used = new Set([...css.matchAll(/var\((--abt-[\w-]+)/g)].map((m) => m[1]!));
    const { properties } = await documented();
    expect([...used].filter((p) => !properties.has(p)), 'used but not documented').to.deep.equal([]);
    expect([...properties].filter((p) => !used.has(p)), 'documented but not used').to.deep.equal([]);
  });

  it('writes each default once, the one the JSDoc documents', async () => {
    const css = [AccountBackupTab.styles].flat().map((s) => (s as unknown as { cssText: string }).cssText).join('\n');
    const written = [...css.matchAll(/var\((--abt-[\w-]+),\s*((?:[^()]|\([^()]*\))+)\)/g)].map((m) => [m[1]!, m[2]!.trim()] as const);
    const { defaults } = await documented();
    const names = written.map(([name]) => name);
    expect(names.filter((name, i) => names.indexOf(name) !== i), 'defaults written more than once').to.deep.equal([]);
    expect(Object.fromEntries(written)).to.deep.equal(Object.fromEntries([...defaults].filter(([, value]) => value !== undefined)));
  });

  it('exposes exactly the documented parts', async () => {
    const source = (await Promise.all(['/src/account-backup-tab.ts', '/src/templates/parts.ts', '/src/templates/toolbar.ts', '/src/templates/backup-list.ts', '/src/windows/confirm-window.ts', '/src/windows/download-window.ts'].map(async (path) => (await fetch(path)).text()))).join('\n');
    const used = new Set([...source.matchAll(/part="([^"$]+)"/g)].flatMap((m) => m[1]!.split(/\s+/)));
    const { parts } = await documented();
    expect([...used].filter((p) => !parts.has(p)), 'used but not documented').to.deep.equal([]);
    expect([...parts].filter((p) => !used.has(p)), 'documented but not used').to.deep.equal([]);
  });

  it('takes the host page’s font and a custom accent', async () => {
    const el = await mount('typical');
    el.style.fontFamily = 'serif';
    el.style.setProperty('--abt-accent', 'rgb(1, 2, 3)');
    const download = shadow(el).querySelector('[part~="download-button"]') as HTMLElement;
    expect(getComputedStyle(download).fontFamily).to.equal('serif');
    expect(getComputedStyle(download).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});

// Colour schemes are emulated over CDP, which only Chromium has (Firefox is driven over WebDriver
// BiDi, WebKit over WebDriver): the others are not asked, and test/element/dark-scheme.test.ts runs in a
// Firefox and a WebKit started dark instead.
const canEmulateColourScheme = navigator.userAgent.includes('Chrome/');

describe('colour schemes', () => {
  afterEach(async () => {
    if (canEmulateColourScheme) await emulateMedia({ colorScheme: 'light' });
  });

  it('follows a dark preference and stays accessible (emulated: Chromium only; Firefox and WebKit run dark-scheme.test.ts started dark)', async function () {
    if (!canEmulateColourScheme) this.skip();
    const el = await mount('every-status');
    const accent = () => getComputedStyle(shadow(el).querySelector('[part~="request-button"]')!).backgroundColor;
    const light = accent();
    await emulateMedia({ colorScheme: 'dark' });
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    expect(accent()).to.not.equal(light);
    await expect(el).to.be.accessible();
  });
});

/** The label a card shows before a cell: its ::before's computed content, unquoted. */
const labelOf = (cell: Element): string => JSON.parse(getComputedStyle(cell, '::before').content) as string;

describe('narrow screens', () => {
  it('reflows the table into labelled rows at 320 px without horizontal scrolling', async () => {
    const el = await mount('typical');
    el.style.width = '320px';
    el.style.display = 'block';
    await new Promise((r) => requestAnimationFrame(r));
    const thead = shadow(el).querySelector('thead') as HTMLElement;
    const firstCell = shadow(el).querySelector('tbody td') as HTMLElement;
    expect(thead.getBoundingClientRect().height).to.be.at.most(1);
    expect(getComputedStyle(firstCell).display).to.equal('block');
    // Each cell names its column, as the eye reads it: the label its ::before shows.
    expect(labelOf(firstCell)).to.equal('Solicitado por');
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    // A row that is not ready has no details and no action: those cells are left out, not shown
    // as a bare label.
    const pending = [...shadow(el).querySelectorAll('tbody tr')].find((tr) => !tr.querySelector('button'))!;
    const cells = [...pending.querySelectorAll('td')].map((td) => [labelOf(td), getComputedStyle(td).display]);
    expect(cells).to.deep.equal([
      ['Solicitado por', 'block'],
      ['Situação', 'block'],
      ['Detalhes', 'none'],
      ['Ações', 'none'],
    ]);
    await expect(el).to.be.accessible();
  });
});
