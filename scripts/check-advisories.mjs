// npm run check:advisories — the known advisories of the production dependencies, from
// `npm audit --omit=dev`: lists them, and fails (exit 1) on a high or critical one.
// A registry that does not answer the audit endpoint (a mirror that serves packages only answers
// 404 or 405; no network) leaves nothing to judge: that is reported, and does not fail. Any other
// failure of npm audit (no lockfile, an answer that is not a report) fails (exit 2).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ARGS = ['audit', '--omit=dev', '--audit-level=high', '--json'];
const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'];
// npm's own requests retry for minutes when nothing answers; past this, the registry did not.
const TIMEOUT_MS = 3 * 60_000;

/**
 * What an `npm audit --json` run means: `status` its exit code (null when it was stopped for taking
 * too long), `stdout` what it printed. Returns the outcome and the lines to print.
 */
export function judge(status, stdout) {
  if (status === null) return { outcome: 'unanswered', lines: [`npm audit: no answer from the registry within ${TIMEOUT_MS / 1000} s; advisories not checked.`] };
  let result;
  try {
    result = JSON.parse(stdout);
  } catch {
    return { outcome: 'error', lines: [`npm audit exited ${status} without a JSON answer:`, stdout.trim()] };
  }
  const counts = result?.metadata?.vulnerabilities;
  if (result?.auditReportVersion && counts) return judgeReport(status, result.vulnerabilities ?? {}, counts);
  // The registry answered the advisories endpoint with an HTTP error, or could not be reached: npm
  // reports the request it made. Anything else (ENOLOCK, a broken install) is ours to fix.
  const message = String(result?.message ?? result?.error?.summary ?? '');
  if (typeof result?.statusCode === 'number' || message.includes('/-/npm/v1/security/')) {
    return { outcome: 'unanswered', lines: [`npm audit: the registry did not answer the audit endpoint (${message || `HTTP ${result.statusCode}`}); advisories not checked.`] };
  }
  return { outcome: 'error', lines: [`npm audit exited ${status}:`, JSON.stringify(result?.error ?? result, null, 2)] };
}

function judgeReport(status, vulnerabilities, counts) {
  const summary = SEVERITIES.map((level) => `${counts[level] ?? 0} ${level}`).join(', ');
  const lines = [`npm audit (production dependencies): ${summary}.`];
  const entries = Object.values(vulnerabilities).sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.name.localeCompare(b.name));
  for (const entry of entries) {
    // `via` names the advisories for the package itself, and the packages it is vulnerable through.
    const advisories = entry.via.filter((via) => typeof via === 'object').map((via) => `${via.title} (${via.url})`);
    const through = entry.via.filter((via) => typeof via === 'string');
    const fix = entry.fixAvailable === true ? 'fix available' : entry.fixAvailable ? `fix: ${entry.fixAvailable.name}@${entry.fixAvailable.version}` : 'no fix yet';
    lines.push(`- ${entry.severity}: ${entry.name} ${entry.range}${through.length ? `, through ${through.join(', ')}` : ''}; ${fix}`);
    for (const advisory of advisories) lines.push(`    ${advisory}`);
  }
  const failing = (counts.critical ?? 0) + (counts.high ?? 0);
  if (failing > 0) return { outcome: 'failing', lines: [...lines, `${failing} high or critical: update the packages above, or override the vulnerable one.`] };
  if (status !== 0) return { outcome: 'error', lines: [...lines, `npm audit exited ${status} with no high or critical advisory.`] };
  return { outcome: 'pass', lines };
}

const EXIT = { pass: 0, unanswered: 0, failing: 1, error: 2 };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const run = spawnSync('npm', ARGS, { cwd: root, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  const timedOut = run.error?.code === 'ETIMEDOUT';
  if (run.error && !timedOut) throw run.error;
  const { outcome, lines } = judge(timedOut ? null : (run.status ?? 1), run.stdout ?? '');
  if (outcome === 'error' && run.stderr) lines.push(run.stderr.trim());
  const print = { pass: console.log, unanswered: console.warn, failing: console.error, error: console.error }[outcome];
  print(lines.join('\n'));
  process.exitCode = EXIT[outcome];
}
