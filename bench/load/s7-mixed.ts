/**
 * Sections 7 and 8: launch day. 200 clients at once on the public pages, with sign-ins (right
 * passwords) and reset requests mixed in, for a minute: on the embedded database (7), then on
 * Postgres with one process per core, as docs/operators.md advises for a launch (8). What matters is
 * what people see: server errors other than the documented "busy" answer, connections dropped,
 * requests left without an answer, and the answer times of each route.
 */
import autocannon from 'autocannon';
import { formRequest, pageText } from './form';
import { ms, percentile } from './http';
import { log, seededPostgres, startServer, startStub, type Database } from './processes';
import { verdict, type Context, type Row, type Section } from './report';
import { DEMO_ACTIVE, isBusy, MESSAGES, readForms, resetValues, SEEDED_ACTIVE, SEEDED_PASSWORD, signInOutcome, signInValues, type Forms } from './sesame';

const CLIENTS = 200;
const TIMEOUT_SECONDS = 10;
const SHARES = { signIn: 0.1, reset: 0.05 };
const PAGES = ['/', '/connexion', '/mot-de-passe-oublie', '/api/health'] as const;
const SIGN_IN = 'POST /connexion (sign-in)';
const RESET = 'POST /mot-de-passe-oublie (reset)';
const ROUTES = [...PAGES.map((p) => `GET ${p}`), SIGN_IN, RESET];

type RouteStats = {
  times: number[];
  statuses: Record<string, number>;
  busy: number;
  serverErrors: number;
  connectionErrors: number;
  timeouts: number;
  outcomes: Record<string, number>;
};

const randomOctet = () => Math.floor(Math.random() * 254) + 1;
/** A random client address (10.0.0.0/8): sign-ins and resets come from all over. */
const randomAddress = () => `10.${randomOctet()}.${randomOctet()}.${randomOctet()}`;

const ACCOUNTS: [string, string][] = [...SEEDED_ACTIVE.map((id): [string, string] => [id, SEEDED_PASSWORD]), ...Object.entries(DEMO_ACTIVE)];
const pickAccount = () => ACCOUNTS[Math.floor(Math.random() * ACCOUNTS.length)];

function nextRequest(forms: Forms): { route: string; params: autocannon.RequestParams } {
  const roll = Math.random();
  if (roll < SHARES.signIn) {
    const [identifier, password] = pickAccount();
    const { path, method, headers, body } = formRequest(forms.signIn, signInValues(identifier, password), randomAddress());
    return { route: SIGN_IN, params: { path, method, headers, body } };
  }
  if (roll < SHARES.signIn + SHARES.reset) {
    const { path, method, headers, body } = formRequest(forms.reset, resetValues(pickAccount()[0]), randomAddress());
    return { route: RESET, params: { path, method, headers, body } };
  }
  const page = PAGES[Math.floor(Math.random() * PAGES.length)];
  return { route: `GET ${page}`, params: { path: page, method: 'GET', headers: { 'accept-language': 'fr' } } };
}

type Where = { number: number; title: string; label: string; database(context: Context): Promise<Database> };

