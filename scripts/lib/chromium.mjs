// Debian's Chromium, as every script and the test runner start it here: no tool downloads a
// browser; as root it needs --no-sandbox; the background-networking flags keep it from trying
// hosts this machine cannot reach.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** puppeteer-core launch options for headless Debian Chromium, with extra flags. */
export const chromiumLaunchOptions = (...extraFlags) => ({ executablePath: chromiumPath, headless: true, args: [...chromiumFlags, ...extraFlags] });
