/** files/key-file.ts: the .pem as an SFTP client accepts it, and the names of the files a user saves. */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { backupFileName, keyFileName, keyFileText } from '../../src/files/key-file.js';
import { knownHostsFileName } from '../../src/files/known-hosts.js';

const BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const END = '-----END OPENSSH PRIVATE KEY-----';
const BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nAAAAAAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAI';
const EXPECTED = `${BEGIN}\n${BODY}\n${END}\n`;

describe('key-file: keyFileText', () => {
  it('keeps an already clean key as is', () => {
    expect(keyFileText(EXPECTED)).to.equal(EXPECTED);
  });

  it('turns CRLF into LF', () => {
    expect(keyFileText(EXPECTED.replace(/\n/g, '\r\n'))).to.equal(EXPECTED);
  });

  it('turns lone CR into LF', () => {
    expect(keyFileText(EXPECTED.replace(/\n/g, '\r'))).to.equal(EXPECTED);
  });

  it('handles mixed line endings', () => {
    const mixed = `${BEGIN}\r\n${BODY.replace('\n', '\r')}\n${END}\r`;
    expect(keyFileText(mixed)).to.equal(EXPECTED);
  });

  it('adds the missing final newline', () => {
    expect(keyFileText(EXPECTED.slice(0, -1))).to.equal(EXPECTED);
  });

  it('ends with exactly one newline', () => {
    for (const tail of ['\n\n', '\n\n\n', '\r\n\r\n', '\n \n\t\n', '\r\r']) {
      const out = keyFileText(`${BEGIN}\n${BODY}\n${END}${tail}`);
      expect(out, JSON.stringify(tail)).to.equal(EXPECTED);
      expect(out.endsWith('\n')).to.equal(true);
      expect(out.endsWith('\n\n')).to.equal(false);
    }
  });

  it('trims leading and trailing blank lines', () => {
    expect(keyFileText(`\n\n\r\n  \n${EXPECTED}\n\r\n\n`)).to.equal(EXPECTED);
  });

  it('keeps inner lines (no CR left anywhere)', () => {
    const out = keyFileText(`\r\n${BEGIN}\r\n${BODY.replace('\n', '\r\n')}\r\n${END}\r\n\r\n`);
    expect(out).to.equal(EXPECTED);
    expect(out).not.to.include('\r');
    expect(out.split('\n')).to.have.length(EXPECTED.split('\n').length);
  });

  it('an RSA PEM key works the same', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\r\nMIIEow\r\n-----END RSA PRIVATE KEY-----';
    expect(keyFileText(pem)).to.equal('-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n');
  });

  it('is idempotent', () => {
    for (const s of [EXPECTED, `\r\n${EXPECTED}\r\r`, 'x', '']) {
      expect(keyFileText(keyFileText(s))).to.equal(keyFileText(s));
    }
  });
});

describe('key-file: keyFileName', () => {
  it('backup-<id>.pem without a file name', () => {
    expect(keyFileName({ id: '42' })).to.equal('backup-42.pem');
    expect(keyFileName({ id: '3b241101-e2bb-4255-8caf-4136c566a962', fileName: null })).to.equal('backup-3b241101-e2bb-4255-8caf-4136c566a962.pem');
    expect(keyFileName({ id: 'abc', fileName: '' })).to.equal('backup-abc.pem');
  });

  it("the backup's file name with its archive extensions replaced by .pem", () => {
    expect(keyFileName({ id: '1', fileName: 'db-2026-11-24.bak' })).to.equal('db-2026-11-24.pem');
    expect(keyFileName({ id: '1', fileName: 'db_2026' })).to.equal('db_2026.pem');
    expect(keyFileName({ id: '1', fileName: 'db.tar.gz' })).to.equal('db.pem');
    expect(keyFileName({ id: '1', fileName: 'backup-2026-11-22-b-5.bak.gz' })).to.equal('backup-2026-11-22-b-5.pem');
    expect(keyFileName({ id: '1', fileName: 'prod.v2.BAK.GZ' })).to.equal('prod.v2.pem');
  });

  it('keeps dots that are part of the id (the id has no extension)', () => {
    expect(keyFileName({ id: '2026.11.24' })).to.equal('backup-2026.11.24.pem');
    expect(keyFileName({ id: 'v1.2' })).not.to.equal(keyFileName({ id: 'v1.3' }));
  });

  it('a file name that is only an extension falls back to backup-<id>', () => {
    expect(keyFileName({ id: '7', fileName: '.bak' })).to.equal('backup-7.pem');
  });

  it('replaces characters unsafe on some OS and strips leading/trailing dots and dashes', () => {
    expect(keyFileName({ id: '1', fileName: 'my backup: "prod"/v2?.bak' })).to.equal('my-backup-prod-v2.pem');
    expect(keyFileName({ id: '1', fileName: 'C:\\dumps\\base*.bak' })).to.equal('C-dumps-base.pem');
    expect(keyFileName({ id: '1', fileName: '...hidden.bak' })).to.equal('hidden.pem');
    expect(keyFileName({ id: 'a/b\\c' })).to.equal('backup-a-b-c.pem');
    expect(keyFileName({ id: '../../etc/passwd' })).to.match(/^[\w.-]+\.pem$/);
    expect(keyFileName({ id: '../../etc/passwd' })).not.to.include('/');
  });

  it('non-ASCII characters are replaced', () => {
    expect(keyFileName({ id: '1', fileName: 'cópia de segurança.bak' })).to.equal('c-pia-de-seguran-a.pem');
  });

  it('falls back to "backup" when nothing safe is left', () => {
    expect(keyFileName({ id: '1', fileName: '???.bak' })).to.equal('backup.pem');
    expect(keyFileName({ id: '***' })).to.equal('backup.pem');
  });

  it('caps the length', () => {
    const name = keyFileName({ id: '1', fileName: `${'a'.repeat(500)}.bak` });
    expect(name).to.equal(`${'a'.repeat(80)}.pem`);
  });

  it('always yields a safe *.pem name that does not start with a dot', () => {
    const inputs: { id: string; fileName?: string | null }[] = [
      { id: '' },
      { id: '', fileName: '.' },
      { id: '.', fileName: '..' },
      { id: '-', fileName: '-.-' },
      { id: 'x', fileName: 'a'.repeat(79) + '.b.c' },
      { id: 'x', fileName: 'con.bak' },
      { id: '\u0000\n\t' },
      { id: '😀', fileName: '😀.bak' },
    ];
    for (const input of inputs) {
      const name = keyFileName(input);
      expect(name, JSON.stringify(input)).to.match(/^[\w-][\w.-]*\.pem$|^backup\.pem$/);
      expect(name.length, JSON.stringify(input)).to.be.at.most(84);
    }
  });
});

