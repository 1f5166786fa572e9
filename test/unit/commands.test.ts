/**
 * files/commands.ts: the quoting rules and the command builders (scripts/check-files.mjs runs them in
 * real shells, scripts/e2e-sftp.mjs runs the sftp command against a real sshd). The command as the
 * download window shows it is in test/element/download.test.ts.
 */
import { expect } from '@open-wc/testing';
import { chmodCommand, getFileHashCommand, posixQuote, sftpCommand, sha256sumCommand } from '../../src/files/commands.js';
import type { Command, SftpOptions } from '../../src/files/commands.js';

describe('commands: posixQuote', () => {
  it('leaves plain words alone', () => {
    for (const word of ['backup-2026-11-22-b-5.bak.gz', '/backups/a_b.pem', 'user@host:/p', '600', 'a=b,c+d%e']) expect(posixQuote(word)).to.equal(word);
  });

  it('single-quotes anything a shell would read, and closes, escapes and reopens around a quote', () => {
    expect(posixQuote('my backup.bak')).to.equal("'my backup.bak'");
    expect(posixQuote('$HOME')).to.equal("'$HOME'");
    expect(posixQuote('`id`;*')).to.equal("'`id`;*'");
    expect(posixQuote("it's")).to.equal("'it'\\''s'");
    expect(posixQuote('line\nbreak')).to.equal("'line\nbreak'");
    expect(posixQuote('cópia')).to.equal("'cópia'");
    expect(posixQuote('')).to.equal("''");
  });
});

