/**
 * The dry run of a 100,000-row WordPress user export, through the real command line
 * (`npm run accounts -- import FILE --from wordpress --dry-run`), timed with its peak memory:
 *   npm run bench:wordpress                              (embedded database, in memory)
 *   DATABASE_URL=postgres://…/sesame_bench npm run bench:wordpress
 * The file is what `wp user list --fields=user_login,user_email,display_name,user_pass --format=csv`
 * writes, its hashes taken from test/fixtures/wordpress-hashes.json (written by WordPress's and
 * PHP's own code): 60 % phpass, 30 % WordPress 6.8, 5 % bcrypt, 3 % a format Sésame does not
 * check, 2 % logins that are not licence numbers. A dry run writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROWS = 100_000;
type Fixture = { hash: string; format: string };
const hashes: Fixture[] = JSON.parse(readFileSync('test/fixtures/wordpress-hashes.json', 'utf8')).hashes;
const pick = (format: string, prefix: string) => hashes.find((h) => h.format === format && h.hash.startsWith(prefix))!.hash;
const PHPASS = pick('phpass', '$P$');
const WP68 = pick('wordpress-bcrypt', '$wp$');
const BCRYPT = pick('bcrypt', '$2y$');

function wordpressExport(): string {
  const lines = ['user_login,user_email,display_name,user_pass'];
  for (let i = 0; i < ROWS; i += 1) {
    const slot = i % 100;
    const login = slot < 2 ? `membre${i}` : String(80_000_000 + i);
    const hash = slot < 60 ? PHPASS : slot < 90 ? WP68 : slot < 95 ? BCRYPT : slot < 98 ? '$1$abcdefgh$0123456789abcdefghijkl' : PHPASS;
    lines.push(`${login},membre${i}@example.org,"Membre ${i}, club ${i % 500}",${hash}`);
  }
  return `${lines.join('\n')}\n`;
}

const dir = mkdtempSync(path.join(tmpdir(), 'sesame-wp-bench-'));
const file = path.join(dir, 'users.csv');
writeFileSync(file, wordpressExport());
const env = { DEV_TOOLS: '1', ...process.env, PGLITE_DIR: process.env.DATABASE_URL ? undefined : 'memory://' };
const started = performance.now();
// GNU time's -v prints the peak resident memory of the command line's whole process tree root.
const run = spawnSync('/usr/bin/time', ['-v', 'npx', 'tsx', '--conditions=react-server', 'scripts/accounts.ts', 'import', file, '--from', 'wordpress', '--dry-run'], {
  env,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
const seconds = (performance.now() - started) / 1000;
rmSync(dir, { recursive: true, force: true });

const summary = run.stdout.slice(run.stdout.lastIndexOf('\nImport of')).trim();
const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? NaN);
const errorLines = (run.stdout.match(/^ {2}line \d+: .*$/gm) ?? []).length;
console.log(`${ROWS.toLocaleString('en-US')}-row WordPress export, ${process.env.DATABASE_URL ? 'Postgres' : 'embedded database (in memory)'}; exit code ${run.status}`);
console.log(summary.replace(/^Import of .*?,/, 'Import of users.csv,'));
console.log(`\n${errorLines.toLocaleString('en-US')} report lines; ${seconds.toFixed(1)} s wall (tsx start included), peak memory ${(peakKb / 1024).toFixed(0)} MB`);
if (!summary.startsWith('Import of')) {
  console.error(run.stdout.slice(-2000), run.stderr.slice(-2000));
  process.exitCode = 1;
}
