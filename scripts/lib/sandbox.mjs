/**
 * The sandbox (demo/) served by Vite on a free port, for what drives it in Chromium
 * (scripts/check-sandbox.mjs, tools/screenshots.mjs). The labels come from src/i18n/, so a script
 * clicks what the user reads in every language and never repeats a label that may change.
 */
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { byLabel } from './chromium.mjs';

/** The instant the sandbox clock starts at (`?now=`), and the time zone: pictures change only with the product. */
export const NOW = '2026-11-24T13:05:00Z';
export const TIME_ZONE = 'America/Sao_Paulo';
/** The URL parameters that pin what would change between runs: the clock and the SFTP user name. */
export const PINNED = `now=${NOW}&sftp-user=bkp_b5_4j3k`;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the sandbox; `close()` stops it. `labels(lang)` is that language's column of the locale table. */
export async function startSandbox() {
  const port = await freePort();
  const vite = await createServer({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    root: fileURLToPath(new URL('../../demo', import.meta.url)),
    logLevel: 'warn',
    server: { host: '127.0.0.1', port, strictPort: true, open: false, hmr: false },
  });
  const load = (path) => vite.ssrLoadModule(fileURLToPath(new URL(path, import.meta.url)));
  const [{ scenarioNames }, { stringsFor, SUPPORTED_LOCALES }] = await Promise.all([load('../../mocks/scenarios.ts'), load('../../src/i18n/resolve.ts')]);
  await vite.listen();
  return {
    base: `http://127.0.0.1:${port}/`,
    scenarioNames,
    labels: (lang) => stringsFor(SUPPORTED_LOCALES.includes(lang) ? lang : 'pt-BR'),
    close: () => vite.close(),
  };
}

/** Clicks the control with that role and visible label, waiting for it (shadow roots included). */
export async function click(page, role, label) {
  await (await byLabel(page, role, label, 5000)).click();
}
