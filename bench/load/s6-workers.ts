/**
 * Section 6: does a second process per machine pay? The sign-in page's requests per second on
 * Postgres (the only database several processes can share) with WEB_CONCURRENCY=2 against 1.
 * The load generator runs on the same cores, so its own CPU use is printed next to the ratio.
 */
import autocannon from 'autocannon';
import { log, seededPostgres, startServer, startStub, type Server } from './processes';
import { verdict, type Context, type Row, type Section } from './report';

const CONNECTIONS = 50;
const WARM_UP_SECONDS = 3;

type Run = { requests: number; seconds: number; non2xx: number; errors: number; timeouts: number; cpuMs: number };

async function cannon(url: string, seconds: number): Promise<Run> {
  const cpu = process.cpuUsage();
  const began = performance.now();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { 'accept-language': 'fr' } });
  const used = process.cpuUsage(cpu);
  return {
    requests: result['2xx'],
    seconds: (performance.now() - began) / 1000,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpuMs: (used.user + used.system) / 1000,
  };
}

const add = (a: Run, b: Run): Run => ({
  requests: a.requests + b.requests,
  seconds: a.seconds + b.seconds,
  non2xx: a.non2xx + b.non2xx,
  errors: a.errors + b.errors,
  timeouts: a.timeouts + b.timeouts,
  cpuMs: a.cpuMs + b.cpuMs,
});
const NONE: Run = { requests: 0, seconds: 0, non2xx: 0, errors: 0, timeouts: 0, cpuMs: 0 };

export const workersSection: Section = {
  number: 6,
  title: 'WEB_CONCURRENCY=2 vs 1 on Postgres',
  async run(context: Context) {
    const url = context.options.pgUrl;
    const seconds = context.options.pgSeconds;
    const database = await seededPostgres(context.setup, url, 'postgres');
    const stub = await startStub(context.setup, 'postgres');
    const servers: Record<string, Server> = {};
    const runs: Record<string, Run> = { '1': NONE, '2': NONE };
    const turns: { processes: string; perSecond: number }[] = [];
    try {
      for (const processes of ['1', '2']) {
        servers[processes] = await startServer(context.setup, {
          database,
          stub,
          label: `postgres-wc${processes}`,
          env: { WEB_CONCURRENCY: processes },
        });
      }
      for (const processes of ['1', '2']) await cannon(`${servers[processes].base}/connexion`, WARM_UP_SECONDS);
      // Both servers stay up (the idle one costs nothing) and take turns, 1 2 2 1, so that a
      // machine getting slower or faster during the run weighs on both alike. Turns stay long:
      // the requests still in flight when a turn ends are not counted.
      for (const processes of ['1', '2', '2', '1']) {
        log(`6: GET /connexion, ${CONNECTIONS} connections, ${seconds / 2} s, WEB_CONCURRENCY=${processes}`);
        const run = await cannon(`${servers[processes].base}/connexion`, seconds / 2);
        turns.push({ processes, perSecond: Math.round(run.requests / run.seconds) });
        runs[processes] = add(runs[processes], run);
      }
    } finally {
      for (const server of Object.values(servers)) await server.stop();
      await stub.stop();
    }
    const rate = (r: Run) => r.requests / r.seconds;
    const clientCores = (r: Run) => r.cpuMs / 1000 / r.seconds;
    const [one, two] = [runs['1'], runs['2']];
    const ratio = rate(two) / rate(one);
    const problems = (r: Run) => (r.non2xx || r.errors || r.timeouts ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : '');
    const rows: Row[] = [
      {
        id: '6',
        measure: `GET /connexion 2xx/s on Postgres, WEB_CONCURRENCY 2 ÷ 1 (${CONNECTIONS} conn., ${seconds} s each)`,
        value:
          `${ratio.toFixed(2)} (${Math.round(rate(two))} vs ${Math.round(rate(one))}/s${problems(two)}${problems(one)}; ` +
          `load generator used ${clientCores(two).toFixed(2)} / ${clientCores(one).toFixed(2)} core)`,
        target: '≥ 1.7',
        result: verdict(ratio >= 1.7 && !two.non2xx && !one.non2xx),
      },
    ];
    return { rows, details: { runs, turns } };
  },
};
