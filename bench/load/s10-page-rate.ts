/**
 * Section 10: the public pages' requests per second against WordPress's wp-login.php on the same
 * machine (issue 21: each at least 10×). WordPress as Debian ships it, on php-fpm and nginx
 * (bench/wordpress/wordpress.ts, which needs the Debian packages wordpress, php-fpm, php-mysql,
 * php-cli, nginx and a MariaDB server). 16 connections, 10-second runs, interleaved — wp-login.php,
 * then each page on the embedded database, then each page on Postgres with one process per core —
 * three times, so that a machine getting busier or quieter weighs on all alike; each figure is the
 * median of its three runs. Only 2xx answers count: a 503 "busy" page is not a page served.
 * The load generator runs in this process, on the same cores as both servers. Next to each rate,
 * the server's CPU time per answer (WordPress's with MariaDB's; Sésame's with the embedded
 * database's, without Postgres's): unlike the rate, it hardly moves when the machine is busy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startWordPress, freePortIn, type WordPress } from '../wordpress/wordpress';
import { fetchForm, postForm } from './form';
import { freshAddress, median, ms, send, sleep } from './http';
import { log, seededPostgres, startServer, startStub, type Server, type Stub } from './processes';
import { verdict, type Context, type Row, type Section } from './report';
import { resetValues } from './sesame';

const CONNECTIONS = 16;
const RUN_SECONDS = 10;
const ROUNDS = 3;
const WARM_UP_SECONDS = 2;
const TARGET = 10;
/** The new-password form's page: what a person who opened a valid emailed link sees. */
const NEW_PASSWORD = '/reinitialisation';
const PAGES = ['/connexion', '/', '/mot-de-passe-oublie', '/ouverture-de-compte', NEW_PASSWORD];
/** A pending demo account (README): its first-connection link opens the new-password form. */
const PENDING = '00067890';
/** Debian's PostgreSQL is not WordPress's reference; this database is this section's own. */
const PG_DATABASE = 'sesame_bench_pages';

type Run = { perSecond: number; p99: number; non2xx: number; errors: number; timeouts: number; statuses: Record<string, number>; clientCores: number; cpuMsPerAnswer: number };

/** `groups`: the server's process groups, whose CPU time is counted; `names`: other processes counted too (its database server). */
type Target = { label: string; url: string; headers: Record<string, string>; groups: number[]; names: string[]; runs: Run[] };

/**
 * CPU time (ms) used so far by the processes of these groups and of these names, from /proc (Linux;
 * 0 elsewhere). Requests per second depend on how many cores a server can use and on what else the
 * machine runs; CPU time per answer does not, so it tells the two apart on a busy machine.
 */
function cpuMs(groups: number[], names: string[]): number {
  let ticks = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // The fields after the name: state, ppid, pgrp, … utime (12th), stime (13th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (groups.includes(Number(fields[2])) || names.includes(name)) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux.
}

async function cannon(target: Target, seconds: number): Promise<Run> {
  const cpu = process.cpuUsage();
  const serverCpu = cpuMs(target.groups, target.names);
  const began = performance.now();
  const result = await autocannon({ url: target.url, connections: CONNECTIONS, duration: seconds, headers: { 'accept-language': 'fr', ...target.headers } });
  const elapsed = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  const served = cpuMs(target.groups, target.names) - serverCpu;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  return {
    perSecond: result['2xx'] / elapsed,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    clientCores: (used.user + used.system) / 1e6 / elapsed,
    cpuMsPerAnswer: served / Math.max(1, result['2xx']),
  };
}

/**
 * The cookie a valid first-connection link sets: asks for the link like a person does, takes it
 * from the Resend stub and opens it (the link route moves the token into a cookie, then 303).
 */
async function newPasswordCookie(server: Server, stub: Stub): Promise<string> {
  const form = await fetchForm(`${server.base}/mot-de-passe-oublie`, ['identifier']);
  await postForm(form, resetValues(PENDING), freshAddress());
  for (let i = 0; i < 40; i++) {
    // The stub is shared: this server's link starts with its own address.
    const link = JSON.stringify(await stub.messages()).match(new RegExp(`${server.base.replace(/\./g, '\\.')}(/reinitialisation/([A-Za-z0-9_-]{20,}))`));
    if (link) {
      const opened = await send(`${server.base}${link[1]}`, { headers: { 'x-forwarded-for': freshAddress() } });
      const cookie = [opened.headers['set-cookie'] ?? []].flat().find((c) => c.split(';')[0].endsWith(`=${link[2]}`))?.split(';')[0];
      if (!cookie) throw new Error(`opening the first-connection link set no cookie (${opened.status})`);
      const page = await send(`${server.base}${NEW_PASSWORD}`, { headers: { cookie } });
      if (page.status !== 200 || !page.body.includes(PENDING)) throw new Error(`the new-password page did not show ${PENDING}'s form (${page.status})`);
      return cookie;
    }
    await sleep(250);
  }
  throw new Error(`no first-connection email for ${PENDING} reached the stub`);
}

