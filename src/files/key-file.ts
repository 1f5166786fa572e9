/** Turns the `privateKey` the backend issues into the file an SFTP client accepts. */

/**
 * OpenSSH refuses keys with CR line endings or a missing final newline, and servers and proxies
 * are known to add both: normalise to LF, trim stray blank lines, end with exactly one newline.
 */
export function keyFileText(privateKey: string): string {
  return privateKey.replace(/\r\n?/g, '\n').trim() + '\n';
}

/** A name reduced to characters safe on every OS, without a leading or trailing dot or dash: never hidden, never an option. */
const safeName = (name: string): string => name.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80);

/**
 * The name the files saved for a backup share before their extension (its key, its known_hosts,
 * its reminders): `backup-<id>`, or the backup's file name without its archive extensions, reduced
 * to characters safe on every OS.
 */
export function fileStem(backup: { id: string; fileName?: string | null }): string {
  // Only a file name has extensions to drop (`db.bak.gz` → `db`); dots in an id are part of it
  // (`v1.2` ≠ `v1.3`), and so are dots in a name that are not archive extensions.
  const base = (backup.fileName || '').replace(/(\.(tar|t?gz|bz2|xz|zst|zip|7z|bak|sql|dump|bacpac|backup))+$/i, '') || `backup-${backup.id}`;
  return safeName(base) || 'backup';
}

/** `backup-<id>.pem`, or the backup's file name with `.pem` (see {@link fileStem}). */
export const keyFileName = (backup: { id: string; fileName?: string | null }): string => `${fileStem(backup)}.pem`;

/**
 * The name the sftp command saves the backup under, and the one the checksum commands read: the
 * backup's file name (else `backup-<id>`) reduced the same way. It never ends in `.pem` or
 * `.known_hosts` after the same base, so it cannot overwrite the key or the known_hosts file.
 */
export const backupFileName = (backup: { id: string; fileName?: string | null }): string => safeName(backup.fileName || `backup-${backup.id}`) || 'backup';
