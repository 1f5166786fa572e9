#!/usr/bin/env node
/* global document */ // the callbacks passed to evaluate and waitForFunction run in the page
// A real SFTP download, end to end (issue 13 item 7). OpenSSH's sshd runs on 127.0.0.1 with its own
// config, its own freshly made host key and a test user whose authorized key is the mock's test key
// (mocks/test-key.ts). A contract server (scripts/lib/contract-server.mjs: the mock backend, v1.1)
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
// Before that, the paths an adversarial backend could send (issue 18): sftp does not take the remote
// path as it is, it writes `get PATH LOCAL` into a 2048-byte line and splits that line again with its
// own parser, then globs the path. For each path, the command is built by the element's own code
// (src/files/commands.ts, src/files/key-file.ts, src/files/known-hosts.ts, loaded by jiti) and run as displayed,
// with `sh -c`, in a fresh folder that holds only the key and the known_hosts file. Exactly one file
// must appear there, under the name the window shows, with the remote file's SHA-256; or the window
// must refuse the command. The drop-in's window is then driven once with such a path too.
//
// Needs root (useradd, sshd), openssh-server and openssh-client; run after `npm run build`:
//   node scripts/e2e-sftp.mjs
// Every step is bounded; the whole run gives up after E2E_SFTP_TIMEOUT_S (default 120) seconds.
// sshd is stopped by its PID on every way out.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createJiti } from 'jiti';
import puppeteer from 'puppeteer-core';
import { byLabel, chromiumLaunchOptions } from './lib/chromium.mjs';
import { loadMockBackend, startContractServer } from './lib/contract-server.mjs';

const USER = 'abt-e2e-sftp';
const SSHD = '/usr/sbin/sshd';
const TIMEOUT_MS = Number(process.env.E2E_SFTP_TIMEOUT_S || 120) * 1000;
const BUNDLE = 'dist/account-backup-tab.bundled.js';
/** The element's own TypeScript modules, loaded as they are. */
const jiti = createJiti(import.meta.url);

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

/**
 * The remote files of the adversarial run: name (relative to the run's remote folder) and what the
 * command must do with it. Each file gets its own content; decoys are files that a path split on
 * white space, or read as a glob, would fetch instead.
 */
const TRICKY = [
  ['ACME Corp/backup.bak', 'fetch'],
  ['payload .bashrc', 'fetch'],
  ["it's.bak", 'fetch'],
  ['say "hi".bak', 'fetch'],
  [`both '" q.bak`, 'fetch'],
  ['back\\slash.bak', 'fetch'],
  ['x\\*y.bak', 'fetch'],
  ['*.bak', 'fetch'],
  ['a?.bak', 'fetch'],
  ['[ab].bak', 'fetch'],
  ['-rf.bak', 'fetch'],
  ['-oProxyCommand=x.bak', 'fetch'],
  ['cópia – ñandú 备份 💾.bak', 'fetch'],
  ['#hash.bak', 'fetch'],
  ['$HOME `id` $(id) ;&|<>.bak', 'fetch'],
  ['a:b@c.bak', 'fetch'],
  ['~user.bak', 'fetch'],
  ['.bashrc', 'fetch'],
  ['...', 'fetch'],
  ['..bak', 'fetch'],
  ['sub/../payload .bashrc', 'fetch'],
  ['line\nbreak.bak', 'refuse'],
  ['cr\rhere.bak', 'refuse'],
  ['tab\there.bak', 'refuse'],
  ['sub/..', 'refuse'],
  ['sub/', 'refuse'],
];
/** Files that must never be what a command fetches. */
const DECOYS = ['payload', 'ACME', 'it', 'say', 'a.bak', 'b.bak', 'ax.bak', 'line', 'x\\y.bak', 'sub/keep.bak'];

