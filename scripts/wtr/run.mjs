#!/usr/bin/env node
// `npm test`: wtr with a ceiling on the whole run, so a hang ends as a failure with a message
// well inside CI's 90 minutes (wtr's own limits are per browser start and per test file; see
// web-test-runner.config.mjs). Arguments go to wtr. WTR_RUN_CEILING_MIN sets the ceiling (30).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ceilingMin = Number(process.env.WTR_RUN_CEILING_MIN ?? 30);
const bin = fileURLToPath(new URL('../../node_modules/@web/test-runner/dist/bin.js', import.meta.url));
// A process group of its own, so the browsers, WebKit's driver and Xvfb end with it.
const wtr = spawn(process.execPath, [bin, ...process.argv.slice(2)], { stdio: 'inherit', detached: true });

const stopGroup = (signal) => {
  try {
    process.kill(-wtr.pid, signal);
  } catch {
    // already gone
  }
};

const ceiling = setTimeout(() => {
  console.error(`\nwtr: the test run did not finish within ${ceilingMin} minutes (WTR_RUN_CEILING_MIN): stopped as a hang.`);
  stopGroup('SIGTERM');
  setTimeout(() => stopGroup('SIGKILL'), 15_000).unref();
  process.exitCode = 124;
}, ceilingMin * 60_000);

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopGroup(signal));

wtr.on('exit', (code, signal) => {
  clearTimeout(ceiling);
  // Whatever wtr left behind in its group (a browser that did not close) goes too.
  stopGroup('SIGKILL');
  process.exit(process.exitCode ?? code ?? (signal ? 1 : 0));
});
