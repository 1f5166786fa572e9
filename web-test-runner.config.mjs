// Tests run in Debian's Chromium and Firefox ESR (no test tool downloads a browser here).
// The time zone is pinned so date rendering is deterministic; MSW's worker is served from the
// installed package, so it never drifts from the library version.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';
import { chromiumFlags, chromiumPath } from './scripts/lib/chromium.mjs';
import { webkitLauncher } from './scripts/wtr/webkit.mjs';
import { fastCheckSettingsPlugin, mediaFeaturesPlugin, viewportPlugin } from './scripts/wtr/commands.mjs';

process.env.TZ = 'America/Sao_Paulo';

const workerScript = readFileSync(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url), 'utf8');

/** Serves msw's worker at /mockServiceWorker.js so its scope `/` controls the test pages. */
const mswWorker = {
  name: 'msw-worker',
  serve(context) {
    if (context.path === '/mockServiceWorker.js') {
      return { body: workerScript, type: 'js', headers: { 'Service-Worker-Allowed': '/' } };
    }
  },
};

/** @sinonjs/fake-timers is CommonJS only: serve it to the browser as an ES module with named exports. */
let fakeTimersModule;
const fakeTimersEsm = {
  name: 'fake-timers-esm',
  async serve(context) {
    if (!context.path.endsWith('/@sinonjs/fake-timers/src/fake-timers-src.js')) return;
    fakeTimersModule ??= build({
      stdin: {
        contents: "import m from '@sinonjs/fake-timers'; export const { install, withGlobal, createClock, timers } = m; export default m;",
        resolveDir: process.cwd(),
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'no-node-builtins',
          setup(b) {
            b.onResolve({ filter: /^(node:)?(util|timers|timers\/promises|perf_hooks)$/ }, () => ({ path: 'empty', namespace: 'empty' }));
            b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {}' }));
          },
        },
      ],
    }).then((r) => r.outputFiles[0].text);
    return { body: await fakeTimersModule, type: 'js' };
  },
};

/**
 * React 19 ships CommonJS only: the framework smoke test imports `virtual:react`, served as `/__react.js`, an ES module
 * bundled from the installed react and react-dom by esbuild (production build, like an app's).
 */
let reactModule;
const reactEsm = {
  name: 'react-esm',
  resolveImport({ source }) {
    if (source === 'virtual:react') return '/__react.js';
  },
  async serve(context) {
    if (context.path !== '/__react.js') return;
    reactModule ??= build({
      stdin: {
        contents: "export { createElement } from 'react'; export { createRoot } from 'react-dom/client'; export { flushSync } from 'react-dom';",
        resolveDir: process.cwd(),
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      minify: true,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    }).then((r) => r.outputFiles[0].text);
    return { body: await reactModule, type: 'js' };
  },
};


// BROWSERS=chromium,firefox,webkit (the default) picks the engines; the mode groups below follow it.
const only = process.env.BROWSERS ? process.env.BROWSERS.split(',') : ['chromium', 'firefox', 'webkit'];
const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** A Firefox ESR with its own preferences, named apart so each gets its own progress line. */
const firefox = (name, extraPrefsFirefox = {}) => {
  const launcher = puppeteerLauncher({ launchOptions: { browser: 'firefox', executablePath: firefoxPath, headless: true, extraPrefsFirefox } });
  launcher.name = name;
  return launcher;
};

// --expose-gc: the key-hygiene test checks that the parsed credentials are collected.
const chromium = only.includes('chromium') && chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: [...chromiumFlags, '--js-flags=--expose-gc'] } });
const browsers = [chromium, only.includes('firefox') && firefox('Firefox'), only.includes('webkit') && webkitLauncher()].filter(Boolean);

