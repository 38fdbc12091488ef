/**
 * Section 3: does hashing starve everything else? The p99 answer time of the health check and of
 * the sign-in page, idle and then while 16 sign-ins are being hashed: a server that hashes on the
 * thread serving pages makes every page wait behind the comparisons.
 */
import { freshAddress, ms, percentile, send } from './http';
import { log } from './processes';
import { verdict, type Context, type Row, type Section } from './report';
import { readForms, SEEDED_ACTIVE, SEEDED_PASSWORD, signIn } from './sesame';
import { burstOfSignIns } from './s2-sign-ins';

const IDLE_RUNS = 50;
const ROUNDS = 2;
const ROUTES = ['/api/health', '/connexion'] as const;

async function timedGet(url: string): Promise<number> {
  const answer = await send(url);
  if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}`);
  return answer.ms;
}

export const latencySection: Section = {
  number: 3,
  title: 'page latency idle and while sign-ins hash',
  async run(context: Context) {
    const { server } = await context.shared();
    const forms = await readForms(server.base);
    await signIn(forms, SEEDED_ACTIVE[62], SEEDED_PASSWORD, freshAddress());

    const idle: Record<string, number[]> = {};
    for (const route of ROUTES) {
      for (let i = 0; i < 5; i += 1) await timedGet(`${server.base}${route}`);
      idle[route] = [];
      for (let i = 0; i < IDLE_RUNS; i += 1) idle[route].push(await timedGet(`${server.base}${route}`));
    }

    // Each route has its own client asking again and again while the sign-ins are in flight;
    // every request started inside that window counts, however late its answer.
    const busy: Record<string, number[]> = Object.fromEntries(ROUTES.map((r) => [r, []]));
    const notOk: Record<string, number> = Object.fromEntries(ROUTES.map((r) => [r, 0]));
    for (let round = 0; round < ROUNDS; round += 1) {
      log(`3: round ${round + 1}/${ROUNDS}: pages while 16 sign-ins hash`);
      let hashing = true;
      const probes = ROUTES.map(async (route) => {
        while (hashing) {
          const answer = await send(`${server.base}${route}`).catch(() => null);
          if (answer?.status !== 200) notOk[route] += 1;
          if (answer) busy[route].push(answer.ms);
        }
      });
      await burstOfSignIns(forms, round + 3);
      hashing = false;
      await Promise.all(probes);
    }

    const rows: Row[] = ROUTES.map((route, i) => {
      const idleP99 = percentile(idle[route], 99);
      const busyP99 = percentile(busy[route], 99);
      return {
        id: `3${'ab'[i]}`,
        measure: `GET ${route} p99 idle → while 16 sign-ins hash`,
        value: `${ms(idleP99)} → ${ms(busyP99)} (${(busyP99 / idleP99).toFixed(1)}×, n=${busy[route].length}${notOk[route] ? `, ${notOk[route]} not 200` : ''})`,
        target: '≤ 3× idle',
        result: verdict(busy[route].length > 0 && notOk[route] === 0 && busyP99 <= 3 * idleP99),
      };
    });
    return { rows, details: { idle, busy, notOk } };
  },
};
