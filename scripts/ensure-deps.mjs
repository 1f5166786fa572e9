#!/usr/bin/env node
// Runs before `npm start` and `npm test` so that, on a fresh clone, those two commands are all a
// developer types: installs the npm dependencies when they are missing, and says which browsers
// are missing (no tool here may download one; they come from the system's packages).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('ensure-deps: node_modules is missing; running npm ci once.');
  const result = spawnSync('npm', ['ci'], { stdio: 'inherit', env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv.includes('--browsers')) {
  const wanted = (process.env.BROWSERS ?? 'chromium,firefox').split(',');
  const paths = { chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr' };
  const missing = wanted.filter((b) => paths[b] && !existsSync(paths[b]));
  if (missing.length) {
    console.error(`ensure-deps: missing ${missing.map((b) => paths[b]).join(' and ')}. On Debian/Ubuntu:\n  sudo apt-get install -y chromium firefox-esr`);
    process.exit(1);
  }
}
