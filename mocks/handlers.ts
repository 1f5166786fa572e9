/**
 * msw handlers that put a {@link MockBackend} behind `${base}/backups…` on the page's origin.
 * All the behaviour lives in the backend; this file only translates HTTP to and from it.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { LOGIN_PAGE, LOGIN_PATH, type MockBackend, type RecordedRequest } from './backend.js';

// Captured at load, so a test that fakes setTimeout does not freeze the simulated latency.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const sleep = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

async function record(request: Request, basePath: string): Promise<RecordedRequest> {
  const { pathname } = new URL(request.url);
  const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) || '/' : pathname;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const text = await request.clone().text();
  let body: unknown = text === '' ? undefined : text;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
  }
  return { method: request.method.toUpperCase(), path, headers, body };
}

export function createHandlers(backend: MockBackend, base = '/api'): HttpHandler[] {
  const root = base.replace(/\/+$/, '');
  const basePath = new URL(root || '/', 'http://origin.invalid').pathname.replace(/\/+$/, '');

  const respond = async ({ request }: { request: Request }) => {
    const recorded = await record(request, basePath);
    if (backend.latencyMs > 0) await sleep(backend.latencyMs);
    const answer = backend.handle(recorded);
    switch (answer.kind) {
      case 'network-error':
        return HttpResponse.error();
      case 'text':
        return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers ?? { 'Content-Type': 'text/plain' } });
      case 'json':
        // A redirect has no body.
        if (answer.status >= 300 && answer.status < 400) return new HttpResponse(null, { status: answer.status, headers: answer.headers });
        return HttpResponse.json(answer.body as never, { status: answer.status, ...(answer.headers ? { headers: answer.headers } : {}) });
    }
  };

  return [
    // The sign-in page a `login-redirect` points to: HTML, as a session's end looks to fetch.
    http.get(LOGIN_PATH, () => new HttpResponse(LOGIN_PAGE, { headers: { 'Content-Type': 'text/html' } })),
    http.get(`${root}/backups`, respond),
    http.post(`${root}/backups`, respond),
    http.post(`${root}/backups/:id/download`, respond),
    // v1.1; a v1 backend answers it 404, as the catch-all would.
    http.delete(`${root}/backups/:id`, respond),
    // Anything else under the base: recorded and answered 404 by the backend.
    http.all(`${root}/*`, respond),
  ];
}
