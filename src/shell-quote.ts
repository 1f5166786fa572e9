/**
 * The commands the element shows (sftp, chmod, sha256sum, Get-FileHash), quoted so that a user who
 * pastes them gets exactly the file names and paths the backend gave, whatever they contain.
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

/** PowerShell ends a single-quoted string at any of these (ASCII ' and the typographic single quotes). */
const POWERSHELL_QUOTES = /['\u2018\u2019\u201A\u201B]/g;
/** Words PowerShell reads as plain text in argument mode; a leading `-` would be a parameter name. */
const POWERSHELL_SAFE = /^[A-Za-z0-9_./\\:][A-Za-z0-9_./\\:-]*$/;

/** One argument for PowerShell: in single quotes unless plain, each quote character doubled. */
export function powershellQuote(arg: string): string {
  if (POWERSHELL_SAFE.test(arg)) return arg;
  return `'${arg.replace(POWERSHELL_QUOTES, (quote) => quote + quote)}'`;
}

/** A file operand that cannot be mistaken for an option (`-x.pem` → `./-x.pem`). */
const operand = (file: string): string => (file.startsWith('-') ? `./${file}` : file);

const posix = (argv: string[]): Command => ({ argv, display: argv.map(posixQuote).join(' ') });

/**
 * ssh expands `%` tokens in -i and UserKnownHostsFile (`%d`, `%u`…); `%%` is a literal `%`. In an
 * -o value, white space separates several files unless the value is in double quotes.
 */
const sshPath = (file: string): string => file.replace(/%/g, '%%');
const sshOptionValue = (value: string): string => (/\s/.test(value) ? `"${value}"` : value);

export interface SftpOptions {
  port: number;
  keyFile: string;
  user: string;
  host: string;
  path: string;
  /** When given, the server's key must be in this file (no trust-on-first-use prompt). */
  knownHostsFile?: string;
}

/** `sftp [-o StrictHostKeyChecking=yes -o UserKnownHostsFile=FILE] -P PORT -i KEY USER@HOST:PATH` */
export function sftpCommand({ port, keyFile, user, host, path, knownHostsFile }: SftpOptions): Command {
  // An IPv6 address is bracketed, or its colons would read as the path separator.
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return posix([
    'sftp',
    ...(knownHostsFile === undefined ? [] : ['-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${sshOptionValue(sshPath(knownHostsFile))}`]),
    '-P',
    String(port),
    '-i',
    sshPath(keyFile),
    `${user}@${hostPart}:${path}`,
  ]);
}

/** `chmod 600 KEY`: ssh refuses a private key others can read. */
export const chmodCommand = (keyFile: string): Command => posix(['chmod', '600', operand(keyFile)]);

/** `sha256sum FILE` (Linux; `shasum -a 256` on macOS takes the same operand). */
export const sha256sumCommand = (file: string): Command => posix(['sha256sum', operand(file)]);

/**
 * `Get-FileHash -LiteralPath FILE -Algorithm SHA256` (PowerShell). -LiteralPath, because -Path
 * reads `[`, `]`, `*` and `?` in a file name as wildcards.
 */
export function getFileHashCommand(file: string): Command {
  const argv = ['Get-FileHash', '-LiteralPath', file, '-Algorithm', 'SHA256'];
  return { argv, display: `Get-FileHash -LiteralPath ${powershellQuote(file)} -Algorithm SHA256` };
}
