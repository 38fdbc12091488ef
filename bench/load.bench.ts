/**
 * npm run bench:load — launch-day figures of a Sésame checkout's production build, measured from
 * the outside over HTTP, as one table. Every target is a ratio of figures taken in the same run
 * (a bcrypt comparison in this process, the number of cores, the same server idle), so it holds on
 * a slow or noisy machine.
 *
 *   npm run bench:load                                 the checkout this file lives in
 *   npm run bench:load -- --dir ../other-checkout      another checkout (its `.next` must exist)
 *   npm run bench:load -- --only 2,3 --mixed-seconds 10
 *
 * Options: --dir <checkout>, --only <sections> (1 to 10; 1 always runs, the others' targets need
 * it), --mixed-seconds <n> (sections 7 and 8, default 60), --pg-seconds <n> (section 6, default
 * 10), --pg-url <postgres://…> (sections 6 and 8, default
 * postgres://postgres@127.0.0.1:5432/sesame_bench; its schema is dropped and recreated; section 10
 * uses the same server's sesame_bench_pages).
 *
 * It starts its own servers (`node server.mjs`, NODE_ENV=production, bcrypt cost 12) on free ports,
 * each on a fresh embedded database holding the demo and end-to-end accounts, with the checkout's
 * Resend stub; and stops every one of them, even on failure. Progress goes to stderr, the table to
 * stdout, and the table with the raw figures to .data/bench/load-<commit>-<time>.json of this
 * repository.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ms } from './load/http';
import { gitShortHash, killEverything, log, PgliteTemplate, startServer, startStub, type Server, type Stub } from './load/processes';
import { formatTable, type Context, type Options, type Row, type Section } from './load/report';
import { measureCompare } from './load/s1-compare';
import { signInsSection } from './load/s2-sign-ins';
import { latencySection } from './load/s3-latency';
import { throttleSection } from './load/s4-throttle';
import { stopSection } from './load/s5-stop';
import { workersSection } from './load/s6-workers';
import { mixedPostgresSection, mixedSection } from './load/s7-mixed';
import { oneAddressSection } from './load/s9-one-address';
import { pageRateSection } from './load/s10-page-rate';

const BCRYPT_COST = 12;
const SECTIONS: Section[] = [signInsSection, latencySection, throttleSection, stopSection, workersSection, mixedSection, mixedPostgresSection, oneAddressSection, pageRateSection];
const thisRepo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string): never {
  process.stderr.write(`bench:load: ${message}\n`);
  process.exit(1);
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      only: { type: 'string' },
      'mixed-seconds': { type: 'string' },
      'pg-seconds': { type: 'string' },
      'pg-url': { type: 'string' },
    },
  });
  const number = (name: string, raw: string | undefined, fallback: number) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0) fail(`--${name} takes a positive number of seconds`);
    return value;
  };
  const only = new Set((values.only ?? '1,2,3,4,5,6,7,8,9,10').split(',').map((s) => Number(s.trim())));
  if ([...only].some((n) => !Number.isInteger(n) || n < 1 || n > SECTIONS.length + 1)) fail(`--only takes section numbers from 1 to ${SECTIONS.length + 1}, e.g. --only 2,3`);
  return {
    dir: path.resolve(values.dir ?? thisRepo),
    only,
    mixedSeconds: number('mixed-seconds', values['mixed-seconds'], 60),
    pgSeconds: number('pg-seconds', values['pg-seconds'], 10),
    pgUrl: values['pg-url'] ?? 'postgres://postgres@127.0.0.1:5432/sesame_bench',
  };
}

const options = readOptions();
if (!existsSync(path.join(options.dir, 'package.json'))) fail(`${options.dir} is not a checkout of Sésame (no package.json)`);
if (!existsSync(path.join(options.dir, '.next', 'BUILD_ID'))) {
  fail(`no production build in ${options.dir}: run \`npm run build\` there first (the bench measures .next, it does not build)`);
}
if (!existsSync(path.join(options.dir, 'node_modules'))) fail(`no node_modules in ${options.dir}: run \`npm install\` there first`);

const commit = gitShortHash(options.dir);
const loadAtStart = os.loadavg();
const startedAt = new Date();
const outDir = path.join(thisRepo, '.data', 'bench');
const logDir = path.join(outDir, 'logs', `${commit}-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(logDir, { recursive: true });
const setup = { dir: options.dir, logDir, bcryptCost: BCRYPT_COST };
const templates = new PgliteTemplate(setup);
/** Sections 2 to 4's server, started by the first of them that runs. */
const sharedServer: { started: Promise<{ server: Server; stub: Stub }> | null } = { started: null };

