#!/usr/bin/env node
// The WebKit launcher's start includes the first test page (scripts/wtr/webkit.mjs): when that page's
// load times out in WebDriver's `url` command, as it did in CI on a busy machine, the launcher
// starts again and loads it, within its tries, instead of failing the test file. Here the first
// request for the page is never answered (until the server closes), so the first try's load must
// time out; every later request is answered at once. Passes when the first session ends on the page
// of a later request, and a second session loads its page with one request. No test is retried:
// only the start is.
import { createServer } from 'node:http';
import { webkitLauncher } from './webkit.mjs';

const held = [];
let requests = 0;
const server = createServer((req, res) => {
  if (req.url !== '/page') return res.writeHead(404).end();
  const n = ++requests;
  if (n === 1) return held.push(res); // the first load hangs
  res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><title>request ${n}</title>`);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/page`;

// A short page load limit, so the hanging first load fails in seconds; ample for this tiny page.
const launcher = webkitLauncher({ pageLoadTimeout: 10_000 });
await launcher.initialize({ concurrency: 1, browserStartTimeout: 150_000 }, []);
const problems = [];
try {
  await launcher.startSession('first', url);
  const title = await launcher.driver.getTitle();
  if (requests < 2 || title !== `request ${requests}`) problems.push(`the first session shows "${title}" after ${requests} requests`);
  const before = requests;
  await launcher.startSession('second', url);
  if (requests !== before + 1) problems.push(`the second session made ${requests - before} requests, not 1`);
} catch (error) {
  problems.push(`the start failed: ${error.message}`);
} finally {
  await launcher.stop();
  for (const res of held) res.destroy();
  server.close();
}
if (problems.length) {
  console.error(`check-webkit-start: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(`check-webkit-start: the first page's load timed out, the start was tried again and loaded it (${requests} requests)`);
