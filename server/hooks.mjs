// @ts-check
/**
 * What server.mjs and the application tell each other. The application is bundled by Next.js and
 * server.mjs is not, so they share no module instance: they meet on `globalThis`, under symbols
 * of the global registry (the same symbol on both sides). Both import this file, so the names are
 * written once. Types: hooks.d.mts.
 */
const STARTED_BY_SERVER = Symbol.for('sesame.server');
const SHUTDOWN = Symbol.for('sesame.shutdown');
const BODY_LIMIT = Symbol.for('sesame.bodyLimit');

/** @type {Record<symbol, unknown>} */
const shared = /** @type {any} */ (globalThis);

/** server.mjs says it started this process (lib/runtime.ts). */
export function markStartedByServer() {
  shared[STARTED_BY_SERVER] = true;
}

export function startedByServer() {
  return shared[STARTED_BY_SERVER] === true;
}

/** @param {() => Promise<void>} shutDown the application's half of a graceful stop (lib/shutdown.ts) */
export function offerShutdown(shutDown) {
  shared[SHUTDOWN] = shutDown;
}

/** @returns {(() => Promise<void>) | undefined} */
export function offeredShutdown() {
  return /** @type {(() => Promise<void>) | undefined} */ (shared[SHUTDOWN]);
}

/** @param {{ maxBytes: number, page: string }} limit the body limit and its 413 page (lib/http/refusals.ts) */
export function offerBodyLimit(limit) {
  shared[BODY_LIMIT] = limit;
}

/** @returns {{ maxBytes: number, page: string } | undefined} */
export function offeredBodyLimit() {
  return /** @type {{ maxBytes: number, page: string } | undefined} */ (shared[BODY_LIMIT]);
}
