/**
 * The fake backend in a browser page: one {@link MockBackend} behind msw's Service Worker at
 * `/api`. Used by the sandbox and the browser tests.
 */
import { setupWorker } from 'msw/browser';
import { MockBackend } from './backend.js';
import { createHandlers } from './handlers.js';

export const backend = new MockBackend();
export const worker = setupWorker(...createHandlers(backend));

let started: Promise<void> | undefined;

/** Starts the worker once (later calls return the same promise). Quiet; only `/api` calls are checked. */
export function startMockBackend(): Promise<void> {
  started ??= worker
    .start({
      quiet: true,
      serviceWorker: { url: '/mockServiceWorker.js' },
      // Let the dev server's and test runner's own module requests pass, and complain only about
      // API calls with no handler.
      onUnhandledRequest(request, print) {
        const url = new URL(request.url);
        if (url.origin === location.origin && (url.pathname === '/api' || url.pathname.startsWith('/api/'))) print.error();
      },
    })
    .then(() => undefined)
    .catch((error: unknown) => {
      started = undefined;
      throw error;
    });
  return started;
}
