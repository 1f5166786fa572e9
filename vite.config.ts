/**
 * The sandbox (`npm start`): `demo/` served by Vite, the element's sources compiled on the fly,
 * and msw's Service Worker served straight from the installed package (no copied file to drift).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const workerPath = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

/** Serves `/mockServiceWorker.js` from `node_modules/msw` (dev server only; never built or published). */
function mswWorker(): Plugin {
  return {
    name: 'msw-worker',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/mockServiceWorker.js', (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Service-Worker-Allowed', '/');
        res.setHeader('Cache-Control', 'no-store');
        res.end(readFileSync(workerPath, 'utf8'));
      });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./demo', import.meta.url)),
  plugins: [mswWorker()],
  // Lit's reactive properties need TypeScript's `useDefineForClassFields: false` semantics: class
  // fields become assignments in the constructor instead of own properties that shadow accessors.
  oxc: {
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // The demo imports ../src and ../mocks from outside its root.
    fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] },
  },
});
