/**
 * Run after the end-to-end suite (scripts/test-all.sh), once its servers have stopped: looks for
 * every password the tests typed and every token the Resend stub received in everything the
 * servers wrote — their logs and every row of every table of their databases. Also refuses any
 * full reset link, emailed or not. Exits 1 on the first kind of leak, and also when there was too
 * little to look at for the scan to mean anything.
 *
 *   npx tsx --conditions=react-server e2e/helpers/scan-secrets.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { DEMO_ACCOUNTS } from '@/lib/accounts/demo-accounts';
import { E2E_PASSWORD } from './accounts';

const LOGS = '.data/e2e-logs';
// The two servers of playwright.config.ts: plain HTTP, and the one behind the TLS proxy.
const port = Number(process.env.E2E_PORT ?? 3100);
const SERVER_PORTS = [port, port + 2];
// Password links and the links that confirm a new address (app/espace/email).
const TOKEN = /\/(?:reinitialisation|espace\/email)\/([A-Za-z0-9_-]{43})\b/g;

/** Distinctive passwords the specs type, besides the demo ones; each must still appear in a spec. */
const TYPED_PASSWORDS = [
  'Un nouveau mot de passe solide',
  'Sans script mais solide',
  'Un sésame tout neuf pour 2026',
  'Un mot de passe sous TLS',
  'Changement depuis mon espace',
  'Un mot de passe bien long',
  'Premier-mot-de-passe',
  'Second-mot-de-passe',
  'not-the-password',
  'not-the-current-one',
  'any-password-at-all',
  'anything-at-all-here',
  'wrong-password-again',
];

type Source = { name: string; lines: string[] };

function specSources(): string {
  return readdirSync('e2e')
    .filter((f) => f.endsWith('.spec.ts'))
    .map((f) => readFileSync(path.join('e2e', f), 'utf8'))
    .join('\n');
}

function emailedTokens(): Set<string> {
  const file = path.join(LOGS, 'resend-stub.jsonl');
  const tokens = new Set<string>();
  if (!existsSync(file)) return tokens;
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const message = JSON.parse(line) as { html: string | null; text: string | null };
    for (const match of `${message.html ?? ''}\n${message.text ?? ''}`.matchAll(TOKEN)) tokens.add(match[1]);
  }
  return tokens;
}

function serverLogs(): Source[] {
  return SERVER_PORTS.map((p) => path.join(LOGS, `server-${p}.log`))
    .filter((file) => existsSync(file))
    .map((file) => ({ name: file, lines: readFileSync(file, 'utf8').split('\n') }));
}

const TABLES_SQL = `select table_schema || '.' || table_name as name from information_schema.tables
  where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`;
const rowsSql = (table: string) => `select row_to_json(t)::text as row from ${table.split('.').map((p) => `"${p}"`).join('.')} t`;

/** Every row of every table, one line each, as "table: {json}". */
async function databaseRows(): Promise<Source[]> {
  const sources: Source[] = [];
  // With E2E_DATABASE_URL the first server used Postgres and left no embedded folder.
  for (const dir of SERVER_PORTS.map((p) => path.join('.data', `e2e-pglite-${p}`)).filter((d) => existsSync(d))) {
    const db = new PGlite(dir);
    const lines: string[] = [];
    for (const { name } of (await db.query<{ name: string }>(TABLES_SQL)).rows) {
      for (const { row } of (await db.query<{ row: string }>(rowsSql(name))).rows) lines.push(`${name}: ${row}`);
    }
    await db.close();
    sources.push({ name: dir, lines });
  }
  if (process.env.E2E_DATABASE_URL) {
    const sql = postgres(process.env.E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
    const lines: string[] = [];
    for (const { name } of await sql.unsafe<{ name: string }[]>(TABLES_SQL)) {
      for (const { row } of await sql.unsafe<{ row: string }[]>(rowsSql(name))) lines.push(`${name}: ${row}`);
    }
    await sql.end();
    sources.push({ name: 'E2E_DATABASE_URL', lines });
  }
  return sources;
}

function fail(message: string): never {
  console.error(`Secret scan: ${message}`);
  process.exit(1);
}

const specs = specSources();
const stale = TYPED_PASSWORDS.filter((p) => !specs.includes(p));
if (stale.length) fail(`these passwords are no longer typed by any spec, update TYPED_PASSWORDS: ${stale.join(', ')}`);

const passwords = [...DEMO_ACCOUNTS.flatMap((a) => (a.password ? [a.password] : [])), E2E_PASSWORD, ...TYPED_PASSWORDS];
const tokens = emailedTokens();
const logs = serverLogs();
const databases = await databaseRows();

// A scan of nothing proves nothing: the suite must have left enough behind.
const logLines = logs.reduce((n, s) => n + s.lines.length, 0);
const rows = databases.reduce((n, s) => n + s.lines.length, 0);
const audited = logs.flatMap((s) => s.lines).filter((l) => l.includes('"msg":"audit"')).length;
if (tokens.size < 20) fail(`only ${tokens.size} emailed tokens found in ${LOGS}/resend-stub.jsonl: did the suite run?`);
if (logs.length < 2 || audited < 200) fail(`only ${logs.length} server logs with ${audited} audit lines: did the suite run?`);
if (databases.length < 2 || rows < 500) fail(`only ${rows} rows in ${databases.length} databases: did the suite run?`);

const leaks: string[] = [];
for (const source of [...logs, ...databases]) {
  source.lines.forEach((line, i) => {
    const where = `${source.name}:${i + 1}`;
    for (const password of passwords) if (line.includes(password)) leaks.push(`${where}: password ${password.slice(0, 4)}…`);
    for (const match of line.matchAll(TOKEN)) leaks.push(`${where}: a reset link (${tokens.has(match[1]) ? 'emailed' : 'never emailed'})`);
    for (const token of tokens) if (line.includes(token)) leaks.push(`${where}: an emailed token ${token.slice(0, 6)}…`);
  });
}
if (leaks.length) fail(`${leaks.length} leak(s):\n  ${leaks.slice(0, 50).join('\n  ')}`);

console.log(
  `Secret scan: ${passwords.length} passwords and ${tokens.size} emailed tokens looked for in ${logLines} log lines ` +
    `(${logs.length} servers, ${audited} audit events) and ${rows} table rows (${databases.length} databases): none found.`,
);
