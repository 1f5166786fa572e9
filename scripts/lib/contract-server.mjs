// For the scripts that serve the element to a real browser (e2e-dropin, e2e-sftp, examples,
// conformance): the mock backend in Node, and a node:http server that answers the contract with it
// under a base path and serves a few static files (the page, the drop-in bundle) beside it.
import { createServer } from 'node:http';
import { createJiti } from 'jiti';

/**
 * The mock backend's module (`MockBackend`, …): plain TypeScript over Date.now(), loaded by jiti,
 * so the scripts run the very rules the sandbox and the tests use.
 */
export const loadMockBackend = () => createJiti(import.meta.url).import('../../mocks/backend.ts');

/**
 * Starts a server on 127.0.0.1 (a free port): `files` maps a path to `{ type, body }` (and optional
 * `headers`); `page(req, res, url)`, for pages a map cannot serve (a built app), answers what it
 * can and returns false for the rest; anything under `base` is answered by `backend.handle`, the
 * way msw's handlers do it. Resolves to `{ origin, close() }`.
 */
export async function startContractServer({ backend, base, files = {}, page = async () => false }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const file = files[url.pathname];
    if (file) return void res.writeHead(200, { 'Content-Type': file.type, ...file.headers }).end(file.body);
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
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
