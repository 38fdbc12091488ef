// @ts-check
/**
 * Sésame's production server (`npm start`): Next.js inside a plain Node HTTP server. `npm run dev`
 * runs it too, with `--dev` (Next.js's development mode, one process), so that the socket's address
 * is known there as well: /dev/outbox answers only a browser on this machine (lib/http/loopback.ts).
 *
 * - The client's address: Next.js does not tell the app which address connected; it only fills
 *   X-Forwarded-For from the socket when a request has none, so a client could pick its own address
 *   and dodge every per-address limit. This server writes the socket's address into `x-sesame-peer`
 *   on every request (replacing any the client sent); lib/http/request-info.ts believes
 *   X-Forwarded-For entries only for the proxies TRUST_PROXY declares.
 * - Every core: on Postgres it runs WEB_CONCURRENCY processes (default: one per core), which share
 *   the port; the embedded database can be opened by one process only, so it runs one.
 * - Bodies without a Content-Length are counted (server/body-limit.mjs).
 * - A graceful stop on SIGTERM and SIGINT (server/graceful.mjs).
 *
 *   node server.mjs [--dev] [--hostname 0.0.0.0] [--port 3000]     (PORT also sets the port)
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import next from 'next';
import { limitBody } from './server/body-limit.mjs';
import { runProcesses } from './server/cluster.mjs';
import { markStartedByServer } from './server/hooks.mjs';
import { logLine, stopGracefully } from './server/graceful.mjs';

const PEER_HEADER = 'x-sesame-peer';

const { values } = parseArgs({
  options: { hostname: { type: 'string', short: 'H' }, port: { type: 'string', short: 'p' }, dev: { type: 'boolean' } },
});
const dev = values.dev ?? false;
// What `next dev` sets; the configuration (lib/config.ts) reads it too.
if (dev) process.env.NODE_ENV ??= 'development';
const hostname = values.hostname ?? '0.0.0.0';
const port = Number(values.port ?? process.env.PORT ?? 3000);

// Development compiles pages in its one process: it runs one.
const processes = process.env.DATABASE_URL && !dev ? Number(process.env.WEB_CONCURRENCY) || availableParallelism() : 1;
if (cluster.isPrimary && processes > 1) {
  runProcesses(processes);
} else {
  if (!process.env.DATABASE_URL && cluster.isPrimary && !dev) {
    logLine('embedded database: one process serves every request (set DATABASE_URL to use every core)');
  }
  // The hashing pool sizes itself to this process's share of the cores (lib/crypto/hash-pool.ts).
  process.env.WEB_CONCURRENCY = String(processes);
  await serve();
}

async function serve() {
  // Tells the app that PEER_HEADER comes from here (see lib/runtime.ts).
  markStartedByServer();

  // What `next start` sets: after a server action redirects, Next.js fetches the target page from
  // itself at this address. Without it, it would guess from X-Forwarded-Proto and try https:// on
  // this plain-HTTP port behind a TLS proxy.
  const selfHost = hostname === '0.0.0.0' ? 'localhost' : hostname === '::' ? '[::1]' : hostname.includes(':') ? `[${hostname}]` : hostname;
  process.env.__NEXT_PRIVATE_ORIGIN = `http://${selfHost}:${port}`;

  const app = next({ dev, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((request, response) => {
    request.headers[PEER_HEADER] = request.socket.remoteAddress ?? '';
    limitBody(request, response);
    void handle(request, response);
  });
  stopGracefully(server);
  server.listen(port, hostname, () => {
    logLine('Sésame is listening', { url: `http://${hostname}:${port}` });
  });
}
