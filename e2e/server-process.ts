import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { expect } from '@playwright/test';

/**
 * A production server of its own for a test that stops it, fills it or runs it on several
 * processes: `e2e/start-server.sh` on another port, seeded like the suite's, its log kept in
 * .data/e2e-logs/server-<port>.log. Emails go to the suite's Resend stub.
 */
export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has stopped. */
  exited: Promise<number | null>;
  log: () => string;
  kill: (signal: NodeJS.Signals) => void;
};

const stubPort = Number(process.env.E2E_PORT ?? 3100) + 1;

export async function startServer(port: number, env: Record<string, string> = {}, readyTimeout = 120_000): Promise<ServerProcess> {
  const child = spawn('bash', ['e2e/start-server.sh'], {
    env: { ...process.env, E2E_PORT: String(port), RESEND_BASE_URL: `http://127.0.0.1:${stubPort}`, E2E_DATABASE_URL: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(async () => (await fetch(`${url}/api/health`).catch(() => null))?.status, { timeout: readyTimeout, message: `server on ${port} ready` })
    .toBe(200);
  return {
    url,
    child,
    exited,
    // start-server.sh ends with `exec node server.mjs`: the child is the server process itself.
    kill: (signal) => child.kill(signal),
    log: () => readFileSync(`.data/e2e-logs/server-${port}.log`, 'utf8'),
  };
}

/** Whether something still accepts connections on the port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
