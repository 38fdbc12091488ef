// @ts-check
/**
 * A graceful stop for one server process. On SIGTERM or SIGINT: stop accepting connections, let
 * the requests in flight finish, then the application's own stop (lib/shutdown.ts: work after
 * responses, the email batch, the database), all within SHUTDOWN_TIMEOUT_SECONDS (25). A second
 * signal stops at once. One log line per step.
 *
 * Connections matter as much as requests. Node's own `server.close()` also closes every connection
 * that is not in the middle of a request, including one accepted a moment ago whose request is
 * still in the socket's buffer: on a busy machine that is a request the client has wholly sent,
 * answered with a reset. So the listener is closed (connections waiting in the kernel's queue are
 * accepted first), a connection that has not spoken yet keeps its chance until the requests in
 * flight are answered (at least FIRST_REQUEST_GRACE_MS), and every answer given while stopping says
 * `Connection: close`. Only keep-alive connections that are idle after an answer are closed at once
 * (clients retry a request on such a connection, as they must when a server closes it).
 */
import net from 'node:net';
import { offeredShutdown } from './hooks.mjs';

export const STOP_MESSAGE = 'sesame:stop';

/** @param {string} msg @param {Record<string, unknown>} [fields] */
export const logLine = (msg, fields = {}) => console.info(JSON.stringify({ level: 'info', msg, pid: process.pid, ...fields }));

const FIRST_REQUEST_GRACE_MS = 1000;
const SERVED = Symbol('served');
const ACTIVE = Symbol('active requests');

/** @typedef {import('node:net').Socket & { [SERVED]?: boolean, [ACTIVE]?: number }} TrackedSocket */

/** @param {import('node:http').Server} server */
export function stopGracefully(server) {
  let stopping = false;
  /** @type {Set<TrackedSocket>} */
  const connections = new Set();
  /** @type {Set<import('node:http').ServerResponse>} */
  const responses = new Set();
  /** @type {(() => void) | null} */
  let onChange = null;

  server.on('connection', (/** @type {TrackedSocket} */ socket) => {
    connections.add(socket);
    socket.once('close', () => {
      connections.delete(socket);
      onChange?.();
    });
  });
  server.on('request', (request, response) => {
    /** @type {TrackedSocket} */
    const socket = request.socket;
    socket[SERVED] = true;
    socket[ACTIVE] = (socket[ACTIVE] ?? 0) + 1;
    responses.add(response);
    if (stopping) response.setHeader('Connection', 'close');
    response.once('close', () => {
      socket[ACTIVE] = (socket[ACTIVE] ?? 1) - 1;
      responses.delete(response);
      if (stopping && !socket[ACTIVE]) socket.destroySoon();
      onChange?.();
    });
  });

  /** Resolves once `done()` holds, checked whenever a request ends or a connection closes. */
  const until = (/** @type {() => boolean} */ done) =>
    new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        onChange = null;
        resolve(undefined);
      };
      onChange = check;
      check();
    });
  const silent = () => [...connections].filter((socket) => !socket[SERVED]);

  const timeoutMs = 1000 * (Number(process.env.SHUTDOWN_TIMEOUT_SECONDS) || 25);
  /** @param {string} signal @param {boolean} fromPerson a signal (a person, systemd), not the primary process's message */
  const stop = async (signal, fromPerson) => {
    if (stopping) {
      if (!fromPerson) return;
      logLine('stopping at once: second signal', { signal });
      process.exit(1);
    }
    stopping = true;
    const deadline = setTimeout(() => {
      logLine('stopped before everything finished: timeout', { seconds: timeoutMs / 1000, requestsInFlight: responses.size });
      process.exit(1);
    }, timeoutMs);
    deadline.unref();

    for (const response of responses) if (!response.headersSent) response.setHeader('Connection', 'close');
    // One turn of the event loop accepts the connections already waiting in the kernel's queue.
    await new Promise((resolve) => setImmediate(resolve));
    // net.Server's close: stop listening, without http.Server's closing of connections.
    net.Server.prototype.close.call(server);
    logLine('stopping: no new connections', { signal, requestsInFlight: responses.size, connectionsWaiting: silent().length });
    for (const socket of connections) if (socket[SERVED] && !socket[ACTIVE]) socket.destroySoon();

    const grace = new Promise((resolve) => setTimeout(resolve, FIRST_REQUEST_GRACE_MS).unref());
    await until(() => responses.size === 0);
    if (silent().length > 0) await Promise.race([grace, until(() => silent().length === 0)]);
    await until(() => responses.size === 0);
    for (const socket of silent()) socket.destroy();
    logLine('stopping: requests in flight answered');
    await offeredShutdown()?.();
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