// Files that need the browser in a mode of its own (see each file's header) run in these groups
// only; the others run in every engine. A browser started with a preference gets its own name.
const modeFiles = ['test/element/forced-colors.test.ts', 'test/element/dark-scheme.test.ts'];
// `--group visual` (npm run visual) only: the pictures hold this machine's fonts.
const argv = process.argv;
const visual = argv.some((a, i) => a === '--group=visual' || (a === 'visual' && argv[i - 1] === '--group'));
const groups = [
  {
    name: 'forced-colors',
    files: 'test/element/forced-colors.test.ts',
    // Chromium emulates it per page; Firefox's "override the page's colours: always" is its
    // High Contrast mode. WebKit has none.
    browsers: [chromium, only.includes('firefox') && firefox('Firefox forced-colors', { 'browser.display.document_color_use': 2 })],
  },
  {
    name: 'dark-scheme',
    files: 'test/element/dark-scheme.test.ts',
    browsers: [
      chromium, // emulates it per page
      only.includes('firefox') && firefox('Firefox dark', { 'ui.systemUsesDarkTheme': 1 }),
      only.includes('webkit') && webkitLauncher({ name: 'WebKit dark', args: ['--dark-mode'] }),
    ],
  },
  visual && {
    name: 'visual',
    files: 'test/visual/*.test.ts',
    browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: [...chromiumFlags, '--hide-scrollbars', '--font-render-hinting=none'] } })],
  },
]
  .filter(Boolean)
  .map((g) => ({ ...g, browsers: g.browsers.filter(Boolean) }))
  .filter((g) => g.browsers.length);

// `--files x` runs x in the default engines only; `--group forced-colors` runs one mode group.
const filesGiven = process.argv.some((a) => a === '--files' || a.startsWith('--files='));

export default {
  files: ['test/**/*.test.ts', ...modeFiles.map((f) => `!${f}`), '!test/visual/**'],
  groups: filesGiven ? [] : groups,
  // Lit's development build, on purpose: it warns about mistakes the production build stays silent
  // on (e.g. a class field shadowing a reactive property, an update scheduled during an update).
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Its one warning that says nothing about the code under test, once per test file, goes; every
  // other warning still shows.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode.')),
  plugins: [
    // test/visual/: the pictures beside the test; a differing one goes to $TMPDIR/visual-diff/ (the
    // shot and its diff). Two runs on one machine give identical pictures (0 pixels differ, with
    // pixelmatch's colour threshold and its anti-aliasing detection); one changed label changes
    // about 200 pixels. More than 20 fail. `npm run visual:update` rewrites the pictures.
    visualRegressionPlugin({
      update: process.argv.includes('--update-visual-baseline'),
      baseDir: 'test/visual',
      getBaselineName: ({ name }) => name,
      getFailedName: ({ name }) => join(tmpdir(), 'visual-diff', name),
      getDiffName: ({ name }) => join(tmpdir(), 'visual-diff', `${name}.diff.png`),
      diffOptions: { threshold: 0.1 },
      failureThresholdType: 'pixel',
      failureThreshold: 20,
    }),
    mediaFeaturesPlugin(),
    viewportPlugin(),
    fastCheckSettingsPlugin(),
    fakeTimersEsm,
    reactEsm,
    mswWorker,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
  browsers,
  concurrency: 1,
  // One browser at a time: on 2 cores a second browser running its tests beside the first made the
  // timing checks (a poll under 2 ms, latencies) read the other one's work.
  concurrentBrowsers: 1,
  // Every time limit below is a backstop for a hang, never a measure (issue 18): each is several
  // times what the step takes with other work on both cores. A test has 30 s (most take well under
  // 1 s; with other work on both cores the slowest without a limit of its own took 9.3 s, XSS in
  // error bodies in WebKit, and 8.0 s, 1,000 rows in Chromium: 10 s was no margin at all), a
  // browser 150 s to start and load a test page (WebKit's launcher gives a page 90 s and starts
  // again inside that when the driver times one out), 60 s more for its tests to start, and a
  // test file 180 s to finish (the slowest, the fault matrix in WebKit, took 40 s on the busy
  // machine). scripts/wtr/run.mjs caps the whole run.
  // Hangs become failures with wtr's own message.
  testFramework: { config: { timeout: 30_000 } },
  browserStartTimeout: 150_000,
  testsStartTimeout: 60_000,
  // More model-based runs by hand (FC_RUNS, test/resilience/model.test.ts) get time in proportion.
  testsFinishTimeout: Number(process.env.WTR_FILE_TIMEOUT ?? 180_000 * Math.max(1, Number(process.env.FC_RUNS ?? 0) / 12)),
};
