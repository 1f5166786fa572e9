#!/usr/bin/env node
/**
 * The commands of src/files/commands.ts pasted into real POSIX shells give the programs exactly their
 * argv: each display string runs under `sh -c` (and bash, zsh when installed) with the program
 * replaced by `printf '%s\0'`, and what comes back must equal the argv, byte for byte. The backend's
 * file names (in the remote path, and made into the local files' names) carry spaces, quotes, $,
 * backticks, ;, *, newlines, unicode, a leading dash; the local names must need no quoting at all.
 * (Browser tests cannot start a shell, so this runs in Node; CI runs it.) What sftp then does with
 * its `user@host:path` argument (its own parser, its glob) is checked with the real sftp against a
 * real sshd by scripts/e2e-sftp.mjs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const src = fileURLToPath(new URL('../src/files/', import.meta.url));
const { outputFiles } = await build({
  stdin: { contents: "export * from './commands.ts'; export * from './key-file.ts';", resolveDir: src, loader: 'ts' },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
});
const { backupFileName, chmodCommand, keyFileName, posixQuote, sftpCommand, sha256sumCommand } = await import(
  `data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`
);

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
let failures = 0;
let checks = 0;

function check(label, command) {
  const [, ...args] = command.argv;
  const rest = command.display.slice(posixQuote(command.argv[0]).length);
  for (const shell of shells) {
    checks++;
    let received;
    try {
      received = execFileSync(shell, ['-c', `printf '%s\\0'${rest}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\0').slice(0, -1);
    } catch (error) {
      received = `the shell failed: ${String(error.stderr).trim()}`;
    }
    if (JSON.stringify(received) !== JSON.stringify(args)) {
      failures++;
      console.log(`✗ ${shell}: ${label}\n    display  ${JSON.stringify(command.display)}\n    expected ${JSON.stringify(args)}\n    received ${JSON.stringify(received)}`);
    }
  }
}

for (const name of NAMES) {
  // The local files are named after the backup's file name, as the element names them.
  const backup = { id: 'b-5', fileName: name };
  for (const local of [backupFileName(backup), keyFileName(backup)]) {
    checks++;
    if (posixQuote(local) !== local || local.startsWith('-') || local.startsWith('.')) {
      failures++;
      console.log(`✗ the local name ${JSON.stringify(local)} (from ${JSON.stringify(name)}) is not a plain word`);
    }
  }
  check(`sha256sum ${JSON.stringify(name)}`, sha256sumCommand(backupFileName(backup)));
  check(`chmod ${JSON.stringify(name)}`, chmodCommand(keyFileName(backup)));
  const sftp = sftpCommand({ port: 2222, keyFile: keyFileName(backup), user: 'bkp_b5', host: 'sftp.example', path: `/backups/${name}`, localFile: backupFileName(backup) });
  if (typeof sftp === 'object') check(`sftp ${JSON.stringify(name)}`, sftp);
  // Refused: a path that is a folder, or holds a control character (the window says so instead).
  else if (!(sftp === 'path' && (name === '' || /\p{Cc}/u.test(name)))) {
    failures++;
    console.log(`✗ sftp ${JSON.stringify(name)}: refused (${sftp})`);
  }
}
// No argument is ever split or joined: each quoted word is exactly one word.
check('several at once', { argv: ['x', ...NAMES], display: ['x', ...NAMES].map(posixQuote).join(' ') });

console.log(`${checks - failures} of ${checks} checks passed: round trips through ${shells.join(', ')} gave the argv back unchanged; the local files' names are plain words`);
process.exitCode = failures ? 1 : 0;
