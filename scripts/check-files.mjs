#!/usr/bin/env node
// What the download window hands a user (src/files/), read by the real tools (browser tests cannot
// start them, so this runs in Node; CI runs it):
//   key file     ssh-keygen -y accepts the saved .pem (mode 600), as the mock serves the key (CRLF,
//                no final newline) and as servers and proxies mangle it, and derives its public key;
//   known_hosts  for the mock's v1.1 download answer, ssh-keygen -lf prints the fingerprint the
//                answer carries, ssh-keygen -F '[host]:port' finds the host (another port does not),
//                port 22 needs no brackets, and a second, fresh key is found too;
//   commands     each command of src/files/commands.ts, pasted into sh, bash, dash and zsh (those
//                installed) with the program replaced by `printf '%s\0'`, gives back exactly its
//                argv, for backend file names with spaces, quotes, $, backticks, ;, *, newlines,
//                unicode, a leading dash; the local files' names need no quoting at all.
// The element's modules and the mock backend are the very TypeScript files (jiti loads them), so
// nothing is restated here. What sftp itself does with its argument, against a real sshd:
// scripts/e2e-sftp.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const { keyFileName, keyFileText, backupFileName } = await jiti.import('../src/files/key-file.ts');
const { knownHostsFileName, knownHostsText, hasPublicKeys } = await jiti.import('../src/files/known-hosts.ts');
const { chmodCommand, posixQuote, sftpCommand, sha256sumCommand } = await jiti.import('../src/files/commands.ts');
const { servedPrivateKey, TEST_PUBLIC_KEY } = await jiti.import('../mocks/test-key.ts');
const { MockBackend } = await jiti.import('../mocks/backend.ts');

