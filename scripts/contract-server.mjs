// A real HTTP server that follows the backend contract: the mock backend's rules (mocks/backend.ts,
// the same ones msw serves to the sandbox and the tests), answered by node:http instead of a
// Service Worker. Shared by the scripts that load a built page in Chromium (e2e-dropin, examples).
import { createServer } from 'node:http';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(import.meta.dirname, '..');

/** The MockBackend class: plain TypeScript over Date.now(), bundled for Node. */
export async function loadMockBackend() {
  const built = await esbuild.build({ entryPoints: [join(root, 'mocks/backend.ts')], bundle: true, format: 'esm', platform: 'node', write: false });
  const { MockBackend } = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  return MockBackend;
}

/**
 * Starts a server on 127.0.0.1 (a free port) that answers `{base}/…` from `backend` and everything
 * else with `page(req, res, url)` (which answers 404 when it returns false).
 * Resolves to `{ origin, close() }`.
 */
export async function startContractServer({ backend, base, page }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(`${base}/`)) {
      if (!(await page(req, res, url))) res.writeHead(404).end();
      return;
    }
    let text = '';
    for await (const chunk of req) text += chunk;
    let body;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const answer = backend.handle({ method: req.method, path: url.pathname.slice(base.length), headers, body });
    if (answer.kind === 'network-error') return void res.destroy();
    const payload = answer.kind === 'json' ? JSON.stringify(answer.body) : answer.body;
    res.writeHead(answer.status, { 'Content-Type': answer.kind === 'json' ? 'application/json' : 'text/plain', ...answer.headers }).end(payload);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