/** Every tricky path through the element's own command builder, run as displayed against the real sshd. */
async function checkTrickyPaths({ port, files, work, hostPublicKey, ipv6 }) {
  const lib = Object.assign(
    {},
    ...(await Promise.all(['../src/files/commands.ts', '../src/files/key-file.ts', '../src/files/known-hosts.ts', '../mocks/test-key.ts'].map((m) => jiti.import(m)))),
  );
  const remote = join(files, 'tricky');
  const made = new Map();
  const put = (name, content) => {
    const path = join(remote, name);
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
    writeFileSync(path, content, { mode: 0o644 });
    made.set(path, createHash('sha256').update(content).digest('hex'));
  };
  mkdirSync(join(remote, 'sub'), { recursive: true, mode: 0o755 });
  for (const name of DECOYS) put(name, `decoy ${name} ${randomBytes(8).toString('hex')}\n`);
  for (const [name, expected] of TRICKY) if (expected === 'fetch' && !name.includes('/..')) put(name, `${name} ${randomBytes(16).toString('hex')}\n`);
  // The longest path the window allows (sftp's line: `get -a PATH LOCAL` in 2047 bytes) and one byte more.
  const local = 'long.bak';
  const room = 2047 - 'get -a  '.length - local.length - remote.length - '/long/'.length - '/.bashrc'.length;
  const segments = Math.ceil(room / 200);
  const deep = Array.from({ length: segments }, (_, i) => 'd'.repeat(i < segments - 1 ? 199 : room - 200 * (segments - 1)));
  const longest = `long/${deep.join('/')}/.bashrc`;
  put(longest, `longest ${randomBytes(16).toString('hex')}\n`);
  put(`long/${deep.join('/')}x/.bashrc`, `one byte too long ${randomBytes(16).toString('hex')}\n`);
  spawnSync('chmod', ['-R', 'a+rX', remote]);

  const cases = [
    ...TRICKY.map(([name, expected]) => ({ path: `${remote}/${name}`, expected })),
    { path: `${remote}/${longest}`, expected: 'fetch', fileName: local, label: `the longest path allowed (${remote.length + 1 + longest.length} bytes)` },
    { path: `${remote}/long/${deep.join('/')}x/.bashrc`, expected: 'refuse', fileName: local, label: 'a path one byte too long' },
    // The backend's other values: what would make sftp run a local command or talk to another host.
    { path: `${remote}/a.bak`, user: '-oProxyCommand=touch pwned', expected: 'refuse', label: 'user -oProxyCommand=touch pwned' },
    { path: `${remote}/a.bak`, host: '-oProxyCommand=touch pwned', expected: 'refuse', label: 'host -oProxyCommand=touch pwned' },
    { path: `${remote}/a.bak`, host: '127.0.0.1 -oProxyCommand=touch', expected: 'refuse', label: 'host with a space' },
    { path: `${remote}/a.bak`, port: 0, expected: 'refuse', label: 'port 0' },
    { path: `${remote}/a.bak`, port: port + 0.5, expected: 'refuse', label: `port ${port + 0.5}` },
    { path: 'tricky/a.bak', expected: 'refuse', label: 'a relative path' },
    ...(ipv6 ? [{ path: `${remote}/payload .bashrc`, host: '::1', expected: 'fetch', label: 'payload .bashrc over IPv6 (::1)' }] : []),
  ];
  const hostKeys = [{ type: hostPublicKey.split(' ')[0], fingerprint: 'unused', publicKey: hostPublicKey }];
  let n = 0;
  /** One case: refused as expected, or run in a fresh folder that must then hold exactly the one file. */
  const check = ({ path, expected, label, user = USER, host = '127.0.0.1', port: givenPort = port, fileName = path.split('/').pop() }) => {
    const backup = { id: `b-${++n}`, fileName };
    const keyFile = lib.keyFileName(backup);
    const knownHostsFile = lib.knownHostsFileName(backup);
    const localFile = lib.backupFileName(backup);
    const command = lib.sftpCommand({ port: givenPort, keyFile, user, host, path, localFile, knownHostsFile });
    if (typeof command === 'string') {
      if (expected !== 'refuse') fail(`${label}: the window refuses the command (${command}), but sftp can fetch that file`);
      return `refused (${command})`;
    }
    if (expected === 'refuse') fail(`${label}: the window shows a command it must refuse: ${command.display}`);
    // A fresh folder, as a user's: the key (chmod 600) and the known_hosts file, nothing else.
    const dir = mkdtempSync(join(work, 'run-'));
    writeFileSync(join(dir, keyFile), lib.keyFileText(lib.TEST_PRIVATE_KEY), { mode: 0o600 });
    writeFileSync(join(dir, knownHostsFile), lib.knownHostsText(host, givenPort, hostKeys));
    const before = new Map(readdirSync(dir).map((f) => [f, sha256Of(join(dir, f))]));
    // The longest path also with -a, as the window's resume hint says to run it (3 bytes more in sftp's line).
    const variants = path.includes('/long/') ? [command.display, command.display.replace(/^sftp /, 'sftp -a ')] : [command.display];
    for (const display of variants) {
      rmSync(join(dir, localFile), { force: true });
      const result = spawnSync('sh', ['-c', display], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
      const appeared = readdirSync(dir).filter((f) => !before.has(f));
      const what = `${label}${display === command.display ? '' : ' (with -a)'}\n    command: ${display}\n    sftp said: ${`${result.stdout}${result.stderr}`.trim().replace(/\n/g, ' / ')}`;
      if (result.error || result.status !== 0) fail(`${what}\n    the command failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
      if (appeared.length !== 1 || appeared[0] !== localFile) fail(`${what}\n    expected exactly one new file, ${JSON.stringify(localFile)}; the folder got ${JSON.stringify(appeared)}`);
      if (sha256Of(join(dir, localFile)) !== made.get(path.replace(/\/sub\/\.\./, ''))) fail(`${what}\n    ${localFile} is not the remote file (SHA-256 differs)`);
      for (const [f, sha] of before) if (sha256Of(join(dir, f)) !== sha) fail(`${what}\n    ${f} was changed`);
    }
    rmSync(dir, { recursive: true, force: true });
    return `exactly one file, ${localFile}, with the remote file's SHA-256${variants.length > 1 ? ' (also with -a)' : ''}`;
  };
  const failures = [];
  for (const c of cases) {
    const label = c.label ?? JSON.stringify(c.path.slice(remote.length + 1));
    try {
      ok(`${label}: ${check({ ...c, label })}`);
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      console.log(`FAIL ${error.message}`);
      failures.push(label);
    }
  }
  if (!ipv6) console.log('note the IPv6 case was skipped: sshd does not listen on ::1 on this machine');
  return failures.length ? `${failures.length} of ${cases.length} remote paths or values failed: ${failures.join(', ')}` : null;
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
  // A name a backend could send: split on white space or read as quotes, it would fetch the decoy
  // `ACME` into `./Corp's` (issue 18).
  const fileName = `ACME Corp's "backup" ${Date.now()}.bak.gz`;
  const remotePath = join(files, fileName);
  writeFileSync(join(files, 'ACME'), 'decoy\n', { mode: 0o644 });
  writeFileSync(remotePath, randomBytes(3 * 1024 * 1024 + 17));
  chmodSync(remotePath, 0o644);
  const fileSha = sha256Of(remotePath);

  const hostKey = join(work, 'ssh_host_ed25519_key');
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e-sftp host key (this run only)', '-f', hostKey], { what: 'ssh-keygen (host key)' });
  const hostPublicKey = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const hostFingerprint = run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`], { what: 'ssh-keygen -lf' }).split(' ')[1];

  // The user's key is the mock's test key pair: the mock backend hands out its private half.
  const { TEST_PUBLIC_KEY } = await jiti.import('../mocks/test-key.ts');
  const authorizedKeys = join(work, 'authorized_keys');
  writeFileSync(authorizedKeys, `${TEST_PUBLIC_KEY}\n`, { mode: 0o644 });

  ensureUser(home);
  const port = await freePort();
  const config = join(work, 'sshd_config');
  writeFileSync(
    config,
    [
      'ListenAddress 127.0.0.1',
      // For the IPv6 case, when the machine has ::1 (sshd goes on without it).
      'ListenAddress ::1',
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

  step('the paths an adversarial backend could send, each command run as the window would show it');
  const ipv6 = await new Promise((resolve) => {
    const socket = connect({ host: '::1', port }, () => resolve(socket.end() && true)).once('error', () => resolve(false));
  });
  // Reported at the end, after the run through the drop-in.
  const trickyFailed = await checkTrickyPaths({ port, files, work, hostPublicKey, ipv6 });

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
      return await byLabel(tab, role, name);
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
  const rowCodes = await download.evaluate((button) => [...(button.closest('tr')?.querySelectorAll('code') ?? [])].map((code) => code.textContent.trim()));
  const shownSha = rowCodes.find((text) => /^[0-9a-f]{64}$/.test(text)) ?? null;
  const sha256sum = rowCodes.find((text) => text.startsWith('sha256sum ')) ?? null;
  if (!sha256sum) fail('the ready row shows no sha256sum command');
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
  // The local file, as the window names it: <dt>Arquivo local</dt><dd><code>…</code></dd>.
  const localFile = await tab.evaluate(`(${deepAll})('dt')
    .filter((dt) => dt.textContent.trim() === 'Arquivo local')
    .map((dt) => dt.nextElementSibling?.querySelector('code')?.textContent ?? null)[0] ?? null`);
  if (typeof localFile !== 'string' || !/^\w[\w.-]*$/.test(localFile)) fail(`the window shows no plain "Arquivo local" name (${localFile})`);
  ok(`the window names the local file: ${localFile}`);
  for (const part of ['-o StrictHostKeyChecking=yes', `-o UserKnownHostsFile=${knownHosts}`, `-P ${port}`, `-i ${keyFile}`, `${USER}@127.0.0.1:`]) {
    if (!command.includes(part)) fail(`the sftp command does not include "${part}"`);
  }
  if (!command.endsWith(` ${localFile}`)) fail(`the sftp command does not end with the local file ${localFile}`);
  await browser.close();
  browser = undefined;

  step('running the command exactly as displayed, in the download folder');
  const before = readdirSync(downloads);
  const result = spawnSync('sh', ['-c', command], { cwd: downloads, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  if (result.error || result.status !== 0) {
    fail(
      `the sftp command failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${result.stdout}${result.stderr}\nsshd said:\n${sshdLog()}`,
    );
  }
  const appeared = readdirSync(downloads).filter((f) => !before.includes(f));
  if (appeared.length !== 1 || appeared[0] !== localFile) fail(`sftp exited 0; expected exactly one new file, ${localFile}, in the download folder, which got ${JSON.stringify(appeared)}`);
  const fetchedSha = sha256Of(join(downloads, localFile));
  if (fetchedSha !== shownSha) fail(`the fetched file's SHA-256 is ${fetchedSha}, the list shows ${shownSha}`);
  ok(`sftp fetched exactly one file, ${localFile}, with strict host key checking; its SHA-256 is the one the list shows`);
  // The list's own check, as displayed, reads that same file.
  const check = spawnSync('sh', ['-c', sha256sum], { cwd: downloads, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  if (check.status !== 0 || check.stdout.split(' ')[0] !== shownSha) fail(`the list's command \`${sha256sum}\` does not print the SHA-256 the list shows: ${check.stdout}${check.stderr}`);
  ok(`the list's \`${sha256sum}\` prints that SHA-256`);
  if (pageErrors.length) fail(`the page threw: ${pageErrors.join('; ')}`);
  if (trickyFailed) fail(trickyFailed);
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