describe('commands: commands', () => {
  const plain = { port: 2222, keyFile: 'b-5.pem', user: 'bkp_b5', host: 'sftp.example', path: '/backups/b-5.bak', localFile: 'b-5.bak' };
  /** The command, which must not be refused. */
  const sftp = (options: Partial<SftpOptions> = {}): Command => {
    const command = sftpCommand({ ...plain, ...options });
    if (typeof command === 'string') throw new Error(`refused (${command}): ${JSON.stringify(options)}`);
    return command;
  };
  /** What sftp's own command line receives after the shell: the target `user@host:path`. */
  const target = (path: string): string => sftp({ path }).argv.at(-2)!;

  it('sftp: port, key, target and the local file, with the known-hosts options only when a file is given', () => {
    const command = sftp({ path: '/backups/b 5.bak' });
    expect(command.argv).to.deep.equal(['sftp', '-P', '2222', '-i', 'b-5.pem', 'bkp_b5@sftp.example:/backups/b\\ 5.bak', 'b-5.bak']);
    expect(command.display).to.equal("sftp -P 2222 -i b-5.pem 'bkp_b5@sftp.example:/backups/b\\ 5.bak' b-5.bak");
    const strict = sftp({ port: 22, keyFile: 'k.pem', user: 'u', host: 'h', path: '/p', knownHostsFile: 'known_hosts' });
    expect(strict.display).to.equal('sftp -o StrictHostKeyChecking=yes -o UserKnownHostsFile=known_hosts -P 22 -i k.pem u@h:/p b-5.bak');
  });

  it('sftp: brackets an IPv6 host, or its colons would read as the path separator', () => {
    const command = sftp({ port: 22, keyFile: 'k.pem', user: 'u', host: '2001:db8::1', path: '/p', knownHostsFile: 'k.known_hosts' });
    expect(command.argv).to.deep.equal(['sftp', '-o', 'StrictHostKeyChecking=yes', '-o', 'UserKnownHostsFile=k.known_hosts', '-P', '22', '-i', 'k.pem', 'u@[2001:db8::1]:/p', 'b-5.bak']);
    expect(sftp({ host: '::1' }).argv.at(-2)).to.equal('bkp_b5@[::1]:/backups/b-5.bak');
    expect(sftp({ host: '::ffff:192.0.2.1' }).argv.at(-2)).to.equal('bkp_b5@[::ffff:192.0.2.1]:/backups/b-5.bak');
  });

  // sftp does not take the path as it is: it writes `get PATH LOCAL` into a line and splits that line
  // again with its own parser (white space, quotes, backslashes, #), then globs the path (* ? [).
  it("sftp: escapes the path for sftp's own command line and its glob", () => {
    expect(target('/exports/ACME Corp/backup.bak')).to.equal('bkp_b5@sftp.example:/exports/ACME\\ Corp/backup.bak');
    expect(target('/exports/payload .bashrc')).to.equal('bkp_b5@sftp.example:/exports/payload\\ .bashrc');
    expect(target(`/e/it's "x".bak`)).to.equal(`bkp_b5@sftp.example:/e/it\\'s\\ \\"x\\".bak`);
    expect(target('/e/back\\slash.bak')).to.equal('bkp_b5@sftp.example:/e/back\\\\slash.bak');
    expect(target('/e/*.bak')).to.equal('bkp_b5@sftp.example:/e/\\*.bak');
    expect(target('/e/a?[ab].bak')).to.equal('bkp_b5@sftp.example:/e/a\\?\\[ab].bak');
    expect(target('/e/#1.bak')).to.equal('bkp_b5@sftp.example:/e/\\#1.bak');
    // Nothing special to sftp: left alone.
    expect(target('/e/-rf.bak')).to.equal('bkp_b5@sftp.example:/e/-rf.bak');
    expect(target('/e/cópia – ñ 备份.bak')).to.equal('bkp_b5@sftp.example:/e/cópia\\ –\\ ñ\\ 备份.bak');
    expect(target('/e/a:b@c,d=e%f~g{h}].bak')).to.equal('bkp_b5@sftp.example:/e/a:b@c,d=e%f~g{h}].bak');
    expect(target('/e/../f/.bashrc')).to.equal('bkp_b5@sftp.example:/e/../f/.bashrc');
  });

  it('sftp: the local file is the last argument, so what the server names the file never decides where it lands', () => {
    expect(sftp({ path: '/exports/payload .bashrc', localFile: 'payload-.bashrc' }).argv.at(-1)).to.equal('payload-.bashrc');
    expect(sftp({ path: '/exports/.bashrc', localFile: 'bashrc' }).display).to.match(/ bashrc$/);
  });

  it('sftp: refuses, naming the field, what no command can carry safely', () => {
    const refusals: [string, Partial<SftpOptions>][] = [
      // sftp reads an argument that starts with - as its options: -oProxyCommand runs a local command.
      ['username', { user: '-oProxyCommand=touch /tmp/pwned' }],
      ['username', { user: '-v' }],
      ['username', { user: 'a b' }],
      ['username', { user: 'a:b' }],
      ['username', { user: 'a/b' }],
      ['username', { user: 'a\nb' }],
      ['username', { user: '$(id)' }],
      ['username', { user: '' }],
      ['host', { host: '-oProxyCommand=x' }],
      ['host', { host: 'a@b' }],
      ['host', { host: 'a b' }],
      ['host', { host: 'h:22' }],
      ['host', { host: 'h/x' }],
      ['host', { host: 'h\n' }],
      ['host', { host: 'fe80::1%eth0' }],
      ['host', { host: '[::1' }],
      ['host', { host: '[::1]' }],
      ['host', { host: '' }],
      ['port', { port: 0 }],
      ['port', { port: 65536 }],
      ['port', { port: 22.5 }],
      ['port', { port: -22 }],
      ['port', { port: Number.NaN }],
      ['port', { port: '22' as unknown as number }],
      // A relative path is joined to a folder the server names, unquoted: it could say anything.
      ['path', { path: 'backups/b-5.bak' }],
      ['path', { path: '' }],
      // Not a file: a folder, or . and ..
      ['path', { path: '/backups/' }],
      ['path', { path: '/backups/..' }],
      ['path', { path: '/backups/.' }],
      // Control characters, and text direction marks that would make the command read differently.
      ['path', { path: '/backups/line\nbreak.bak' }],
      ['path', { path: '/backups/a\rb.bak' }],
      ['path', { path: '/backups/tab\there.bak' }],
      ['path', { path: '/backups/a\u007fb.bak' }],
      ['path', { path: '/backups/\u202egnp.bak' }],
    ];
    for (const [field, options] of refusals) expect(sftpCommand({ ...plain, ...options }), JSON.stringify(options)).to.equal(field);
  });

  // sftp writes `get -a PATH LOCAL` into 2048 bytes and cuts the rest: a long path would cut the
  // local file off, and sftp would write the file under the name the server gives it.
  it('sftp: refuses a path too long for the 2048 bytes of sftp’s command line, counted in UTF-8', () => {
    // get -a (7) + path + space (1) + local file (7) ≤ 2047
    const fits = `/${'a'.repeat(2031)}`;
    expect(target(fits)).to.have.length('bkp_b5@sftp.example:'.length + 2032);
    expect(sftpCommand({ ...plain, path: `${fits}a` })).to.equal('path');
    expect(sftpCommand({ ...plain, path: `/${'é'.repeat(1016)}` })).to.equal('path');
    expect(sftpCommand({ ...plain, path: `/${'é'.repeat(1015)}a` })).to.not.equal('path');
    expect(sftpCommand({ ...plain, path: `/${' '.repeat(1016)}` })).to.equal('path');
  });

  // Their files are plain names (key-file.ts): never an option, nothing a shell reads.
  it('chmod and sha256sum', () => {
    expect(chmodCommand('b-5.pem').display).to.equal('chmod 600 b-5.pem');
    expect(sha256sumCommand('b-5.bak.gz').argv).to.deep.equal(['sha256sum', 'b-5.bak.gz']);
  });

  it('Get-FileHash: -LiteralPath (no wildcards), and the name in quotes, or PowerShell would read 1e5 or 1kb as a number', () => {
    expect(getFileHashCommand('b-5.bak.gz').display).to.equal("Get-FileHash -LiteralPath 'b-5.bak.gz' -Algorithm SHA256");
    expect(getFileHashCommand('1e5').display).to.equal("Get-FileHash -LiteralPath '1e5' -Algorithm SHA256");
  });
});
