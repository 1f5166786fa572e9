#!/usr/bin/env node
// The WebKit launcher's start includes the first test page (scripts/wtr/webkit.mjs): when that page's
// load times out in WebDriver's `url` command, as it did in CI on a busy machine, the launcher
// starts again and loads it, within its tries, instead of failing the test file. A later test page
// whose load times out (also seen once in CI) is loaded once more in the same session. Here the
// first request for each of two pages is never answered (until the server closes), so its load must
// time out; every later request is answered at once. Passes when the first session ends on the page
// of a later request, a second session loads its page with one request, and a third one, whose
// first load hangs, ends on its second request. No test is retried: only the start and a page load.
import { createServer } from 'node:http';
import { webkitLauncher } from './webkit.mjs';

const held = [];
const requests = { '/first': 0, '/later': 0 };
const server = createServer((req, res) => {
  if (!(req.url in requests)) return res.writeHead(404).end();
  const n = ++requests[req.url];
  if (n === 1) return held.push(res); // the first load of each page hangs
  res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><title>${req.url} ${n}</title>`);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

// A short page load limit, so a hanging load fails in seconds; ample for these tiny pages.
const launcher = webkitLauncher({ pageLoadTimeout: 10_000 });
await launcher.initialize({ concurrency: 1, browserStartTimeout: 150_000 }, []);
const problems = [];
try {
  await launcher.startSession('first', `${base}/first`);
  let title = await launcher.driver.getTitle();
  if (requests['/first'] < 2 || title !== `/first ${requests['/first']}`) problems.push(`the first session shows "${title}" after ${requests['/first']} requests`);
  const before = requests['/first'];
  await launcher.startSession('second', `${base}/first`);
  if (requests['/first'] !== before + 1) problems.push(`the second session made ${requests['/first'] - before} requests, not 1`);
  await launcher.startSession('third', `${base}/later`);
  title = await launcher.driver.getTitle();
  if (requests['/later'] !== 2 || title !== '/later 2') problems.push(`the third session shows "${title}" after ${requests['/later']} requests, not its second`);
} catch (error) {
  problems.push(`a session failed: ${error.message}`);
} finally {
  await launcher.stop();
  for (const res of held) res.destroy();
  server.close();
}
if (problems.length) {
  console.error(`check-webkit-start: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(`check-webkit-start: the first page's load and a later page's load timed out, and a new start loaded each (requests: ${JSON.stringify(requests)})`);
