// @ts-check
/**
 * Sésame's production server (`npm start`): Next.js inside a plain Node HTTP server.
 *
 * Next.js does not tell the app which address connected; it only fills X-Forwarded-For from the
 * socket when a request has none, so a client could pick its own address and dodge every
 * per-address limit. This server writes the socket's address into `x-sesame-peer` on every request
 * (replacing any the client sent); lib/request-info.ts believes X-Forwarded-For entries only for the
 * proxies TRUST_PROXY declares.
 *
 *   node server.mjs [--hostname 0.0.0.0] [--port 3000]     (PORT also sets the port)
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';

const PEER_HEADER = 'x-sesame-peer';

const { values } = parseArgs({
  options: { hostname: { type: 'string', short: 'H' }, port: { type: 'string', short: 'p' } },
});
const hostname = values.hostname ?? '0.0.0.0';
const port = Number(values.port ?? process.env.PORT ?? 3000);

// Tells the app that PEER_HEADER comes from here (see behindSesameServer in lib/request-info.ts).
/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('sesame.server')] = true;

// What `next start` sets: after a server action redirects, Next.js fetches the target page from
// itself at this address. Without it, it would guess from X-Forwarded-Proto and try https:// on
// this plain-HTTP port behind a TLS proxy.
const selfHost = hostname === '0.0.0.0' ? 'localhost' : hostname === '::' ? '[::1]' : hostname.includes(':') ? `[${hostname}]` : hostname;
process.env.__NEXT_PRIVATE_ORIGIN = `http://${selfHost}:${port}`;

const app = next({ dev: false, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((request, response) => {
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? '';
  void handle(request, response);
});
server.listen(port, hostname, () => {
  console.info(JSON.stringify({ level: 'info', msg: 'Sésame is listening', url: `http://${hostname}:${port}` }));
});
