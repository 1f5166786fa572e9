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
  const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',');
  // What each engine needs from the system, and the Debian package that brings it.
  const needs = {
    chromium: [[process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', 'chromium']],
    firefox: [[process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', 'firefox-esr']],
    webkit: [
      [process.env.WEBKIT_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', 'webkit2gtk-driver'],
      [process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver', 'webkit2gtk-driver'],
      [process.env.XVFB_PATH ?? '/usr/bin/Xvfb', 'xvfb'],
    ],
  };
  const missing = wanted.flatMap((b) => needs[b] ?? []).filter(([path]) => !existsSync(path));
  if (missing.length) {
    const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
    console.error(
      `ensure-deps: missing ${missing.map(([path]) => path).join(', ')}. On Debian/Ubuntu:\n  sudo apt-get install -y ${packages}\n` +
        '(or run the tests in the engines you have: BROWSERS=chromium,firefox npm test)',
    );
    process.exit(1);
  }
}
