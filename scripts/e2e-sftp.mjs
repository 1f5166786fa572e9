#!/usr/bin/env node
/* global document */ // the callbacks passed to evaluate and waitForFunction run in the page
// A real SFTP download, end to end (issue 13 item 7). OpenSSH's sshd runs on 127.0.0.1 with its own
// config, its own freshly made host key and a test user whose authorized key is the mock's test key
// (mocks/test-key.ts). A contract server (scripts/contract-server.mjs: the mock backend, v1.1)
// serves the built drop-in and answers with credentials for that sshd: its host, port, user, the
// path of a backup file made for the run, and hostKeys from the sshd's real host key. The list's
// ready backup carries the file's real SHA-256.
//
// Headless Chromium drives the drop-in by role and visible label, as a user would: Baixar arquivo,
// the terms checkbox, Baixar backup, Salvar chave .pem and Salvar known_hosts (saved into a temp
// folder). The key is chmod 600'd, the sftp command is read as the window displays it and run as it
// is with `sh -c` in that folder (no other option added), and the fetched file's SHA-256 must be the
// one the list shows.
//
// Needs root (useradd, sshd), openssh-server and openssh-client; run after `npm run build`:
//   node scripts/e2e-sftp.mjs
// Every step is bounded; the whole run gives up after E2E_SFTP_TIMEOUT_S (default 120) seconds.
// sshd is stopped by its PID on every way out.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { loadMockBackend, startContractServer } from './contract-server.mjs';

const USER = 'abt-e2e-sftp';
const SSHD = '/usr/sbin/sshd';
const TIMEOUT_MS = Number(process.env.E2E_SFTP_TIMEOUT_S || 120) * 1000;
const BUNDLE = 'dist/account-backup-tab.bundled.js';

/** A failure with a message that says what to do. */
class Failure extends Error {}
const fail = (message) => {
  throw new Failure(message);
};
const step = (what) => console.log(`… ${what}`);
const ok = (what) => console.log(`ok   ${what}`);

/** Runs a program to the end (bounded), failing with its output when it exits non-zero. */
function run(file, args, { what, timeout = 30_000, ...options } = {}) {
  const result = spawnSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout, ...options });
  if (result.error) fail(`${what ?? file}: ${result.error.message}`);
  if (result.status !== 0) fail(`${what ?? file} exited ${result.status ?? result.signal}: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const sha256Of = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

// ——— What has to be undone, on every way out ———
let sshd;
let browser;
let server;
let work;
let createdUser = false;
let cleanedUp = false;

async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (sshd?.pid && sshd.exitCode === null && sshd.signalCode === null) {
    try {
      process.kill(sshd.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await browser?.close().catch(() => {});
  await server?.close().catch(() => {});
  if (createdUser) spawnSync('userdel', [USER], { stdio: 'ignore', timeout: 10_000 });
  if (work) rmSync(work, { recursive: true, force: true });
}

// Killed or interrupted: sshd goes with us. (process.kill is synchronous, so it also runs on 'exit'.)
process.on('exit', () => {
  if (sshd?.pid && sshd.exitCode === null && sshd.signalCode === null) {
    try {
      process.kill(sshd.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`e2e-sftp: FAIL: stopped by ${signal}`);
    void cleanUp().finally(() => process.exit(1));
  });
}
const watchdog = setTimeout(() => {
  console.error(`e2e-sftp: FAIL: did not finish within ${TIMEOUT_MS / 1000} s`);
  void cleanUp().finally(() => process.exit(1));
}, TIMEOUT_MS);

// ——— sshd ———

/** The test user: created when missing, with a `*` password field (no password, not locked). */
function ensureUser(home) {
  if (spawnSync('id', ['-u', USER], { stdio: 'ignore' }).status !== 0) {
    run('useradd', ['--no-create-home', '--home-dir', home, '--shell', '/bin/sh', '--password', '*', USER], { what: `useradd ${USER}` });
    createdUser = true;
  } else {
    // sshd without PAM refuses a locked account ('!' in the password field).
    run('usermod', ['--password', '*', USER], { what: `usermod ${USER}` });
  }
}

/** Starts sshd in the foreground; resolves once it listens. */
function startSshd(config, port) {
  return new Promise((resolve, reject) => {
    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd = child;
    let log = '';
    const timer = setTimeout(() => reject(new Failure(`sshd did not listen on 127.0.0.1:${port} within 10 s:\n${log}`)), 10_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text) => {
      log += text;
      if (/Server listening on 127\.0\.0\.1 port/.test(log)) {
        clearTimeout(timer);
        resolve(() => log);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Failure(`cannot start ${SSHD}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Failure(`sshd exited (${code ?? signal}) before listening:\n${log}`));
    });
  });
}

