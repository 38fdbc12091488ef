// @ts-check
/**
 * Counts the bytes of request bodies sent without a Content-Length (chunked), which the
 * application's own guard (proxy.ts, by Content-Length) cannot see coming. Past the limit the
 * client gets the application's 413 page at once, what it still sends is thrown away as it
 * arrives (never buffered), and the connection is closed.
 */
import { offeredBodyLimit } from './hooks.mjs';

const LINGER_MS = 1000;
const FALLBACK_PAGE = '<!doctype html><html lang="fr"><title>413</title><p>Formulaire trop volumineux. / Form too large.</p></html>';

/** @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response */
export function limitBody(request, response) {
  if (request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] === undefined) return;
  const limit = offeredBodyLimit();
  const maxBytes = limit?.maxBytes ?? 1024 * 1024;
  let seen = 0;
  let refused = false;
  const push = request.push.bind(request);
  // The HTTP parser hands each chunk of the body to `push`: counting there sees every byte before
  // anyone reads it, without reading anything ourselves.
  request.push = (chunk, encoding) => {
    // Past the limit nothing more reaches the application, not even the end of the body: it must
    // never act on a form cut short.
    if (refused) return true;
    if (chunk === null) return push(chunk, encoding);
    seen += chunk.length;
    if (seen <= maxBytes) return push(chunk, encoding);
    refused = true;
    if (!response.headersSent) {
      // No `Connection: close`: Node would close the socket at once, and a client still sending
      // would have its system drop our answer (a TCP reset). What still arrives is thrown away,
      // and the connection closed a moment later.
      response.writeHead(413, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(limit?.page ?? FALLBACK_PAGE, () => setTimeout(() => request.socket.destroy(), LINGER_MS).unref());
    }
    return true;
  };
}
