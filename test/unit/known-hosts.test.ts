/** files/known-hosts.ts: the known_hosts line OpenSSH reads for the pinned host keys, and its file name. */
import { expect } from '@open-wc/testing';
import { TEST_HOST_FINGERPRINT, TEST_HOST_PUBLIC_KEY } from '../../mocks/test-host-key.js';
import type { HostKey } from '../../src/core/types.js';
import { keyFileName } from '../../src/files/key-file.js';
import { hasPublicKeys, knownHostsFileName, knownHostsText } from '../../src/files/known-hosts.js';

const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIBazPGX+c9kYUp7AJ4CmsjQpDUXVn1UsEgeh68ski5fO';
const ECDSA =
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=';
const key = (publicKey: string | null | undefined, type = 'ssh-ed25519'): HostKey =>
  publicKey === undefined ? { type, fingerprint: TEST_HOST_FINGERPRINT } : { type, fingerprint: TEST_HOST_FINGERPRINT, publicKey };

describe('known-hosts: knownHostsText', () => {
  it('a port other than 22: [host]:port type base64, LF and a final newline', () => {
    expect(knownHostsText('sftp.example.com', 2222, [key(`ssh-ed25519 ${ED25519}`)])).to.equal(`[sftp.example.com]:2222 ssh-ed25519 ${ED25519}\n`);
    expect(knownHostsText('127.0.0.1', 40022, [key(`ssh-ed25519 ${ED25519}`)])).to.equal(`[127.0.0.1]:40022 ssh-ed25519 ${ED25519}\n`);
  });

  it('port 22: host type base64, no brackets', () => {
    expect(knownHostsText('sftp.example.com', 22, [key(`ssh-ed25519 ${ED25519}`)])).to.equal(`sftp.example.com ssh-ed25519 ${ED25519}\n`);
  });

  it('one line per key that has a publicKey, in order; keys without one are left out', () => {
    const text = knownHostsText('h.example', 2222, [
      key(`ssh-ed25519 ${ED25519}`),
      key(null, 'ssh-rsa'),
      key(undefined, 'ssh-dss'),
      key(`ecdsa-sha2-nistp256 ${ECDSA}`, 'ecdsa-sha2-nistp256'),
    ]);
    expect(text).to.equal(`[h.example]:2222 ssh-ed25519 ${ED25519}\n[h.example]:2222 ecdsa-sha2-nistp256 ${ECDSA}\n`);
    expect(text.split('\n')).to.have.length(3);
    expect(text).not.to.include('\r');
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).to.equal(true);
  });

  it('drops the comment of a .pub line and stray whitespace and CR', () => {
    expect(knownHostsText('h', 2222, [key(TEST_HOST_PUBLIC_KEY)])).to.equal(`[h]:2222 ssh-ed25519 ${ED25519}\n`);
    expect(knownHostsText('h', 2222, [key(`  ssh-ed25519\t${ED25519}  root@server\r\n`)])).to.equal(`[h]:2222 ssh-ed25519 ${ED25519}\n`);
  });

  it('is empty when no key has a usable publicKey', () => {
    expect(knownHostsText('h', 2222, [])).to.equal('');
    expect(knownHostsText('h', 2222, undefined)).to.equal('');
    expect(knownHostsText('h', 2222, null)).to.equal('');
    expect(knownHostsText('h', 2222, [key(null), key(undefined), key(''), key('ssh-ed25519'), key(ED25519), key('ssh-ed25519 not*base64')])).to.equal('');
  });

  it('a publicKey cannot add lines or options of its own', () => {
    for (const publicKey of [
      `ssh-ed25519 ${ED25519}\n[evil]:22 ssh-ed25519 ${ED25519}`,
      `ssh-ed25519\n${ED25519}`,
      `@cert-authority * ssh-ed25519 ${ED25519}`,
      `@revoked ssh-ed25519 ${ED25519}`,
    ]) {
      const text = knownHostsText('h', 2222, [key(publicKey)]);
      expect(text.split('\n').filter(Boolean).length, JSON.stringify(publicKey)).to.be.at.most(1);
      expect(text, JSON.stringify(publicKey)).not.to.match(/evil|@cert-authority|@revoked/);
      if (text) expect(text, JSON.stringify(publicKey)).to.match(/^\[h\]:2222 ssh-ed25519 [A-Za-z0-9+/]+=*\n$/);
    }
  });

  it('is empty for a host or port that cannot be written in the file', () => {
    const keys = [key(`ssh-ed25519 ${ED25519}`)];
    for (const host of ['', 'a b', 'a,b', 'h\nx', '[h]', '*', 'h?', '!h']) expect(knownHostsText(host, 2222, keys), JSON.stringify(host)).to.equal('');
    for (const port of [0, -1, 65536, 22.5, Number.NaN, Infinity]) expect(knownHostsText('h', port, keys), String(port)).to.equal('');
  });

  it('writes IPv6 addresses and ports 1 and 65535 as OpenSSH does', () => {
    const keys = [key(`ssh-ed25519 ${ED25519}`)];
    expect(knownHostsText('::1', 2222, keys)).to.equal(`[::1]:2222 ssh-ed25519 ${ED25519}\n`);
    expect(knownHostsText('::1', 22, keys)).to.equal(`::1 ssh-ed25519 ${ED25519}\n`);
    expect(knownHostsText('h', 1, keys)).to.equal(`[h]:1 ssh-ed25519 ${ED25519}\n`);
    expect(knownHostsText('h', 65535, keys)).to.equal(`[h]:65535 ssh-ed25519 ${ED25519}\n`);
  });
});

