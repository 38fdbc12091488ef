// @ts-check
/**
 * A graceful stop for one server process. On SIGTERM or SIGINT: stop accepting connections, let
 * the requests in flight finish, then the application's own stop (lib/shutdown.ts: work after
 * responses, the email batch, the database), all within SHUTDOWN_TIMEOUT_SECONDS (25). A second
 * signal stops at once. One log line per step.
 */
const SHUTDOWN_HOOK = Symbol.for('sesame.shutdown');
export const STOP_MESSAGE = 'sesame:stop';

/** @param {string} msg @param {Record<string, unknown>} [fields] */
export const logLine = (msg, fields = {}) => console.info(JSON.stringify({ level: 'info', msg, pid: process.pid, ...fields }));

/** @param {import('node:http').Server} server */
export function stopGracefully(server) {
  let inFlight = 0;
  /** @type {(() => void) | null} */
  let onIdle = null;
  server.on('request', (_request, response) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) onIdle?.();
    });
  });

  const timeoutMs = 1000 * (Number(process.env.SHUTDOWN_TIMEOUT_SECONDS) || 25);
  let stopping = false;
  /** @param {string} signal @param {boolean} fromPerson a signal (a person, systemd), not the primary process's message */
  const stop = async (signal, fromPerson) => {
    if (stopping) {
      if (!fromPerson) return;
      logLine('stopping at once: second signal', { signal });
      process.exit(1);
    }
    stopping = true;
    const deadline = setTimeout(() => {
      logLine('stopped before everything finished: timeout', { seconds: timeoutMs / 1000, requestsInFlight: inFlight });
      process.exit(1);
    }, timeoutMs);
    deadline.unref();

    logLine('stopping: no new connections', { signal, requestsInFlight: inFlight });
    server.close();
    server.closeIdleConnections();
    if (inFlight > 0) await new Promise((resolve) => (onIdle = () => resolve(undefined)));
    logLine('stopping: requests in flight answered');
    // Keep-alive connections that became idle meanwhile.
    server.closeIdleConnections();
    /** @type {(() => Promise<void>) | undefined} */
    const appShutdown = /** @type {any} */ (globalThis)[SHUTDOWN_HOOK];
    await appShutdown?.();
    logLine('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM', true));
  process.on('SIGINT', () => void stop('SIGINT', true));
  // From the primary process (server/cluster.mjs): the signal may also reach this process directly
  // (Ctrl-C reaches the whole process group, systemd signals every process of the service), and
  // the two must count as one.
  process.on('message', (message) => {
    if (message === STOP_MESSAGE) void stop('primary', false);
  });
}
