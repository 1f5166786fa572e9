/**
 * Visual regression: the element's main states at 360, 800 and 1280 px, compared with the pictures
 * beside this file (@web/test-runner-visual-regression, pixelmatch; options in
 * web-test-runner.config.mjs). Chromium only, and not part of `npm test`: fonts are the machine's,
 * so the pictures are made and compared on the Debian image CI uses.
 *
 *   npm run visual          # compare; a picture that differs beyond the tolerance fails its test
 *   npm run visual:update   # rewrite the pictures (then look at them, and commit them)
 *
 * The clock starts at a fixed instant and the time zone is pinned (web-test-runner.config.mjs), so
 * a picture changes only when the product does. A list state is the element alone, as tall as it
 * is; a window state is the viewport (800 px high), the window over the page behind it.
 */
import { install } from '@sinonjs/fake-timers';
import { setViewport } from '@web/test-runner-commands';
import { visualDiff } from '@web/test-runner-visual-regression';
import { backend } from '../../mocks/browser.js';
import type { ScenarioName } from '../../mocks/backend.js';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { stringsFor } from '../../src/i18n/resolve.js';
import { button, mount, openDialog, until } from '../support/helpers.js';

const NOW = Date.parse('2026-11-24T13:05:00Z');
const WIDTHS = [360, 800, 1280];
const t = stringsFor('pt-BR');

/** The page around the element, as on the sandbox: the system font, nothing else. */
const style = document.createElement('style');
style.textContent = ':root { font-family: system-ui, sans-serif; line-height: 1.4 } body { margin: 0 } html.window { height: 100vh }';
document.head.append(style);

interface State {
  name: string;
  scenario: ScenarioName;
  /** A window is open: the picture is the viewport. */
  window?: boolean;
  steps?: (el: AccountBackupTab) => Promise<void>;
}

const opened = async (el: AccountBackupTab, label: string) => {
  button(el, label).click();
  await until(() => openDialog(el), `${label} opened no window`);
};

const STATES: State[] = [
  { name: 'typical', scenario: 'typical' },
  {
    name: 'checksum-open',
    scenario: 'typical',
    steps: async (el) => el.shadowRoot!.querySelectorAll('details').forEach((d) => (d.open = true)),
  },
  { name: 'cooldown', scenario: 'cooldown' },
  { name: 'server-error', scenario: 'server-error' },
  { name: 'window-request', scenario: 'empty', window: true, steps: (el) => opened(el, t.request) },
  { name: 'window-terms', scenario: 'typical', window: true, steps: (el) => opened(el, t.download) },
  {
    name: 'window-credentials',
    scenario: 'typical',
    window: true,
    steps: async (el) => {
      await opened(el, t.download);
      openDialog(el)!.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
      await el.updateComplete;
      button(el, t.downloadConfirm).click();
      await until(() => openDialog(el)?.querySelector('dl'), 'the access data never showed');
    },
  },
];

describe('visual: the main states at 360, 800 and 1280 px', () => {
  let clock: ReturnType<typeof install>;
  beforeEach(() => {
    clock = install({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true });
  });
  afterEach(() => {
    clock.uninstall();
    document.documentElement.classList.remove('window');
  });

  for (const width of WIDTHS) {
    for (const state of STATES) {
      it(`${state.name}-${width}`, async () => {
        await setViewport({ width, height: 800 });
        const el = await mount(state.scenario);
        // A fixed SFTP user name (mount resets the mock, which makes one up from the clock).
        backend.sftp.username = 'bkp_b5_4j3k';
        await state.steps?.(el);
        // Fonts, then two frames: nothing is left to lay out.
        await document.fonts.ready;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        document.documentElement.classList.toggle('window', !!state.window);
        await visualDiff(state.window ? document.documentElement : el, `${state.name}-${width}`);
      });
    }
  }
});
