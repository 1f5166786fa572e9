/**
 * `account-backup-conformance`: the package's bin (built into dist/ by scripts/build.mjs, Ajv and
 * the contract bundled in, so it needs nothing at run time but Node 20).
 *
 *   npx -p @softexpert/account-backup-tab account-backup-conformance --base-url URL \
 *       [--header 'Name: value']... [--allow-writes] [--json] [--max-seconds N]
 *
 * Exit status: 0 when every check that ran passed, 1 when one failed, 2 when the command line is
 * wrong. Header values are sent, never printed (they carry sessions).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BUDGET_MS, plan, runConformance, type RunOptions } from './checks.js';
import { contract } from './contract.js';
import { header, textReport } from './report.js';

export const USAGE = `Usage: account-backup-conformance --base-url URL [--header 'Name: value']... [--allow-writes] [--json] [--max-seconds N]

Checks a backend against the contract of <account-backup-tab> (contract/backup-api.openapi.yaml,
v1 and v1.1) and says which version it meets.

  --base-url URL        where the contract lives, as the element's base-url (e.g. https://host/api)
  --header 'N: v'       sent with every call, e.g. the session: --header 'Cookie: SESSION=...'
                        (repeatable; values are never printed)
  --allow-writes        also walk the lifecycle on a STAGING tenant: request one backup, replay its
                        key, try a second, try to download it, cancel it (v1.1). Without it the run
                        only reads, and is safe against production.
  --json                print the results as JSON (for CI), instead of text
  --max-seconds N       bound on the whole run, waits for Retry-After included (default ${DEFAULT_BUDGET_MS / 1000})
  -h, --help            this text

Exit status: 0 when every check that ran passed, 1 when one failed, 2 for a wrong command line.
What each check means: docs/backend.md in the package's repository.`;

export interface Invocation {
  options: RunOptions;
  json: boolean;
}

/** The command line as run options, or the message for a wrong one (exit 2). */
export function parseCommandLine(argv: string[]): Invocation | { help: true } | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'base-url': { type: 'string' },
        header: { type: 'string', multiple: true },
        'allow-writes': { type: 'boolean' },
        json: { type: 'boolean' },
        'max-seconds': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const baseUrl = values['base-url'];
  if (!baseUrl) return { error: '--base-url is required' };
  try {
    const { protocol } = new URL(baseUrl);
    if (protocol !== 'http:' && protocol !== 'https:') return { error: `--base-url must be http(s), not ${protocol}` };
  } catch {
    return { error: `--base-url is not a URL: ${baseUrl}` };
  }
  const headers: [string, string][] = [];
  for (const text of values.header ?? []) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(text);
    // The value is never echoed, even here: it may be a session.
    if (!match) return { error: `--header must be 'Name: value' (one of them is not: a header name, a colon, then the value)` };
    headers.push([match[1]!, match[2]!.trim()]);
  }
  let budgetMs = DEFAULT_BUDGET_MS;
  if (values['max-seconds'] !== undefined) {
    const seconds = Number(values['max-seconds']);
    if (!(seconds > 0 && seconds <= 3600)) return { error: '--max-seconds must be a number of seconds, 1 to 3600' };
    budgetMs = seconds * 1000;
  }
  return { options: { baseUrl, headers, allowWrites: values['allow-writes'] === true, budgetMs }, json: values.json === true };
}

export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const parsed = parseCommandLine(argv);
  if ('help' in parsed) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) {
    err.write(`account-backup-conformance: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  const { options, json } = parsed;
  // Said before the first write; with --json on stderr, so stdout stays one JSON document.
  const intro = [header({ baseUrl: options.baseUrl, mode: options.allowWrites ? 'allow-writes' : 'read-only', contract: contract.version })];
  if (options.allowWrites) intro.push(...plan(options.baseUrl));
  (json ? err : out).write(`${intro.join('\n')}\n`);
  const report = await runConformance(options);
  const exitCode = report.summary.failed ? 1 : 0;
  out.write(json ? `${JSON.stringify({ tool: 'account-backup-conformance', ...report, exitCode }, null, 2)}\n` : `${textReport(report)}\n`);
  return exitCode;
}
