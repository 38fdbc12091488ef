import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { expect } from '@playwright/test';

/**
 * A production server of its own for a test that stops it, fills it or runs it on several
 * processes: `e2e/helpers/start-server.sh` on another port, seeded like the suite's, its log kept in
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
  const child = spawn('bash', ['e2e/helpers/start-server.sh'], {
    env: { ...process.env, E2E_PORT: String(port), RESEND_BASE_URL: `http://127.0.0.1:${stubPort}`, E2E_DATABASE_URL: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // What the script says on its way to starting (a failed seeding, a port in use), for the failure below.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    // A server that died on the way fails at once with what it said, instead of being waited for
    // until the time limit.
    const deadline = Date.now() + readyTimeout;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode} before it was ready:\n${stderr}`);
      if ((await fetch(`${url}/api/health`).catch(() => null))?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`server on ${port} not ready after ${readyTimeout / 1000} s:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    // Not left behind holding the port for the next run.
    child.kill('SIGKILL');
    throw error;
  }
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

/**
 * One `node server.mjs` (what `npm start` runs) with exactly the environment given: for several
 * instances sharing one database already prepared by the test. Its output goes to
 * .data/e2e-logs/<name>.log. Ready once /api/health/ready answers 200.
 */
export async function startInstance(name: string, port: number, env: Record<string, string>): Promise<ServerProcess> {
  mkdirSync('.data/e2e-logs', { recursive: true });
  const file = `.data/e2e-logs/${name}.log`;
  const out = openSync(file, 'w');
  const child = spawn('node', ['server.mjs', '--hostname', '127.0.0.1', '--port', String(port)], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', out, out],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(async () => (child.exitCode === null ? (await fetch(`${url}/api/health/ready`).catch(() => null))?.status : 'exited'), {
      timeout: 120_000,
      message: `${name} on ${port} ready (see ${file})`,
    })
    .toBe(200);
  return { url, child, exited, kill: (signal) => child.kill(signal), log: () => readFileSync(file, 'utf8') };
}

/** Debian's nginx, where installed (CI installs it: .ci/run). */
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/**
 * nginx in the foreground with `config` (an nginx.conf) written into `dir` (its prefix: logs, pid,
 * temporary files). Stopped by its pid: `stop()` sends SIGQUIT (a graceful stop) and waits.
 */
export async function startNginx(dir: string, config: string, port: number) {
  if (!NGINX) throw new Error('nginx is not installed');
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, config);
  const child = spawn(NGINX, ['-c', file, '-p', dir, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await expect.poll(async () => (child.exitCode === null ? accepts(port) : `nginx exited: ${errors}`), { timeout: 10_000 }).toBe(true);
  return {
    url: `http://127.0.0.1:${port}`,
    accessLog: () => readFileSync(path.join(dir, 'logs', 'access.log'), 'utf8'),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
    },
  };
}