// ——— The page ———

/** Every element matching `selector`, through shadow roots (the element may nest its own parts). */
function deepAll(selector) {
  const found = [];
  const visit = (root) => {
    found.push(...root.querySelectorAll(selector));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return found;
}

async function main() {
  for (const [path, pkg] of [
    [SSHD, 'openssh-server'],
    ['/usr/bin/sftp', 'openssh-client'],
    ['/usr/bin/ssh-keygen', 'openssh-client'],
  ]) {
    if (!existsSync(path)) fail(`${path} is missing: apt-get install -y ${pkg}`);
  }
  if (process.getuid?.() !== 0) fail('run as root (it creates a test user and starts sshd)');
  if (!existsSync(BUNDLE)) fail(`${BUNDLE} is missing: npm run build first`);

  // One folder for the run; the test user must reach the backup file inside it.
  work = mkdtempSync(join(tmpdir(), 'e2e-sftp-'));
  chmodSync(work, 0o755);
  const home = join(work, 'home');
  const files = join(work, 'files');
  const downloads = join(work, 'downloads');
  for (const dir of [home, files, downloads]) mkdirSync(dir, { mode: 0o755 });
  chmodSync(downloads, 0o700);

  step('making the backup file, the host key and the sshd config');
  const fileName = `backup-e2e-${Date.now()}.bak.gz`;
  const remotePath = join(files, fileName);
  writeFileSync(remotePath, randomBytes(3 * 1024 * 1024 + 17));
  chmodSync(remotePath, 0o644);
  const fileSha = sha256Of(remotePath);

  const hostKey = join(work, 'ssh_host_ed25519_key');
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e-sftp host key (this run only)', '-f', hostKey], { what: 'ssh-keygen (host key)' });
  const hostPublicKey = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const hostFingerprint = run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`], { what: 'ssh-keygen -lf' }).split(' ')[1];

  // The user's key is the mock's test key pair: the mock backend hands out its private half.
  const built = await esbuild.build({ entryPoints: ['mocks/test-key.ts'], bundle: true, format: 'esm', platform: 'node', write: false });
  const { TEST_PUBLIC_KEY } = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  const authorizedKeys = join(work, 'authorized_keys');
  writeFileSync(authorizedKeys, `${TEST_PUBLIC_KEY}\n`, { mode: 0o644 });

  ensureUser(home);
  const port = await freePort();
  const config = join(work, 'sshd_config');
  writeFileSync(
    config,
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${hostKey}`,
      'PidFile none',
      `AuthorizedKeysFile ${authorizedKeys}`,
      // The run's folder lives under /tmp, which StrictModes would refuse for the authorized keys.
      'StrictModes no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      `AllowUsers ${USER}`,
      'Subsystem sftp internal-sftp',
      'ForceCommand internal-sftp',
      'AllowTcpForwarding no',
      'X11Forwarding no',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation folder
  run(SSHD, ['-t', '-f', config], { what: 'sshd -t (config check)' });
  step(`starting sshd on 127.0.0.1:${port}`);
  const sshdLog = await startSshd(config, port);
  ok(`sshd listens on 127.0.0.1:${port} (pid ${sshd.pid}), host key ${hostFingerprint}`);

  // The contract server: the mock backend, v1.1, pointed at that sshd.
  const { MockBackend } = await loadMockBackend();
  const backend = new MockBackend('empty');
  backend.version = 'v1.1';
  backend.sftp = { host: '127.0.0.1', port, username: USER, directory: files };
  backend.hostKeys = [{ type: hostPublicKey.split(' ')[0], fingerprint: hostFingerprint, publicKey: hostPublicKey }];
  const day = 24 * 60 * 60 * 1000;
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  backend.add({ id: 'b-1', status: 'ready', requestedAt: iso(Date.now() - 2 * day), readyAt: iso(Date.now() - day), fileName, sha256: fileSha, sizeBytes: readFileSync(remotePath).length });

  const page = `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>SFTP end to end</title>
<script type="module" src="/account-backup-tab.bundled.js"></script>
</head><body><account-backup-tab base-url="/contract/v1.1" lang="pt-BR" poll-interval="0"></account-backup-tab></body></html>`;
  server = await startContractServer({
    backend,
    base: '/contract/v1.1',
    files: {
      '/': { type: 'text/html', body: page },
      '/account-backup-tab.bundled.js': { type: 'text/javascript', body: readFileSync(BUNDLE, 'utf8') },
    },
  });

  step('driving the drop-in in Chromium');
  browser = await puppeteer.launch(chromiumLaunchOptions('--lang=pt-BR'));
  const tab = await browser.newPage();
  const pageErrors = [];
  tab.on('pageerror', (e) => pageErrors.push(e.message));
  const cdp = await tab.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await tab.goto(server.origin);
  const byRole = async (role, name) => {
    try {
      return await tab.waitForSelector(`::-p-aria(${name}[role="${role}"])`, { timeout: 10_000 });
    } catch {
      return fail(`no ${role} labelled "${name}" on the page${pageErrors.length ? ` (page errors: ${pageErrors.join('; ')})` : ''}`);
    }
  };

  // The SHA-256 as the list shows it, in the ready row, once the user opens *Verificar SHA-256*.
  const download = await byRole('button', 'Baixar arquivo');
  await download.evaluate((button) => button.closest('tr')?.querySelector('summary')?.click());
  await tab.waitForFunction(
    () => document.querySelector('account-backup-tab')?.shadowRoot?.querySelector('details[open] code'),
    { timeout: 10_000 },
  );
  const shownSha = await download.evaluate((button) => {
    const row = button.closest('tr');
    const codes = [...(row?.querySelectorAll('code') ?? [])].map((code) => code.textContent.trim());
    return codes.find((text) => /^[0-9a-f]{64}$/.test(text)) ?? null;
  });
  if (!shownSha) fail('the ready row shows no SHA-256 in a <code>');
  if (shownSha !== fileSha) fail(`the list shows SHA-256 ${shownSha}, the file's is ${fileSha}`);
  ok(`the list shows the file's SHA-256 ${shownSha}`);

  await download.click();
  await (await byRole('checkbox', 'Li e aceito os termos de download')).click();
  await (await byRole('button', 'Baixar backup')).click();
  await (await byRole('button', 'Salvar chave .pem')).click();
  await (await byRole('button', 'Salvar known_hosts')).click();

  // The two files, once Chromium has finished writing them (no .crdownload left).
  let saved = [];
  for (let i = 0; i < 100; i++) {
    saved = readdirSync(downloads);
    if (saved.some((f) => f.endsWith('.pem')) && saved.some((f) => f.endsWith('.known_hosts')) && !saved.some((f) => f.endsWith('.crdownload'))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const keyFile = saved.find((f) => f.endsWith('.pem'));
  const knownHosts = saved.find((f) => f.endsWith('.known_hosts'));
  if (!keyFile || !knownHosts) fail(`the window did not save both a .pem and a .known_hosts file (saved: ${saved.join(', ') || 'nothing'})`);
  chmodSync(join(downloads, keyFile), 0o600);
  ok(`saved ${keyFile} (chmod 600) and ${knownHosts}`);

  // The command as displayed: <dt>Comando sftp</dt><dd><code>…</code></dd>.
  const command = await tab.evaluate(`(${deepAll})('dt')
    .filter((dt) => dt.textContent.trim() === 'Comando sftp')
    .map((dt) => dt.nextElementSibling?.querySelector('code')?.textContent ?? null)[0] ?? null`);
  if (typeof command !== 'string') fail('the window shows no "Comando sftp" with a <code> after it');
  ok(`the window shows: ${command}`);
  for (const part of ['-o StrictHostKeyChecking=yes', `-o UserKnownHostsFile=${knownHosts}`, `-P ${port}`, `-i ${keyFile}`, `${USER}@127.0.0.1:${remotePath}`]) {
    if (!command.includes(part)) fail(`the sftp command does not include "${part}"`);
  }
  await browser.close();
  browser = undefined;

  step('running the command exactly as displayed, in the download folder');
  const result = spawnSync('sh', ['-c', command], { cwd: downloads, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  if (result.error || result.status !== 0) {
    fail(
      `the sftp command failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${result.stdout}${result.stderr}\nsshd said:\n${sshdLog()}`,
    );
  }
  const fetched = join(downloads, fileName);
  if (!existsSync(fetched)) fail(`sftp exited 0 but ${fileName} is not in the download folder (${readdirSync(downloads).join(', ')})`);
  const fetchedSha = sha256Of(fetched);
  if (fetchedSha !== shownSha) fail(`the fetched file's SHA-256 is ${fetchedSha}, the list shows ${shownSha}`);
  ok(`sftp fetched ${fileName} with strict host key checking; its SHA-256 is the one the list shows`);
  if (pageErrors.length) fail(`the page threw: ${pageErrors.join('; ')}`);
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(`e2e-sftp: FAIL: ${error instanceof Failure ? error.message : (error?.stack ?? String(error))}`);
} finally {
  clearTimeout(watchdog);
  await cleanUp();
}
console.log(failed ? 'e2e-sftp: failed' : 'e2e-sftp: all checks passed');
process.exit(failed ? 1 : 0);