async function sesameTargets(server: Server, stub: Stub, where: string): Promise<Target[]> {
  const cookie = await newPasswordCookie(server, stub);
  // The server's own processes only: Postgres's are shared with whatever else uses that server.
  return PAGES.map((page): Target => ({ label: `${where} ${page}`, url: `${server.base}${page}`, headers: page === NEW_PASSWORD ? { cookie } : {}, groups: [server.pid], names: [], runs: [] }));
}

const middle = (target: Target) => ({
  perSecond: median(target.runs.map((r) => r.perSecond)),
  p99: median(target.runs.map((r) => r.p99)),
  cpuMs: median(target.runs.map((r) => r.cpuMsPerAnswer)),
  failed: target.runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
});

function problems(target: Target): string {
  const statuses: Record<string, number> = {};
  let errors = 0;
  for (const run of target.runs) {
    errors += run.errors + run.timeouts;
    for (const [code, count] of Object.entries(run.statuses)) if (!code.startsWith('2')) statuses[code] = (statuses[code] ?? 0) + count;
  }
  const parts = [...Object.entries(statuses).map(([code, count]) => `${count} × ${code}`), ...(errors ? [`${errors} errors/timeouts`] : [])];
  return parts.length ? `; NOT 2xx: ${parts.join(', ')}` : '';
}

export const pageRateSection: Section = {
  number: 10,
  title: 'page rate against WordPress wp-login.php',
  async run(context: Context) {
    const pgUrl = new URL(context.options.pgUrl);
    pgUrl.pathname = `/${PG_DATABASE}`;
    let wordpress: WordPress | null = null;
    const servers: Server[] = [];
    const stub = await startStub(context.setup, 'pages');
    const rows: Row[] = [];
    try {
      wordpress = await startWordPress({ port: await freePortIn(8600, 8699), log: (m) => log(`10: ${m}`) });
      // WordPress's cost includes MariaDB's (its queries are part of every page).
      const reference: Target = { label: 'WordPress wp-login.php', url: wordpress.loginUrl, headers: {}, groups: wordpress.groups, names: ['mariadbd', 'mysqld'], runs: [] };
      const embedded = await startServer(context.setup, { database: await context.templates.fresh(), stub, label: 'pages-pglite' });
      servers.push(embedded);
      const targets = await sesameTargets(embedded, stub, 'embedded');
      // Postgres is the second half of the comparison; without a server, the embedded half still runs.
      let postgresSkipped: string | null = null;
      try {
        // No WEB_CONCURRENCY: the server's default on Postgres, one process per core.
        const onPostgres = await startServer(context.setup, { database: await seededPostgres(context.setup, pgUrl.href, 'pages-postgres'), stub, label: 'pages-postgres' });
        servers.push(onPostgres);
        targets.push(...(await sesameTargets(onPostgres, stub, 'Postgres')));
      } catch (error) {
        postgresSkipped = (error as Error).message.split('\n')[0];
        log(`10: Postgres half skipped: ${postgresSkipped}`);
      }

      // Warm-up: opcache and WordPress's first queries, Next.js's first render of each page.
      for (const target of [reference, ...targets]) await cannon(target, WARM_UP_SECONDS);
      for (let round = 1; round <= ROUNDS; round++) {
        for (const target of [reference, ...targets]) {
          log(`10: round ${round}/${ROUNDS}: GET ${target.label}, ${CONNECTIONS} connections, ${RUN_SECONDS} s`);
          const run = await cannon(target, RUN_SECONDS);
          target.runs.push(run);
        }
      }

      const wp = middle(reference);
      rows.push({
        id: '10',
        measure: `WordPress ${wordpress.loginUrl.replace(/^http:\/\/[^/]+/, '')} 2xx/s (Debian, php-fpm + nginx; ${CONNECTIONS} conn., median of ${ROUNDS} × ${RUN_SECONDS} s)`,
        value: `${Math.round(wp.perSecond)}/s, p99 ${ms(wp.p99)}, ${ms(wp.cpuMs)} CPU/answer (with MariaDB's)${problems(reference)}`,
        target: 'reference',
        result: wp.failed ? 'error' : 'info',
      });
      for (const target of targets) {
        const m = middle(target);
        const ratio = m.perSecond / wp.perSecond;
        rows.push({
          id: '10',
          measure: `GET ${target.label}${target.label.endsWith(NEW_PASSWORD) ? ' (valid link)' : ''} 2xx/s ÷ wp-login.php`,
          value: `${ratio.toFixed(2)} (${Math.round(m.perSecond)}/s, p99 ${ms(m.p99)}, ${ms(m.cpuMs)} CPU/answer: WordPress's ÷ ${(wp.cpuMs / m.cpuMs).toFixed(1)}${problems(target)})`,
          target: `≥ ${TARGET}`,
          result: verdict(ratio >= TARGET && m.failed === 0),
        });
      }
      if (postgresSkipped) rows.push({ id: '10', measure: 'the pages on Postgres', value: `could not run: ${postgresSkipped}`, target: '—', result: 'error' });
      const runs = Object.fromEntries([reference, ...targets].map((t) => [t.label, t.runs]));
      return { rows, details: { connections: CONNECTIONS, seconds: RUN_SECONDS, rounds: ROUNDS, runs } };
    } finally {
      for (const server of servers) await server.stop();
      await stub.stop();
      await wordpress?.stop();
    }
  },
};