async function stopShared() {
  const started = sharedServer.started;
  sharedServer.started = null;
  if (!started) return;
  const { server, stub } = await started.catch(() => ({ server: null, stub: null }));
  await server?.stop();
  await stub?.stop();
}

log(`measuring ${options.dir} (${commit}), sections ${[...options.only].sort().join(',')}; logs in ${logDir}`);
const rows: Row[] = [];
const details: Record<string, unknown> = {};
try {
  log('1: bcrypt compare at cost 12 in this process');
  const { tCompareMs, cores, samples } = await measureCompare(options.dir, BCRYPT_COST);
  details['1'] = { tCompareMs, cores, samples };
  rows.push({ id: '1', measure: `t_compare (bcryptjs compare, cost ${BCRYPT_COST}, median of ${samples.length}); cores`, value: `${ms(tCompareMs)}; ${cores} cores`, target: 'reference', result: 'info' });

  const context: Context = {
    setup,
    options,
    cores,
    tCompareMs,
    templates,
    shared() {
      sharedServer.started ??= (async () => {
        const stub = await startStub(setup, 'shared');
        const server = await startServer(setup, { database: await templates.fresh(), stub, label: 'shared' });
        return { server, stub };
      })();
      return sharedServer.started;
    },
  };

  for (const section of SECTIONS) {
    if (!options.only.has(section.number)) continue;
    // The shared server has done its part once the sections that use it are over: the ones
    // after it get a machine to themselves.
    if (section.number > 4) await stopShared();
    log(`${section.number}: ${section.title}`);
    try {
      const outcome = await section.run(context);
      rows.push(...outcome.rows);
      details[section.number] = outcome.details;
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      log(`${section.number} failed: ${message}`);
      rows.push({ id: String(section.number), measure: section.title, value: `could not run: ${message.split('\n')[0]}`, target: '—', result: 'error' });
      details[section.number] = { error: message };
    }
  }
  await stopShared();
  // The same comparison again once the servers are quiet: a figure far from the first says the
  // machine was busy with something else during the run, and the table should be read with that.
  log('1: bcrypt compare again, at the end');
  const end = await measureCompare(options.dir, BCRYPT_COST);
  rows[0].value += ` (end of run: ${ms(end.tCompareMs)})`;
  details['1'] = { ...(details['1'] as object), endOfRun: end };
} finally {
  await stopShared();
  templates.dispose();
  killEverything();
}

const table = formatTable(rows);
const load = (l: number[]) => l.map((n) => n.toFixed(1)).join(' ');
process.stdout.write(
  `\nSésame load bench — ${options.dir} @ ${commit}, ${os.availableParallelism()} cores, Node ${process.version}, ${startedAt.toISOString()}, ` +
    `load average ${load(loadAtStart)} at the start, ${load(os.loadavg())} at the end\n\n${table}\n`,
);
const file = path.join(outDir, `load-${commit}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ checkout: options.dir, commit, startedAt, loadAverage: { start: loadAtStart, end: os.loadavg() }, options: { ...options, only: [...options.only] }, rows, details }, null, 2)}\n`);
log(`written ${file}`);
process.exit(0);
