// @ts-check
/**
 * The primary process when Sésame runs on several cores: it starts the server processes, which
 * share the port, starts a new one when one dies unexpectedly, and on SIGTERM or SIGINT asks each
 * to stop gracefully and waits for them (a second signal stops everything at once).
 */
import cluster from 'node:cluster';
import { logLine, STOP_MESSAGE } from './graceful.mjs';

/** @param {number} count */
export function runProcesses(count) {
  let stopping = false;
  logLine('starting server processes', { processes: count });
  for (let i = 0; i < count; i += 1) cluster.fork();
  // A process that dies before it ever listened could not start (a wrong setting, a database
  // that refuses): starting another would fail the same way, forever. Stop, and say why.
  const listened = new Set();
  cluster.on('listening', (worker) => listened.add(worker.id));

  cluster.on('exit', (worker, code, signal) => {
    if (!stopping && !listened.has(worker.id)) {
      stopping = true;
      logLine('stopped: a server process could not start', { pid: worker.process.pid, code, signal });
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGKILL');
      process.exit(1);
    }
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logLine('stopped: every server process has stopped');
        process.exit(0);
      }
      return;
    }
    logLine('a server process stopped unexpectedly: starting another', { pid: worker.process.pid, code, signal });
    cluster.fork();
  });

  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => {
    if (stopping) {
      logLine('stopping at once: second signal', { signal });
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    logLine('stopping: asking every server process to stop', { signal });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send(STOP_MESSAGE);
  };
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGINT', () => forward('SIGINT'));
}
