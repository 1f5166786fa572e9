#!/usr/bin/env node
// `npm run check:known-hosts`: the known_hosts file the element offers (contract v1.1's hostKeys)
// is one OpenSSH reads, and the mock's host key fingerprint is the one OpenSSH computes.
// src/files/known-hosts.ts and the mock backend are bundled by esbuild into a temporary module, as
// check-key-file.mjs does, so nothing is restated here. For the mock's v1.1 download answer:
//   - ssh-keygen -lf <public key> prints the fingerprint the answer carries;
//   - ssh-keygen -F '[host]:port' -f <file> finds the host (and -F for another port does not);
//   - on port 22 the line has no brackets, and ssh-keygen -F host finds it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(join(tmpdir(), 'check-known-hosts-'));
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};
const sshKeygen = (...args) => {
  const result = spawnSync('ssh-keygen', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  if (result.error) throw new Error(`cannot run ssh-keygen (${result.error.message}); install openssh-client`);
  return result;
};

try {
  const modulePath = join(tmp, 'known-hosts-under-test.mjs');
  await esbuild.build({
    stdin: {
      contents: "export * from './src/files/known-hosts.ts';\nexport { MockBackend } from './mocks/backend.ts';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'check-known-hosts-entry.ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(root, 'tsconfig.json'),
    outfile: modulePath,
    logLevel: 'error',
  });
  const { knownHostsText, knownHostsFileName, hasPublicKeys, MockBackend } = await import(pathToFileURL(modulePath).href);

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
    check(printed === key.fingerprint, `ssh-keygen -lf prints the answer's fingerprint ${key.fingerprint} (${printed})`);
  }

  const file = join(tmp, knownHostsFileName(ready));
  const text = knownHostsText(host, port, hostKeys);
  writeFileSync(file, text);
  check(file.endsWith('.known_hosts') && text.endsWith('\n') && !text.includes('\r'), `${knownHostsFileName(ready)}: LF endings and a final newline`);

  const name = `[${host}]:${port}`;
  const found = sshKeygen('-F', name, '-f', file);
  check(found.status === 0 && found.stdout.includes(hostKeys[0].publicKey), `ssh-keygen -F '${name}' -f ${knownHostsFileName(ready)} finds the host (exit ${found.status})`);
  const other = sshKeygen('-F', `[${host}]:${port + 1}`, '-f', file);
  check(other.status !== 0, `ssh-keygen -F for another port finds nothing (exit ${other.status})`);

  // Port 22: the bare host name.
  const file22 = join(tmp, 'port-22.known_hosts');
  writeFileSync(file22, knownHostsText('127.0.0.1', 22, hostKeys));
  const found22 = sshKeygen('-F', '127.0.0.1', '-f', file22);
  check(found22.status === 0 && found22.stdout.includes(hostKeys[0].publicKey), `on port 22, ssh-keygen -F 127.0.0.1 finds the host (exit ${found22.status})`);

  // A freshly made key of another type, through the same file.
  const fresh = join(tmp, 'fresh');
  sshKeygen('-q', '-t', 'ecdsa', '-N', '', '-C', 'check-known-hosts', '-f', fresh);
  const freshPub = readFileSync(`${fresh}.pub`, 'utf8').trim();
  const fileFresh = join(tmp, 'fresh.known_hosts');
  writeFileSync(fileFresh, knownHostsText('sftp.example.com', 2222, [...hostKeys, { type: 'ecdsa-sha2-nistp256', fingerprint: 'x', publicKey: freshPub }]));
  const foundFresh = sshKeygen('-F', '[sftp.example.com]:2222', '-f', fileFresh);
  check(foundFresh.status === 0 && foundFresh.stdout.includes(freshPub.split(' ')[1]), 'a second key (a fresh ecdsa one) is found too');
} catch (error) {
  check(false, error instanceof Error ? error.message : String(error));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

console.log(failures ? `check-known-hosts: ${failures} check(s) failed` : 'check-known-hosts: ok');
process.exit(failures ? 1 : 0);
