/** The quoting rules and the command builders (scripts/check-shell-quote.mjs runs them in real shells). */
import { expect } from '@open-wc/testing';
import { chmodCommand, getFileHashCommand, posixQuote, powershellQuote, sftpCommand, sha256sumCommand } from '../src/shell-quote.js';

describe('shell-quote: posixQuote', () => {
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

describe('shell-quote: powershellQuote', () => {
  it('leaves plain words alone but quotes a leading dash (it would name a parameter)', () => {
    expect(powershellQuote('backup-2026.bak.gz')).to.equal('backup-2026.bak.gz');
    expect(powershellQuote('C:\\Users\\ana\\b.bak')).to.equal('C:\\Users\\ana\\b.bak');
    expect(powershellQuote('-rf.bak')).to.equal("'-rf.bak'");
  });

  it('doubles every quote PowerShell ends a single-quoted string at, typographic ones included', () => {
    expect(powershellQuote("it's")).to.equal("'it''s'");
    expect(powershellQuote('it\u2019s \u2018a\u2019 \u201Ab\u201B')).to.equal("'it\u2019\u2019s \u2018\u2018a\u2019\u2019 \u201A\u201Ab\u201B\u201B'");
    expect(powershellQuote('$env:PATH `n (x) @y')).to.equal("'$env:PATH `n (x) @y'");
    expect(powershellQuote('"dq"')).to.equal("'\"dq\"'");
  });
});

describe('shell-quote: commands', () => {
  it('sftp: port, key and target, with the known-hosts options only when a file is given', () => {
    const plain = sftpCommand({ port: 2222, keyFile: 'b-5.pem', user: 'bkp_b5', host: 'sftp.example', path: '/backups/b 5.bak' });
    expect(plain.argv).to.deep.equal(['sftp', '-P', '2222', '-i', 'b-5.pem', 'bkp_b5@sftp.example:/backups/b 5.bak']);
    expect(plain.display).to.equal("sftp -P 2222 -i b-5.pem 'bkp_b5@sftp.example:/backups/b 5.bak'");
    const strict = sftpCommand({ port: 22, keyFile: 'k.pem', user: 'u', host: 'h', path: '/p', knownHostsFile: 'known_hosts' });
    expect(strict.display).to.equal('sftp -o StrictHostKeyChecking=yes -o UserKnownHostsFile=known_hosts -P 22 -i k.pem u@h:/p');
  });

  it('sftp: brackets an IPv6 host, keeps ssh from expanding % tokens, double-quotes a known-hosts path with spaces', () => {
    const command = sftpCommand({ port: 22, keyFile: '100%.pem', user: 'u', host: '2001:db8::1', path: '/p', knownHostsFile: 'my hosts' });
    expect(command.argv).to.deep.equal(['sftp', '-o', 'StrictHostKeyChecking=yes', '-o', 'UserKnownHostsFile="my hosts"', '-P', '22', '-i', '100%%.pem', 'u@[2001:db8::1]:/p']);
  });

  it('chmod and sha256sum: a leading dash cannot pass for an option', () => {
    expect(chmodCommand('b-5.pem').display).to.equal('chmod 600 b-5.pem');
    expect(chmodCommand('-x.pem').argv).to.deep.equal(['chmod', '600', './-x.pem']);
    expect(sha256sumCommand("o'brien.bak").display).to.equal("sha256sum 'o'\\''brien.bak'");
  });

  it('Get-FileHash: -LiteralPath, so [ ] * ? in a name are not wildcards', () => {
    expect(getFileHashCommand('b[1].bak').display).to.equal("Get-FileHash -LiteralPath 'b[1].bak' -Algorithm SHA256");
    expect(getFileHashCommand('b-5.bak.gz').display).to.equal('Get-FileHash -LiteralPath b-5.bak.gz -Algorithm SHA256');
  });
});
