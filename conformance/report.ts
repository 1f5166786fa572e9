/**
 * The report as text: one line per check (`ok`, `FAIL` with what was expected and what came,
 * `skip` with why), then notes, the cleanup and a summary naming the contract version the server
 * meets. `--json` prints the {@link RunReport} itself, the same facts as data.
 */
import { CHECKS, type CheckResult, type RunReport } from './checks.js';

const LABEL = { ok: 'ok  ', fail: 'FAIL', skip: 'skip' } as const;
const WIDTH = Math.max(...Object.keys(CHECKS).map((id) => id.length));

export function checkLine(check: CheckResult): string {
  const head = `${LABEL[check.outcome]}  ${check.id.padEnd(WIDTH)}  ${check.title}`;
  if (check.outcome === 'fail') return `${head}: expected ${check.expected}; got ${check.got}`;
  return check.detail ? `${head} (${check.detail})` : head;
}

export function header(report: Pick<RunReport, 'baseUrl' | 'mode' | 'contract'>): string {
  return `account-backup-conformance: ${report.baseUrl}, ${report.mode}, against contract ${report.contract} (contract/backup-api.openapi.yaml)`;
}

/** Everything after the plan, as the text output prints it. */
export function textReport(report: RunReport): string {
  const lines = report.checks.map(checkLine);
  for (const note of report.notes) lines.push(`note: ${note}`);
  for (const step of report.cleanup) lines.push(`cleanup: ${step}`);
  const { ok, failed, skipped, meets, why } = report.summary;
  lines.push(
    `${report.checks.length} checks: ${ok} ok, ${failed} failed, ${skipped} skipped. The server meets: ${meets === 'neither' ? 'neither v1 nor v1.1' : `contract ${meets}`} (${why}).`,
  );
  if (report.mode === 'read-only') {
    const lifecycle = Object.values(CHECKS).filter((c) => c.writes).length;
    lines.push(`Read-only: the lifecycle's ${lifecycle} checks need --allow-writes, on a staging tenant.`);
  }
  return lines.join('\n');
}