const mixedLoad = ({ number, title, label, database }: Where): Section => ({
  number,
  title,
  async run(context: Context) {
    const seconds = context.options.mixedSeconds;
    const id = String(number);
    const stub = await startStub(context.setup, label);
    // No WEB_CONCURRENCY: the server's default, one process per core on Postgres, one on the embedded database.
    const server = await startServer(context.setup, { database: await database(context), stub, label });
    const stats: Record<string, RouteStats> = Object.fromEntries(
      ROUTES.map((r) => [r, { times: [], statuses: {}, busy: 0, serverErrors: 0, connectionErrors: 0, timeouts: 0, outcomes: {} }]),
    );
    const routeOf = (ctx: autocannon.Context | undefined) => stats[String(ctx?.route)] ?? stats[ROUTES[0]];
    let result: autocannon.Result;
    try {
      const forms = await readForms(server.base);
      log(`${id}: ${CLIENTS} clients for ${seconds} s: pages, ${SHARES.signIn * 100} % sign-ins, ${SHARES.reset * 100} % reset requests`);
      const instance = autocannon({
        url: server.base,
        connections: CLIENTS,
        duration: seconds,
        timeout: TIMEOUT_SECONDS,
        requests: [
          {
            setupRequest(request, ctx) {
              const next = nextRequest(forms);
              ctx.route = next.route;
              return { ...request, ...next.params };
            },
            onResponse(status, body, ctx, headers) {
              const s = routeOf(ctx);
              s.statuses[status] = (s.statuses[status] ?? 0) + 1;
              if (status >= 500) {
                if (isBusy(status, body)) s.busy += 1;
                else s.serverErrors += 1;
              }
              if (ctx.route === SIGN_IN) {
                // Header names come as the server wrote them.
                const location = Object.entries(headers).find(([name]) => name.toLowerCase() === 'location')?.[1];
                const outcome = signInOutcome({ status, headers: { location: String(location ?? '') }, body });
                // An unexpected answer says where it led, so that the table tells what went wrong.
                const key = outcome === 'other' ? `other ${status}${location ? ` → ${String(location).split('?')[0]}` : ''}` : outcome;
                s.outcomes[key] = (s.outcomes[key] ?? 0) + 1;
                // The busy page comes after a redirect, which the load does not follow.
                if (outcome === 'busy' && status < 500) s.busy += 1;
              }
              if (ctx.route === RESET) {
                const outcome = status === 200 && pageText(body).includes(MESSAGES.resetSent) ? 'confirmed' : `other ${status}`;
                s.outcomes[outcome] = (s.outcomes[outcome] ?? 0) + 1;
              }
            },
          },
        ],
        setupClient(client) {
          // autocannon starts the next request (and forgets the last one's context) before it
          // reports a timeout, so keep the context that was replaced.
          const iterator = client.requestIterator;
          const reset = iterator.resetContext.bind(iterator);
          let previous: autocannon.Context | undefined;
          iterator.resetContext = () => {
            previous = iterator.context;
            reset();
          };
          client.on('timeout', () => (routeOf(previous).timeouts += 1));
          client.on('connError', () => (routeOf(iterator.context).connectionErrors += 1));
          // A connection the server closes with a request pending is a lost answer too; autocannon
          // reconnects without counting it.
          const connect = client._connect.bind(client);
          client._connect = () => {
            connect();
            client.conn.prependListener('end', () => {
              if (client.pipelinedRequests.size() > 0) routeOf(iterator.context).connectionErrors += 1;
            });
          };
        },
      });
      instance.on('response', (client: autocannon.Client, _status: number, _bytes: number, time: number) => {
        routeOf(client.requestIterator.context).times.push(time);
      });
      result = await instance;
    } finally {
      await server.stop();
      await stub.stop();
    }

    const all = Object.values(stats);
    const sum = (pick: (s: RouteStats) => number) => all.reduce((total, s) => total + pick(s), 0);
    const [serverErrors, busy, connectionErrors, timeouts] = [sum((s) => s.serverErrors), sum((s) => s.busy), sum((s) => s.connectionErrors), sum((s) => s.timeouts)];
    const answers = sum((s) => s.times.length);
    // Requests still waiting when the time was up are neither answers nor timeouts.
    const leftInFlight = Math.max(0, result.requests.sent - answers - timeouts - connectionErrors);
    const rows: Row[] = [
      {
        id: `${id}a`,
        measure: `mixed load ${seconds} s, ${CLIENTS} clients: 5xx (not busy) / conn. errors / timeouts (${TIMEOUT_SECONDS} s)`,
        value:
          `${serverErrors} / ${connectionErrors} / ${timeouts} (busy: ${busy}; ${answers} answers, ${(answers / result.duration).toFixed(1)}/s; ` +
          `${leftInFlight} still waiting at the end)`,
        target: '0 / 0 / 0',
        result: verdict(serverErrors + connectionErrors + timeouts === 0),
      },
      ...ROUTES.map((route, i): Row => {
        const s = stats[route];
        const statuses = Object.entries(s.statuses)
          .map(([code, n]) => `${code}×${n}`)
          .join(' ');
        const extra = [statuses, s.timeouts ? `timeouts ${s.timeouts}` : '', s.connectionErrors ? `conn. errors ${s.connectionErrors}` : '']
          .concat(route === SIGN_IN || route === RESET ? [Object.entries(s.outcomes).map(([k, n]) => `${k} ${n}`).join(', ')] : [])
          .filter(Boolean)
          .join('; ');
        return {
          id: `${id}${'bcdefg'[i]}`,
          measure: `  ${route} p50 / p99`,
          value: `${ms(percentile(s.times, 50))} / ${ms(percentile(s.times, 99))} (${extra || 'no answer'})`,
          target: 'info (answered requests)',
          result: 'info',
        };
      }),
    ];
    const details = Object.fromEntries(
      Object.entries(stats).map(([route, s]) => [route, { ...s, times: undefined, answers: s.times.length, p50: percentile(s.times, 50), p90: percentile(s.times, 90), p99: percentile(s.times, 99) }]),
    );
    return { rows, details: { routes: details, autocannon: { requests: result.requests, latency: result.latency, errors: result.errors, timeouts: result.timeouts, statusCodeStats: result.statusCodeStats } } };
  },
});

export const mixedSection = mixedLoad({ number: 7, title: 'mixed load, embedded database', label: 'mixed', database: (context) => context.templates.fresh() });

export const mixedPostgresSection = mixedLoad({
  number: 8,
  title: 'mixed load, Postgres',
  label: 'mixed-postgres',
  database: (context) => seededPostgres(context.setup, context.options.pgUrl, 'mixed-postgres'),
});
