#!/usr/bin/env node
// `npm run check:key`: the .pem file the element saves is accepted by OpenSSH.
// The element's own normaliser (src/files/key-file.ts) and the mock backend's key (mocks/test-key.ts, served
// with CRLF and no final newline) are bundled by esbuild into a temporary module and imported, so
// nothing is duplicated here. Each variant is written with mode 600 and read back by
// `ssh-keygen -y -f <file>`, which prints the public key only if it accepts the private key file.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(join(tmpdir(), 'check-key-file-'));
const fail = (message) => {
  console.error(`check-key-file: ${message}`);
  process.exitCode = 1;
};

try {
  const modulePath = join(tmp, 'key-file-under-test.mjs');
  await esbuild.build({
    stdin: {
      contents: "export * from './src/files/key-file.ts';\nexport * as mock from './mocks/test-key.ts';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'check-key-file-entry.ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(root, 'tsconfig.json'),
    outfile: modulePath,
    logLevel: 'error',
  });
  const { keyFileText, keyFileName, mock } = await import(pathToFileURL(modulePath).href);

  if (typeof keyFileText !== 'function') throw new Error('src/files/key-file.ts no longer exports keyFileText(privateKey)');
  // What the mock serves; fall back to any exported PEM text if the export is renamed.
  const served =
    typeof mock.servedPrivateKey === 'function'
      ? mock.servedPrivateKey()
      : Object.values(mock).find((v) => typeof v === 'string' && v.includes('PRIVATE KEY-----'));
  if (typeof served !== 'string') throw new Error('mocks/test-key.ts exports no servedPrivateKey() or PEM text');
  if (!served.includes('\r\n') || served.endsWith('\n')) {
    console.warn('check-key-file: note: the mock no longer serves CRLF without a final newline; the normaliser is less exercised');
  }
  const lf = served.replace(/\r\n?/g, '\n');

  // The served key, plus the other ways servers and proxies are known to mangle it.
  const variants = {
    'as the mock serves it (CRLF, no final newline)': served,
    'LF with a final newline': lf.trimEnd() + '\n',
    'CR only': lf.replace(/\n/g, '\r'),
    'surrounded by blank lines and spaces': `\r\n  \r\n${served}\r\n\r\n  `,
  };

  const expectedPublic = typeof mock.TEST_PUBLIC_KEY === 'string' ? mock.TEST_PUBLIC_KEY.split(' ').slice(0, 2).join(' ') : null;
  const fileName = typeof keyFileName === 'function' ? keyFileName({ id: 'check', fileName: 'backup-check.tar.gz' }) : 'backup.pem';

  let i = 0;
  for (const [label, input] of Object.entries(variants)) {
    const text = keyFileText(input);
    if (/\r/.test(text)) fail(`${label}: the normalised file still contains CR characters`);
    if (!text.endsWith('\n') || text.endsWith('\n\n')) fail(`${label}: the normalised file must end with exactly one newline`);
    if (!text.startsWith('-----BEGIN ')) fail(`${label}: the normalised file must start with the PEM header`);

    const file = join(tmp, `${i++}-${fileName}`);
    writeFileSync(file, text, { mode: 0o600 });
    chmodSync(file, 0o600); // whatever the umask did; ssh-keygen refuses keys others can read
    const result = spawnSync('ssh-keygen', ['-y', '-P', '', '-f', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    if (result.error) throw new Error(`cannot run ssh-keygen (${result.error.message}); install openssh-client`);
    if (result.status !== 0) {
      fail(`${label}: OpenSSH rejected the key file (ssh-keygen -y exit ${result.status}): ${result.stderr.trim()}`);
      continue;
    }
    const publicKey = result.stdout.trim().split(' ').slice(0, 2).join(' ');
    if (expectedPublic && publicKey !== expectedPublic) fail(`${label}: ssh-keygen derived ${publicKey}, expected ${expectedPublic}`);
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (!process.exitCode) console.log('ok');