describe('known-hosts: hasPublicKeys', () => {
  it('is true when any key has a usable publicKey', () => {
    expect(hasPublicKeys([key(null), key(`ssh-ed25519 ${ED25519}`)])).to.equal(true);
    expect(hasPublicKeys([key(TEST_HOST_PUBLIC_KEY)])).to.equal(true);
  });

  it('is false for no keys, fingerprints only, or publicKeys that are not keys (a v1 answer has none)', () => {
    expect(hasPublicKeys(undefined)).to.equal(false);
    expect(hasPublicKeys(null)).to.equal(false);
    expect(hasPublicKeys([])).to.equal(false);
    expect(hasPublicKeys([key(null), key(undefined)])).to.equal(false);
    expect(hasPublicKeys([key(''), key('   '), key('ssh-ed25519'), key(ED25519)])).to.equal(false);
  });

  it('agrees with knownHostsText', () => {
    for (const keys of [[], [key(null)], [key(`ssh-ed25519 ${ED25519}`)], [key('x'), key(`ssh-ed25519 ${ED25519} c`)]]) {
      expect(hasPublicKeys(keys), JSON.stringify(keys)).to.equal(knownHostsText('h', 2222, keys) !== '');
    }
  });
});

describe('known-hosts: knownHostsFileName', () => {
  it('is named after the backup, as the key file is', () => {
    expect(knownHostsFileName({ id: 'b-6', fileName: 'backup-2026-11-22.bak.gz' })).to.equal('backup-2026-11-22.known_hosts');
    expect(knownHostsFileName({ id: 'b-6' })).to.equal('backup-b-6.known_hosts');
    expect(knownHostsFileName({ id: 'b-6', fileName: null })).to.equal('backup-b-6.known_hosts');
    expect(knownHostsFileName({ id: '../../etc', fileName: '../../passwd' })).to.equal('passwd.known_hosts');
  });

  it('shares the base name of the .pem, for any backup', () => {
    for (const backup of [{ id: 'v1.2' }, { id: 'x', fileName: 'db.tar.gz' }, { id: '', fileName: '' }, { id: 'é', fileName: 'ação final.sql' }]) {
      expect(knownHostsFileName(backup).replace(/\.known_hosts$/, ''), JSON.stringify(backup)).to.equal(keyFileName(backup).replace(/\.pem$/, ''));
      expect(knownHostsFileName(backup)).to.match(/^[\w][\w.-]*\.known_hosts$/);
    }
  });
});
