// npm run check:vercel — builds what Vercel would deploy, offline, and checks it:
//   every function and its size; the migrations and the password blocklist inside the bundle;
//   nothing from .data/ (embedded databases, the development secret, test logs) or other local
//   state; the cron entry of vercel.json.
// Uses the Vercel CLI from npm (vercel@59.25.4; newer releases miss a dependency in the registry
// here) through npx. Writes .vercel/project.json (not committed: .gitignore), so no account, token
// or network link to a Vercel project is needed. Takes 3 to 5 minutes (a production build).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const VERCEL = 'vercel@59.25.4';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

// A project description of our own: `vercel build` reads the framework and commands from it.
mkdirSync('.vercel', { recursive: true });
writeFileSync(
  '.vercel/project.json',
  `${JSON.stringify(
    {
      projectId: 'prj_sesame_local_check',
      orgId: 'team_sesame_local_check',
      settings: { framework: 'nextjs', installCommand: null, buildCommand: null, outputDirectory: null, rootDirectory: null, devCommand: null },
    },
    null,
    2,
  )}\n`,
);

// Local state that must never ship: a canary in .data/ proves the exclusion, whatever is there.
const CANARY = '.data/check-vercel-canary';
mkdirSync('.data', { recursive: true });
writeFileSync(CANARY, 'must not be deployed\n');
try {
  // CHECK_VERCEL_SKIP_BUILD=1 checks the output of the last build again.
  if (!process.env.CHECK_VERCEL_SKIP_BUILD) rmSync('.vercel/output', { recursive: true, force: true });
  if (!process.env.CHECK_VERCEL_SKIP_BUILD) execFileSync('npx', ['-y', VERCEL, 'build', '--yes'], { stdio: 'inherit', env: { ...process.env, VERCEL_TELEMETRY_DISABLED: '1' } });
} finally {
  rmSync(CANARY, { force: true });
}

const output = '.vercel/output';
const problems = [];
const FORBIDDEN = [/^\.data\//, /auth-secret/, /^\.env/, /^\.vercel\//, /^test-results\//, /^playwright-report\//, /^e2e\//, /^bench\//];
// A piece of the compressed list of leaked passwords (@zxcvbn-ts/language-common), the start of the blocklist.
const BLOCKLIST_MARKER = Buffer.from('ApasswordA12345678');

function functionsIn(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.name.endsWith('.func')) return [full];
    return entry.isDirectory() ? functionsIn(full) : [];
  });
}

const sizeOf = new Map();
const holdsBlocklist = new Map();
function fileSize(file) {
  if (!sizeOf.has(file)) sizeOf.set(file, existsSync(file) ? statSync(file).size : 0);
  return sizeOf.get(file);
}
function hasBlocklist(file) {
  if (!holdsBlocklist.has(file)) holdsBlocklist.set(file, file.endsWith('.js') && existsSync(file) && readFileSync(file).includes(BLOCKLIST_MARKER));
  return holdsBlocklist.get(file);
}
function filesOf(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesOf(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [[`${prefix}${entry.name}`, path.join(dir, entry.name)]],
  );
}

const rows = [];
for (const dir of functionsIn(path.join(output, 'functions')).sort()) {
  const name = path.relative(path.join(output, 'functions'), dir).replace(/\.func$/, '');
  const config = JSON.parse(readFileSync(path.join(dir, '.vc-config.json'), 'utf8'));
  // Files copied into the function, and files it takes from the project (filePathMap: deployed path → local path).
  const files = [...filesOf(dir), ...Object.entries(config.filePathMap ?? {})];
  const bytes = files.reduce((n, [, local]) => n + fileSize(local), 0);
  const deployed = files.map(([deployedPath]) => deployedPath);
  const forbidden = deployed.filter((p) => FORBIDDEN.some((re) => re.test(p)));
  const migrations = deployed.includes('drizzle/meta/_journal.json') && deployed.some((p) => /^drizzle\/\d{4}_.*\.sql$/.test(p));
  const blocklist = files.some(([p, local]) => p.startsWith('.next/') && hasBlocklist(local));
  rows.push({ name, runtime: config.runtime ?? 'edge', files: files.length, bytes, migrations, blocklist });
  if (forbidden.length) problems.push(`${name}: ships local state: ${forbidden.slice(0, 5).join(', ')}`);
  if (config.runtime?.startsWith('nodejs') && !migrations) problems.push(`${name}: the migrations are missing (instances migrate at start-up)`);
}

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
console.log('\nFunctions (".rsc" twins, identical, left out):');
console.log(`${'function'.padEnd(34)} ${'runtime'.padEnd(11)} ${'files'.padStart(6)} ${'MB'.padStart(7)}  migrations  blocklist`);
for (const r of rows.filter((row) => !row.name.endsWith('.rsc'))) {
  console.log(`${r.name.padEnd(34)} ${r.runtime.padEnd(11)} ${String(r.files).padStart(6)} ${mb(r.bytes).padStart(7)}  ${(r.migrations ? 'yes' : 'no').padEnd(10)}  ${r.blocklist ? 'yes' : 'no'}`);
}
console.log(`${rows.length} functions in all; the largest ${mb(Math.max(...rows.map((r) => r.bytes)))} MB (Vercel's limit: 250 MB unzipped).`);

// The pages where a password is chosen: a reset or first connection, and a change in Mon espace.
for (const page of ['reinitialisation', 'espace']) {
  const row = rows.find((r) => r.name === page);
  if (!row?.blocklist) problems.push(`${page}: the password blocklist is not in its bundle`);
}
const crons = JSON.parse(readFileSync(path.join(output, 'config.json'), 'utf8')).crons ?? [];
console.log(`Crons: ${crons.map((c) => `${c.path} (${c.schedule})`).join(', ') || 'none'}`);
if (!crons.some((c) => c.path === '/api/cron/outbox')) problems.push('config.json: no cron entry for /api/cron/outbox');

if (problems.length) {
  console.error(`\ncheck:vercel found ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('\ncheck:vercel: every function has the migrations, the password pages carry the blocklist, no local state ships, the cron is declared.');