const tmp = mkdtempSync(join(tmpdir(), 'check-files-'));
const counts = { checks: 0, failures: 0 };
/** One check: failures are printed at once, passes counted for the section's line. */
function check(ok, what) {
  counts.checks++;
  if (!ok) {
    counts.failures++;
    console.log(`✗ ${what}`);
  }
}
function section(name, run) {
  const before = { ...counts };
  try {
    run();
  } catch (error) {
    check(false, `${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const failed = counts.failures - before.failures;
  console.log(`${failed ? 'FAIL' : 'ok  '} ${name}: ${counts.checks - before.checks - failed} of ${counts.checks - before.checks} checks passed`);
}
const sshKeygen = (...args) => {
  const result = spawnSync('ssh-keygen', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  if (result.error) throw new Error(`cannot run ssh-keygen (${result.error.message}); install openssh-client`);
  return result;
};
const firstTwoWords = (text) => text.trim().split(' ').slice(0, 2).join(' ');

section('key file: ssh-keygen -y accepts the saved .pem', () => {
  const served = servedPrivateKey();
  const lf = served.replace(/\r\n?/g, '\n');
  const variants = {
    'as the mock serves it (CRLF, no final newline)': served,
    'LF with a final newline': `${lf.trimEnd()}\n`,
    'CR only': lf.replace(/\n/g, '\r'),
    'surrounded by blank lines and spaces': `\r\n  \r\n${served}\r\n\r\n  `,
  };
  let i = 0;
  for (const [label, input] of Object.entries(variants)) {
    const text = keyFileText(input);
    check(!/\r/.test(text) && text.endsWith('\n') && !text.endsWith('\n\n') && text.startsWith('-----BEGIN '), `${label}: LF only, the PEM header first, exactly one final newline`);
    const file = join(tmp, `${i++}-${keyFileName({ id: 'check', fileName: 'backup-check.tar.gz' })}`);
    writeFileSync(file, text, { mode: 0o600 });
    chmodSync(file, 0o600); // whatever the umask did: ssh-keygen refuses a key others can read
    const result = sshKeygen('-y', '-P', '', '-f', file);
    check(result.status === 0, `${label}: ssh-keygen -y exit ${result.status}: ${result.stderr.trim()}`);
    if (result.status === 0) check(firstTwoWords(result.stdout) === firstTwoWords(TEST_PUBLIC_KEY), `${label}: ssh-keygen derived ${firstTwoWords(result.stdout)}`);
  }
});

section("known_hosts: ssh-keygen -lf and -F read the saved file and the answer's fingerprints", () => {
  const backend = new MockBackend('v1.1');
  const ready = backend.backups.find((b) => b.status === 'ready');
  const answer = backend.handle({ method: 'POST', path: `/backups/${ready.id}/download`, headers: {}, body: { termsAccepted: true } });
  if (answer.status !== 200) throw new Error(`the mock's v1.1 download answered ${answer.status}`);
  const { host, port, hostKeys } = answer.body;
  check(Array.isArray(hostKeys) && hostKeys.length > 0 && hasPublicKeys(hostKeys), `the v1.1 download answer has host keys with a publicKey (${hostKeys?.length})`);
  for (const [i, key] of hostKeys.entries()) {
    const pub = join(tmp, `host-key-${i}.pub`);
    writeFileSync(pub, `${key.publicKey}\n`);
    const printed = sshKeygen('-l', '-E', 'sha256', '-f', pub).stdout.split(' ')[1];
    check(printed === key.fingerprint, `ssh-keygen -lf prints ${printed}, the answer says ${key.fingerprint}`);
  }
  /** The saved file for that host and port, and what ssh-keygen -F finds in it for `name`. */
  const find = (fileHost, filePort, keys, name) => {
    const file = join(tmp, `${fileHost}-${filePort}-${keys.length}.known_hosts`);
    const text = knownHostsText(fileHost, filePort, keys);
    writeFileSync(file, text);
    check(text.endsWith('\n') && !text.includes('\r'), `${fileHost}:${filePort}: LF endings and a final newline`);
    return sshKeygen('-F', name, '-f', file);
  };
  check(knownHostsFileName(ready).endsWith('.known_hosts'), `the file is named ${knownHostsFileName(ready)}`);
  const found = find(host, port, hostKeys, `[${host}]:${port}`);
  check(found.status === 0 && found.stdout.includes(hostKeys[0].publicKey), `ssh-keygen -F '[${host}]:${port}' finds the host (exit ${found.status})`);
  const other = find(host, port, hostKeys, `[${host}]:${port + 1}`);
  check(other.status !== 0, `ssh-keygen -F for another port finds nothing (exit ${other.status})`);
  const bare = find('127.0.0.1', 22, hostKeys, '127.0.0.1');
  check(bare.status === 0 && bare.stdout.includes(hostKeys[0].publicKey), `on port 22, ssh-keygen -F 127.0.0.1 finds the host (exit ${bare.status})`);
  const fresh = join(tmp, 'fresh');
  sshKeygen('-q', '-t', 'ecdsa', '-N', '', '-C', 'check-files', '-f', fresh);
  const freshPub = readFileSync(`${fresh}.pub`, 'utf8').trim();
  const second = find('sftp.example.com', 2222, [...hostKeys, { type: 'ecdsa-sha2-nistp256', fingerprint: 'x', publicKey: freshPub }], '[sftp.example.com]:2222');
  check(second.status === 0 && second.stdout.includes(freshPub.split(' ')[1]), 'a second key (a fresh ecdsa one) is found too');
});

const NAMES = [
  'backup-2026-11-22-b-5.bak.gz',
  'my backup.bak',
  "it's here.bak",
  'say "hi".bak',
  '$HOME.bak',
  '${PATH}.bak',
  '`id`.bak',
  '$(id).bak',
  'a;rm -rf x.bak',
  '*.bak',
  '?[ab].bak',
  'line\nbreak.bak',
  'tab\there.bak',
  'cópia de segurança – ñandú 备份 💾.bak',
  '-rf.pem',
  'back\\slash.bak',
  "'",
  "''\"'\"",
  '~user.bak',
  '#comment.bak',
  'a&b|c<d>e.bak',
  '!history.bak',
  '{a,b}.bak',
  '',
];
const shells = ['/bin/sh', '/bin/bash', '/bin/zsh', '/bin/dash'].filter((shell) => existsSync(shell));

section(`commands: the argv back, unchanged, through ${shells.join(', ')}`, () => {
  /** The display string, program replaced by printf, run by each shell: the words it gets. */
  const roundTrip = (label, command) => {
    const [, ...args] = command.argv;
    const rest = command.display.slice(posixQuote(command.argv[0]).length);
    for (const shell of shells) {
      let received;
      try {
        received = execFileSync(shell, ['-c', `printf '%s\\0'${rest}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\0').slice(0, -1);
      } catch (error) {
        received = `the shell failed: ${String(error.stderr).trim()}`;
      }
      check(JSON.stringify(received) === JSON.stringify(args), `${shell}: ${label}\n    display  ${JSON.stringify(command.display)}\n    expected ${JSON.stringify(args)}\n    received ${JSON.stringify(received)}`);
    }
  };
  for (const name of NAMES) {
    // The local files are named after the backup's file name, as the element names them.
    const backup = { id: 'b-5', fileName: name };
    for (const local of [backupFileName(backup), keyFileName(backup)]) {
      check(posixQuote(local) === local && !local.startsWith('-') && !local.startsWith('.'), `the local name ${JSON.stringify(local)} (from ${JSON.stringify(name)}) is a plain word`);
    }
    roundTrip(`sha256sum ${JSON.stringify(name)}`, sha256sumCommand(backupFileName(backup)));
    roundTrip(`chmod ${JSON.stringify(name)}`, chmodCommand(keyFileName(backup)));
    const sftp = sftpCommand({ port: 2222, keyFile: keyFileName(backup), user: 'bkp_b5', host: 'sftp.example', path: `/backups/${name}`, localFile: backupFileName(backup) });
    if (typeof sftp === 'object') roundTrip(`sftp ${JSON.stringify(name)}`, sftp);
    // Refused: a path that is a folder, or holds a control character (the window says so instead).
    else check(sftp === 'path' && (name === '' || /\p{Cc}/u.test(name)), `sftp ${JSON.stringify(name)}: refused (${sftp})`);
  }
  // No argument is ever split or joined: each quoted word is exactly one word.
  roundTrip('several at once', { argv: ['x', ...NAMES], display: ['x', ...NAMES].map(posixQuote).join(' ') });
});

rmSync(tmp, { recursive: true, force: true });
console.log(counts.failures ? `check-files: ${counts.failures} of ${counts.checks} checks failed` : `check-files: all ${counts.checks} checks passed`);
process.exitCode = counts.failures ? 1 : 0;
