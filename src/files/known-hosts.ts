/**
 * The `known_hosts` file of contract v1.1's `hostKeys`: it lets `sftp -o StrictHostKeyChecking=yes
 * -o UserKnownHostsFile=<file>` check the server against the keys the backend vouches for, so that a
 * user is never asked to trust a key blindly.
 */
import type { HostKey } from '../core/types.js';
import { fileStem } from './key-file.js';

/** An OpenSSH key type (`ssh-ed25519`, `ecdsa-sha2-nistp256`, `sk-ssh-ed25519@openssh.com`…). */
const KEY_TYPE = /^[A-Za-z0-9][\w.@+-]*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** A name or address OpenSSH can match: no spaces, commas, brackets or pattern characters. */
const HOST = /^[\w.:%-]+$/;

/**
 * `type base64` of a key as in a `.pub` file (the comment dropped), or `null` when it is not one.
 * Only these two tokens reach the file, so a value with line breaks cannot add a line of its own.
 */
function keyEntry(publicKey: string | null | undefined): string | null {
  const [type, base64] = (publicKey ?? '').trim().split(/\s+/);
  return type && base64 && KEY_TYPE.test(type) && BASE64.test(base64) ? `${type} ${base64}` : null;
}

/** Whether any host key has a usable `publicKey`, i.e. whether there is a known_hosts file to offer. */
export const hasPublicKeys = (hostKeys: readonly HostKey[] | null | undefined): boolean =>
  (hostKeys ?? []).some((key) => keyEntry(key.publicKey) !== null);

/**
 * One line per key that has a `publicKey`: `[host]:port type base64` when the port is not 22,
 * `host type base64` when it is (OpenSSH's own format), LF endings and a final newline. The empty
 * string when there is no such key, or when the host or port cannot be written in the file.
 */
export function knownHostsText(host: string, port: number, hostKeys: readonly HostKey[] | null | undefined): string {
  if (!HOST.test(host) || !Number.isInteger(port) || port < 1 || port > 65535) return '';
  const name = port === 22 ? host : `[${host}]:${port}`;
  const entries = (hostKeys ?? []).map((key) => keyEntry(key.publicKey)).filter((entry): entry is string => entry !== null);
  return entries.map((entry) => `${name} ${entry}\n`).join('');
}

/** Named after the backup as its key file is: `backup-2026-11-22.pem` → `backup-2026-11-22.known_hosts`. */
export const knownHostsFileName = (backup: { id: string; fileName?: string | null }): string =>
  `${fileStem(backup)}.known_hosts`;
