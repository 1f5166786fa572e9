// Tests run in Debian's Chromium and Firefox ESR (no test tool downloads a browser here).
// The time zone is pinned so date rendering is deterministic; MSW's worker is served from the
// installed package, so it never drifts from the library version.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { chromiumFlags, chromiumPath } from './scripts/chromium.mjs';

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


const only = process.env.BROWSERS ? process.env.BROWSERS.split(',') : ['chromium', 'firefox'];

const browsers = [];
if (only.includes('chromium')) {
  browsers.push(
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumFlags },
    }),
  );
}
if (only.includes('firefox')) {
  browsers.push(
    puppeteerLauncher({
      launchOptions: { browser: 'firefox', executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', headless: true },
    }),
  );
}

export default {
  files: ['test/**/*.test.ts'],
  // Lit's development build, on purpose: it warns about mistakes the production build stays silent
  // on (e.g. a class field shadowing a reactive property, an update scheduled during an update).
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Its one warning that says nothing about the code under test, once per test file, goes; every
  // other warning still shows.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode.')),
  plugins: [fakeTimersEsm, reactEsm, mswWorker, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers,
  concurrency: 1,
  concurrentBrowsers: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 900000,
};
