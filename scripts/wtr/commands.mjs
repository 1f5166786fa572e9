/* global window */
// A wtr command the stock `emulateMedia` lacks: any CSS media feature the browser can emulate,
// `forced-colors` (Windows High Contrast) first. Chromium only, through the puppeteer page the
// chrome launcher exposes (CDP Emulation.setEmulatedMedia). In the test:
//   await executeServerCommand('emulate-media-features', [{ name: 'forced-colors', value: 'active' }]);
//   await executeServerCommand('emulate-media-features', null); // back to the browser's own
const cdpSessions = new WeakMap();

export function mediaFeaturesPlugin() {
  return {
    name: 'emulate-media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-media-features') return undefined;
      const page = session.browser.type === 'puppeteer' ? session.browser.getPage(session.id) : undefined;
      // Firefox over WebDriver BiDi has a page, but no CDP behind it: say so instead of a CDP error.
      if (!page || !session.browser.name.startsWith('Chrom')) {
        throw new Error(`emulate-media-features: ${session.browser.name} cannot emulate media features; only Chromium can`);
      }
      // Straight over CDP: puppeteer's own emulateMediaFeatures checks names against a list that,
      // in the version the launcher brings, does not have forced-colors yet. One session per page,
      // kept: an emulation lasts only as long as the session that set it.
      if (!cdpSessions.has(page)) cdpSessions.set(page, await page.createCDPSession());
      await cdpSessions.get(page).send('Emulation.setEmulatedMedia', { media: '', features: payload ?? [] });
      return true;
    },
  };
}

// The viewport's size in CSS px, in every engine (the stock `setViewport` has none for WebDriver):
// Chromium and Firefox through the puppeteer page; WebKit by sizing MiniBrowser's window so that
// its inner size is the one asked for (the window's frame and toolbar are measured, then added).
// A 1280 px wide window at 200% zoom lays pages out in 640 CSS px, at 400% in 320: that is what
// these sizes stand for. Returns the inner size reached.
//   await executeServerCommand('set-inner-size', { width: 640, height: 512 });
export function viewportPlugin() {
  return {
    name: 'set-inner-size',
    async executeCommand({ command, payload, session }) {
      if (command !== 'set-inner-size') return undefined;
      const { width, height } = payload;
      if (session.browser.type === 'puppeteer') {
        const page = session.browser.getPage(session.id);
        await page.setViewport({ width, height });
        return page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));
      }
      if (session.browser.type === 'webdriver') {
        const driver = session.browser.driver;
        const inner = () => driver.execute(() => ({ width: window.innerWidth, height: window.innerHeight }));
        await driver.setWindowSize(width, height);
        let reached = await inner();
        await driver.setWindowSize(2 * width - reached.width, 2 * height - reached.height);
        reached = await inner();
        return reached;
      }
      throw new Error(`set-inner-size: not supported for ${session.browser.name}`);
    },
  };
}

// The model-based tests' settings (test/resilience/model.test.ts), from the environment of the wtr run:
//   FC_SEED=random FC_RUNS=100 npx wtr --files test/resilience/model.test.ts  (new sequences, runs per property; CI uses the file's own seed and runs)
//   FC_PROPERTY=windows FC_SEED=42 FC_PATH='3:0:1' FC_REPLAY_PATH='CB:F' npx wtr --files test/resilience/model.test.ts   (a replay, as a failure prints it)
//   FC_IGNORE=focus,rate npx wtr --files test/resilience/model.test.ts       (look past bugs already reported; never in CI)
//   FC_VERBOSE=2 …                                                 (fast-check's report lists every failure met while shrinking)
//   const settings = await executeServerCommand('fast-check-settings');
export function fastCheckSettingsPlugin() {
  const number = (value) => (value === undefined || value === '' ? undefined : Number(value));
  return {
    name: 'fast-check-settings',
    executeCommand({ command }) {
      if (command !== 'fast-check-settings') return undefined;
      const { FC_RUNS, FC_SEED, FC_PATH, FC_REPLAY_PATH, FC_PROPERTY, FC_IGNORE, FC_VERBOSE } = process.env;
      return {
        runs: number(FC_RUNS),
        seed: FC_SEED === 'random' ? FC_SEED : number(FC_SEED),
        path: FC_PATH || undefined,
        replayPath: FC_REPLAY_PATH || undefined,
        property: FC_PROPERTY || undefined,
        ignore: FC_IGNORE ? FC_IGNORE.split(',') : undefined,
        verbose: number(FC_VERBOSE),
      };
    },
  };
}
