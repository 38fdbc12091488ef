/**
 * Whether this process was started by server.mjs (`npm start`). Only then is the peer-address
 * header ours (lib/http/request-info.ts), and only then does server.mjs, not Sésame, decide how
 * the process stops (lib/shutdown.ts).
 */
const SERVER_MARK = Symbol.for('sesame.server');

export function behindSesameServer(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVER_MARK] === true;
}
