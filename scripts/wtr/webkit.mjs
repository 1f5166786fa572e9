// WebKit for the test runner, from Debian's packages only: WebKitGTK's MiniBrowser
// (libwebkit2gtk-4.1-0) driven by its WebDriver (`webkit2gtk-driver`), in a private Xvfb (`xvfb`),
// since MiniBrowser has no headless mode. Nothing is downloaded.
//
// Why an earlier try could hang, and what this launcher does about it (no run has hung since;
// scripts/wtr/check-webkit-start.mjs checks the recovery from a stuck page load):
// - @web/test-runner-webdriver's SessionManager does not wait for the navigation to a test page
//   (`queueStartSession` drops the promise), and WebDriver's default page load strategy waits for
//   `load` for up to 300 s; every later command of the one session (the heartbeat, the next
//   file's results) can queue behind a load that never ends. Here the strategy is `eager`
//   (DOMContentLoaded), the page load limit is 90 s and the script limit 30 s, and the navigation
//   is awaited, so a stuck load fails that one test file with a message instead of stalling the run.
//   90 s, not less: twice in CI-like runs on a busy machine a page took over 30 s and once over
//   60 s, and each time WebKit was fine; in the second the page had even started its tests when
//   the client gave up on the driver. Waiting is what passes; the client's own limit is longer
//   still, so the driver's answer, with its cause, is what comes back.
// - No request to the local driver is retried (webdriverio retries 3 times by default, 120 s
//   each): a retried navigation or script would triple a stall and hide it.
// - Starting the browser (Xvfb, the driver, the WebDriver session, and the navigation to the
//   first test page) is the one step that is retried, each try with its own time limit, all of
//   them inside wtr's browserStartTimeout; a test file never is. The first navigation belongs to
//   the start: on a busy machine it is the one that waits for a cold dev server to transform the
//   harness, and once it timed out in CI (`WebDriverError: timeout when running "url"`) while the
//   browser was fine. A later try finds the transforms cached.
// - A later test page whose load the driver times out starts WebKit again for that page, the
//   same way: WebKitWebDriver answers no command until a stuck load ends. No other failure does:
//   restarting on the client's own time-out once killed a page whose tests were running, and the
//   next files with it. No test runs twice (see startSession).
// - webdriverio 9 asks for WebDriver BiDi (`webSocketUrl`), which WebKitWebDriver 2.50 refuses
//   ("Failed to match capabilities"): classic WebDriver is enforced.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { WebdriverLauncher } from '@web/test-runner-webdriver';

export const miniBrowserPath = process.env.WEBKIT_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const xvfbPath = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

const log = (...args) => {
  if (process.env.WTR_WEBKIT_LOG) console.error('[webkit]', ...args);
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const withTimeout = (promise, ms, what) => {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

const stopProcess = (child) =>
  new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });

/** An X server of its own, on the first free display number (Xvfb picks it: -displayfd). */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const xvfb = spawn(xvfbPath, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    xvfb.stderr.on('data', (d) => (stderr += d));
    xvfb.stdio[3].on('data', (d) => {
      const display = String(d).trim();
      if (/^\d+$/.test(display)) resolve({ process: xvfb, display: `:${display}` });
    });
    xvfb.on('error', reject);
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${stderr.trim()}`)));
  });
}

/** WebKitWebDriver on a free loopback port, ready when it answers /status. */
async function startDriver(display) {
  const port = await freePort();
  const driver = spawn(webkitDriverPath, [`--port=${port}`, '--host=local'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DISPLAY: display, GDK_BACKEND: 'x11', WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
  });
  driver.stdout.on('data', (d) => log('driver:', String(d).trim()));
  driver.stderr.on('data', (d) => log('driver:', String(d).trim()));
  let exited = false;
  driver.on('exit', () => (exited = true));
  for (let i = 0; i < 100 && !exited; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return { process: driver, port };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopProcess(driver);
  throw new Error(`WebKitWebDriver did not answer on port ${port}`);
}

class WebKitLauncher extends WebdriverLauncher {
  constructor({ name = 'WebKit', args = [], startAttempts = 3, startTimeout = 40000, pageLoadTimeout = 90000 } = {}) {
    super({
      logLevel: 'error',
      hostname: '127.0.0.1',
      // One request to the local driver is never retried: a retried navigation or script would
      // hide what went wrong, and wtr's time limits decide when a test file has failed.
      connectionRetryCount: 0,
      // Longer than the page load and script limits, so the driver's own answer (with its cause)
      // comes back, not the client's bare "Request timed out".
      connectionRetryTimeout: pageLoadTimeout + 30000,
      capabilities: {
        browserName: 'MiniBrowser',
        pageLoadStrategy: 'eager',
        timeouts: { pageLoad: pageLoadTimeout, script: 30000 },
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation', ...args] },
      },
    });
    this.label = name;
    this.startAttempts = startAttempts;
    this.startTimeout = startTimeout;
    this.xvfb = undefined;
    this.driverProcess = undefined;
    /** The whole start's time, every try included: wtr's browserStartTimeout, less time to stop a try. */
    this.startBudget = Infinity;
    /** Settles once the browser has started and loaded its first test page. */
    this.started = undefined;
  }

  async initialize(config, testFiles) {
    await super.initialize(config, testFiles);
    this.name = this.label;
    if (config.browserStartTimeout) this.startBudget = config.browserStartTimeout - 15_000;
  }

  /**
   * A test page. The first one is part of the start (see the top of this file): it is retried with
   * the start. A later one whose load the driver times out starts WebKit again for it, the same
   * way; any other failure fails that test file only. It all ends within wtr's browserStartTimeout.
   */
  async startSession(id, url) {
    const deadline = Date.now() + this.startBudget;
    if (this.started) {
      await this.started;
      try {
        return await super.startSession(id, url);
      } catch (error) {
        // The driver's own time-out (W3C `timeout`): the page did not reach DOMContentLoaded, so
        // its tests had not started. WebKitWebDriver then answers nothing (not even the title)
        // until that load ends, so only a new start gets the page loaded.
        if (!/\btimeout when running "url"/.test(error?.message ?? '')) throw error;
        console.error(`WebKit: a test page did not load in time (${error.message}); starting WebKit again for it`);
        await this.#stopAll();
      }
    }
    this.started = this.#start(id, url, deadline).catch((error) => {
      this.started = undefined; // the next test file starts it again, as it would have before
      throw error;
    });
    return this.started;
  }

  /**
   * Starts Xvfb, the driver and the session, and loads a test page: the one step that is safe to
   * repeat, so it is tried up to `startAttempts` times. Each try has `startTimeout` for the start and
   * the page load limit for the page, and all of them end by `deadline`, before wtr's
   * browserStartTimeout, so a failure here is reported with its cause, never as wtr's bare timeout.
   */
  async #start(id, url, deadline) {
    let lastError;
    let attempt = 0;
    while (attempt < this.startAttempts && deadline - Date.now() > 0) {
      attempt++;
      try {
        await withTimeout(this.#startOnce(), Math.min(this.startTimeout, deadline - Date.now()), `starting WebKit (try ${attempt})`);
        // The page load limit of the session ends a stuck load first; this one only keeps the deadline.
        await withTimeout(this.driverManager.startSession(id, url), Math.max(deadline - Date.now(), 1), `loading the test page (try ${attempt})`);
        return;
      } catch (error) {
        lastError = error;
        console.error(`WebKit did not start (try ${attempt} of ${this.startAttempts}): ${error.message}`);
        await this.#stopAll();
      }
    }
    throw new Error(`WebKit did not start after ${attempt} tries: ${lastError?.message ?? 'no time left for a try'}`);
  }

  /** wtr's way to a driver when there is none; startSession's first call has made one already. */
  async createDriverManager() {
    return withTimeout(this.#startOnce(), this.startTimeout, 'starting WebKit');
  }

  async #startOnce() {
    this.#stopHeartbeat(); // a try before this one may have left its own
    if (!existsSync(miniBrowserPath) || !existsSync(webkitDriverPath) || !existsSync(xvfbPath)) {
      throw new Error(`WebKit needs ${miniBrowserPath}, ${webkitDriverPath} and ${xvfbPath}: apt-get install -y webkit2gtk-driver xvfb`);
    }
    this.xvfb = await startXvfb();
    log('Xvfb on', this.xvfb.display);
    const driver = await startDriver(this.xvfb.display);
    this.driverProcess = driver.process;
    log('driver on port', driver.port);
    this.options.port = driver.port;
    const manager = await super.createDriverManager();
    // See the top of this file: wait for each navigation, so a stuck one is a failure.
    manager.queueStartSession = (id, url) => manager.startSession(id, url);
    return manager;
  }

  async #stopProcesses() {
    await stopProcess(this.driverProcess);
    await stopProcess(this.xvfb?.process);
    this.driverProcess = undefined;
    this.xvfb = undefined;
  }

  #stopHeartbeat() {
    if (this.pendingHeartbeat != null) clearInterval(this.pendingHeartbeat);
    this.pendingHeartbeat = undefined;
  }

  /** Ends a try that failed: its session (if it has one), the driver and Xvfb. */
  async #stopAll() {
    await withTimeout(super.stop(), 10000, 'closing the WebDriver session').catch(() => {});
    this.#stopHeartbeat();
    this.driver = undefined;
    this.driverManager = undefined;
    await this.#stopProcesses();
  }

  async stop() {
    await this.#stopAll();
  }
}

/** A wtr launcher for WebKitGTK. */
export const webkitLauncher = (options) => new WebKitLauncher(options);
