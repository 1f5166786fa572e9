/**
 * The commands the element shows (sftp, chmod, sha256sum, Get-FileHash). Local files have plain
 * names (key-file.ts, known-hosts.ts); the remote path is passed as the backend gave it, whatever
 * it holds, quoted for the shell and for sftp's own command line, or the command is refused.
 * Each builder returns the argv (what the program must receive) and the display string (what to
 * paste into the shell).
 */

export interface Command {
  /** What the program receives, one entry per argument. */
  argv: string[];
  /** The command line to paste. */
  display: string;
}

/** Characters no POSIX shell treats specially anywhere in a word. */
const POSIX_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One argument for a POSIX shell (sh, bash, zsh, dash): as it is when nothing in it is special,
 * else in single quotes, where only `'` itself needs care (`'` → `'\''`). Newlines and non-ASCII
 * text survive single quotes unchanged.
 */
export function posixQuote(arg: string): string {
  if (POSIX_SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

const posix = (argv: string[]): Command => ({ argv, display: argv.map(posixQuote).join(' ') });

export interface SftpOptions {
  port: number;
  /**
   * keyFile, knownHostsFile and localFile are plain names (`[\w.-]`, not starting with `.` or `-`),
   * as key-file.ts and known-hosts.ts make them: ssh expands `%`, `${}` and `~` in -i and
   * UserKnownHostsFile and splits an -o value at white space, and sftp re-reads LOCAL.
   */
  keyFile: string;
  user: string;
  host: string;
  path: string;
  /** Where the backup lands (key-file.ts's backupFileName). */
  localFile: string;
  /** When given, the server's key must be in this file (no trust-on-first-use prompt). */
  knownHostsFile?: string;
}

/** What sftp's own command line splits or unquotes at, and what its glob reads (see sftpCommand). */
const SFTP_SPECIAL = /[ '"#\\*?[]/g;
/**
 * A path that is not absolute (a relative one is joined to a folder the server names, unquoted),
 * names a folder (`/`, `/.`, `/..` at the end), or holds what a command line cannot show: control
 * characters, the invisible marks that change the order text reads in (bidi) or join letters, lone
 * surrogates, private and unassigned code points (all \p{C}), line separators.
 */
const BAD_PATH = /^(?!\/)|\/\.{0,2}$|[\p{C}\u2028\u2029]/u;
/** Neither can start with `-`: sftp would read the whole `user@host:path` as its options (`-oProxyCommand=…`). */
const USER = /^\w[\w.@+-]*$/;
const HOST = /^\w[\w.-]*$/;
/** Not a name, so an IPv6 address (bare): the command brackets it, or its colons would read as the path separator. */
const IPV6 = /^[\da-f:.]+$/i;

/**
 * `sftp [-o StrictHostKeyChecking=yes -o UserKnownHostsFile=FILE] -P PORT -i KEY USER@HOST:PATH LOCAL`,
 * or the name of the credential (`port`, `username`, `host`, `path`) no command can carry safely.
 *
 * sftp (OpenSSH 9.x, sftp.c) does not fetch PATH as it is: it writes `get[ -a] PATH LOCAL` into a
 * 2048-byte line, cuts what is longer, and splits that line again with its own parser (white space
 * separates, `'` `"` quote, `\` escapes, `#` starts a comment), then globs PATH (`*` `?` `[`, `\`).
 * So each of those characters gets a backslash, which both readers take as "this character as it
 * is" (newer sftp only globs). LOCAL is explicit, so the server's name for the file never decides
 * where it lands, and the line must hold it whole: `get -a ` and the space before LOCAL take 8 of
 * the 2047 bytes (UTF-8, counted by Blob).
 */
export function sftpCommand({ port, keyFile, user, host, path, localFile, knownHostsFile }: SftpOptions): Command | 'port' | 'username' | 'host' | 'path' {
  const hostPart = HOST.test(host) ? host : IPV6.test(host) ? `[${host}]` : '';
  const remote = path.replace(SFTP_SPECIAL, '\\$&');
  // An integer from 1 to 65535 (a string, a fraction, NaN or a negative one changes under & 65535).
  if ((port & 65535) !== port || !port) return 'port';
  if (!USER.test(user)) return 'username';
  if (!hostPart) return 'host';
  if (BAD_PATH.test(path) || new Blob([remote + localFile]).size > 2039) return 'path';
  return posix([
    'sftp',
    ...(knownHostsFile === undefined ? [] : ['-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHostsFile}`]),
    '-P',
    String(port),
    '-i',
    keyFile,
    `${user}@${hostPart}:${remote}`,
    localFile,
  ]);
}

/** `chmod 600 KEY`: ssh refuses a private key others can read. */
export const chmodCommand = (keyFile: string): Command => posix(['chmod', '600', keyFile]);

/** `sha256sum FILE` (Linux; `shasum -a 256` on macOS takes the same operand). */
export const sha256sumCommand = (file: string): Command => posix(['sha256sum', file]);

/**
 * `Get-FileHash -LiteralPath 'FILE' -Algorithm SHA256` (PowerShell). -LiteralPath, because -Path
 * reads `[`, `]`, `*` and `?` as wildcards; quotes, because PowerShell reads a bare `1e5` or `1kb`
 * as a number (a plain name holds no quote).
 */
export function getFileHashCommand(file: string): Command {
  const argv = ['Get-FileHash', '-LiteralPath', file, '-Algorithm', 'SHA256'];
  return { argv, display: `Get-FileHash -LiteralPath '${file}' -Algorithm SHA256` };
}