// The name the sftp command writes the backup under (and the one sha256sum reads): the window shows it.
describe('key-file: backupFileName', () => {
  it("the backup's file name as it is when it is already safe, backup-<id> without one", () => {
    expect(backupFileName({ id: 'b-5', fileName: 'backup-2026-11-22-b-5.bak.gz' })).to.equal('backup-2026-11-22-b-5.bak.gz');
    expect(backupFileName({ id: 'b-5', fileName: 'prod_v2.BAK' })).to.equal('prod_v2.BAK');
    expect(backupFileName({ id: 'b-5' })).to.equal('backup-b-5');
    expect(backupFileName({ id: 'b-5', fileName: null })).to.equal('backup-b-5');
    expect(backupFileName({ id: 'b-5', fileName: '' })).to.equal('backup-b-5');
  });

  it('never a hidden file, an option, a folder or a control character', () => {
    expect(backupFileName({ id: '1', fileName: 'payload .bashrc' })).to.equal('payload-.bashrc');
    expect(backupFileName({ id: '1', fileName: '.bashrc' })).to.equal('bashrc');
    expect(backupFileName({ id: '1', fileName: '-rf.bak' })).to.equal('rf.bak');
    expect(backupFileName({ id: '1', fileName: '../../.ssh/authorized_keys' })).to.equal('ssh-authorized_keys');
    expect(backupFileName({ id: '1', fileName: 'line\nbreak.bak' })).to.equal('line-break.bak');
    expect(backupFileName({ id: '1', fileName: "it's \"x\" *?[a].bak" })).to.equal('it-s-x-a-.bak');
    expect(backupFileName({ id: '7', fileName: '..' })).to.equal('backup');
    expect(backupFileName({ id: '../x' })).to.equal('backup-..-x');
  });

  // Nothing in them is special to the shell, to ssh (% ${} ~ in -i and UserKnownHostsFile) or to sftp's command line.
  it('always a plain name, as the key file and the known_hosts file are, and never one of those', () => {
    const inputs: { id: string; fileName?: string | null }[] = [
      { id: '' },
      { id: '', fileName: '.' },
      { id: '.', fileName: '..' },
      { id: '-', fileName: '-.-' },
      { id: 'x', fileName: 'x.pem' },
      { id: 'x', fileName: 'x.known_hosts' },
      { id: 'x', fileName: 'x.pem.bak' },
      { id: 'x', fileName: 'x .pem' },
      { id: 'x', fileName: 'a'.repeat(500) },
      { id: '\u0000\n\t' },
      { id: '😀', fileName: '😀.bak' },
      { id: 'x', fileName: 'cópia – ñ 备份.bak' },
      { id: '%d ${HOME} ~root', fileName: '~/%u ${HOME}.bak' },
    ];
    for (const input of inputs) {
      const name = backupFileName(input);
      expect(name, JSON.stringify(input)).to.match(/^\w[\w.-]*$/);
      expect(name.length, JSON.stringify(input)).to.be.at.most(80);
      expect(name, JSON.stringify(input)).not.to.be.oneOf([keyFileName(input), knownHostsFileName(input)]);
      for (const file of [keyFileName(input), knownHostsFileName(input)]) expect(file, JSON.stringify(input)).to.match(/^\w[\w.-]*$/);
    }
  });
});

describe('key-file: properties', () => {
  const keyish = fc.array(fc.oneof(fc.string(), fc.constantFrom('\r\n', '\r', '\n', ' ', '\t', '-----BEGIN KEY-----', 'AAAA')), { maxLength: 20 }).map((a) => a.join(''));

  it('keyFileText: no CR, exactly one final newline, idempotent (10,000 runs)', () => {
    fc.assert(
      fc.property(keyish, (s) => {
        const out = keyFileText(s);
        return !out.includes('\r') && out.endsWith('\n') && (out === '\n' || !out.endsWith('\n\n')) && !/^\s*\n/.test(out.slice(0, -1) || 'x') && keyFileText(out) === out;
      }),
      { numRuns: 10_000 },
    );
  });

  it('keyFileName: always a short, safe *.pem name (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: null }), (id, fileName) => {
        const name = keyFileName({ id, fileName });
        return /^[\w][\w.-]*\.pem$|^backup\.pem$/.test(name) && name.length <= 84;
      }),
      { numRuns: 10_000 },
    );
  });
});
