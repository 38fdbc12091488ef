/**
 * The processes the bench starts: the Resend stub, the seeding commands and Sésame's production
 * server, each in its own process group so that a stop reaches everything it started (npm's
 * shells, tsx, any worker processes), even when the bench fails half-way.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { send, sleep } from './http';

export const log = (message: string) => process.stderr.write(`[bench:load ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const groups = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL') {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Last resort: whatever way the bench ends, nothing it started keeps running. */
export function killEverything() {
  for (const pid of groups) killGroup(pid);
  groups.clear();
}
process.on('exit', killEverything);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping every process the bench started`);
    killEverything();
    process.exit(130);
  });
}

/** Environment variables of a child (Next.js's types make NODE_ENV compulsory in NodeJS.ProcessEnv). */
type Env = Record<string, string | undefined>;

type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** A child in its own process group (it is the group's leader: its pid is the group id). */
function spawnGroup(command: string, args: string[], options: { cwd: string; env: Env; logFile: string }) {
  const fd = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${command}`);
  groups.add(pid);
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: -1, signal: null }));
  });
  return { child, pid, exited };
}

function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function runToEnd(command: string, args: string[], options: { cwd: string; env: Env; logFile: string }) {
  const { pid, exited } = spawnGroup(command, args, options);
  const exit = await exited;
  killGroup(pid);
  groups.delete(pid);
  if (exit.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${exit.code ?? exit.signal}); log ${options.logFile}:\n${tail(options.logFile)}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, exited: Promise<Exit>, what: string, logFile: string, timeoutMs = 180_000) {
  const state: { gone: Exit | null } = { gone: null };
  void exited.then((e) => (state.gone = e));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (state.gone) throw new Error(`${what} stopped before answering (${state.gone.code ?? state.gone.signal}); log ${logFile}:\n${tail(logFile)}`);
    try {
      if ((await send(url, { timeoutMs: 5_000 })).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s; log ${logFile}:\n${tail(logFile)}`);
}

/** The environment without anything that would point a child at another database or mode. */
function cleanEnv(): Env {
  const env = { ...process.env };
  for (const key of ['DATABASE_URL', 'PGLITE_DIR', 'NODE_ENV', 'WEB_CONCURRENCY', 'PORT', 'APP_URL', 'AUTH_SECRET', 'RESEND_API_KEY', 'RESEND_BASE_URL', 'TRUST_PROXY', 'BCRYPT_COST', 'CRON_SECRET', 'DEV_TOOLS']) delete env[key];
  return env;
}

export type Setup = {
  /** The checkout being measured. */
  dir: string;
  /** Where servers' logs go. */
  logDir: string;
  bcryptCost: number;
};

export type Stub = { url: string; messages(): Promise<unknown[]>; stop(): Promise<void> };

/** The checkout's Resend stub (`node e2e/helpers/resend-stub.mjs <port>`) in its own process. */
export async function startStub(setup: Setup, label: string): Promise<Stub> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(setup.logDir, `${label}-resend-stub.log`);
  const script = path.join(setup.dir, 'e2e', 'helpers', 'resend-stub.mjs');
  if (!existsSync(script)) throw new Error(`${script} is missing: the bench needs the checkout's Resend stub`);
  const { pid, exited } = spawnGroup(process.execPath, [script, String(port)], { cwd: setup.dir, env: cleanEnv(), logFile });
  await waitFor(`${url}/__health`, exited, 'the Resend stub', logFile, 30_000);
  return {
    url,
    async messages() {
      const answer = await send(`${url}/__messages`);
      return JSON.parse(answer.body) as unknown[];
    },
    async stop() {
      killGroup(pid);
      groups.delete(pid);
      await exited;
    },
  };
}

export type Database = { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };

function databaseEnv(database: Database): Env {
  return database.kind === 'pglite' ? { PGLITE_DIR: database.dir } : { DATABASE_URL: database.url };
}

/**
 * Loads the demo accounts and the end-to-end accounts the way e2e/helpers/start-server.sh does, with the
 * production bcrypt cost so that no sign-in has to re-hash a cheaper hash.
 */
export async function seed(setup: Setup, database: Database, label: string) {
  // DEV_TOOLS: the seed's configuration check asks for a secret and a mail key otherwise; it sends nothing.
  const env = { ...cleanEnv(), ...databaseEnv(database), NODE_ENV: 'test', DEV_TOOLS: '1', BCRYPT_COST: String(setup.bcryptCost) };
  const logFile = path.join(setup.logDir, `${label}-seed.log`);
  await runToEnd('npm', ['run', '--silent', 'db:seed'], { cwd: setup.dir, env, logFile });
  const tsx = path.join(setup.dir, 'node_modules', '.bin', 'tsx');
  await runToEnd(tsx, ['--conditions=react-server', 'e2e/helpers/seed-accounts.ts'], { cwd: setup.dir, env, logFile });
}

/**
 * A seeded embedded database made once per run; each server gets a copy of it, so every server
 * starts on the same fresh data without paying for the seeding again.
 */
export class PgliteTemplate {
  private template: string | null = null;
  private readonly copies: string[] = [];

  constructor(private readonly setup: Setup) {
    // An interrupted run leaves no database copies behind either.
    process.once('exit', () => this.dispose());
  }

  async fresh(): Promise<Database> {
    if (!this.template) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sesame-bench-template-'));
      log('seeding a fresh embedded database (demo and end-to-end accounts, bcrypt cost ' + this.setup.bcryptCost + ')');
      await seed(this.setup, { kind: 'pglite', dir }, 'template');
      this.template = dir;
    }
    const copy = mkdtempSync(path.join(os.tmpdir(), 'sesame-bench-db-'));
    cpSync(this.template, copy, { recursive: true });
    // The seeding process's pid file: that process is gone, the server must not wonder.
    rmSync(path.join(copy, 'sesame.pid'), { force: true });
    this.copies.push(copy);
    return { kind: 'pglite', dir: copy };
  }

  dispose() {
    for (const dir of [...this.copies, ...(this.template ? [this.template] : [])]) rmSync(dir, { recursive: true, force: true });
    this.copies.length = 0;
    this.template = null;
  }
}

export type Server = {
  base: string;
  port: number;
  /** The node process running server.mjs (not a shell around it). */
  pid: number;
  logFile: string;
  exited: Promise<Exit>;
  /** Sends SIGTERM to the node process and resolves when it has exited (or after `timeoutMs`). */
  terminate(timeoutMs?: number): Promise<(Exit & { ms: number }) | null>;
  /** Stops it whatever its state: SIGTERM, then SIGKILL to its whole process group. */
  stop(): Promise<void>;
};

export async function startServer(
  setup: Setup,
  options: { database: Database; stub: Stub; label: string; env?: Record<string, string> },
): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(setup.logDir, `${options.label}-server.log`);
  const env = {
    ...cleanEnv(),
    ...databaseEnv(options.database),
    NODE_ENV: 'production',
    AUTH_SECRET: randomBytes(32).toString('base64'),
    APP_URL: base,
    RESEND_API_KEY: 're_bench_load',
    RESEND_BASE_URL: options.stub.url,
    TRUST_PROXY: '1',
    BCRYPT_COST: String(setup.bcryptCost),
    ...options.env,
  };
  log(`starting the server (${options.label}) on ${base}${options.env?.WEB_CONCURRENCY ? `, WEB_CONCURRENCY=${options.env.WEB_CONCURRENCY}` : ''}`);
  const { pid, exited } = spawnGroup(process.execPath, ['server.mjs', '--hostname', '127.0.0.1', '--port', String(port)], { cwd: setup.dir, env, logFile });
  let running = true;
  void exited.then(() => (running = false));
  try {
    await waitFor(`${base}/api/health`, exited, 'the server', logFile);
  } catch (error) {
    killGroup(pid);
    groups.delete(pid);
    throw error;
  }

  async function terminate(timeoutMs = 60_000) {
    if (!running) return null;
    const began = performance.now();
    process.kill(pid, 'SIGTERM');
    const exit = await Promise.race([exited, sleep(timeoutMs).then(() => null)]);
    return exit && { ...exit, ms: performance.now() - began };
  }

  return {
    base,
    port,
    pid,
    logFile,
    exited,
    terminate,
    async stop() {
      if (running) await terminate(10_000);
      killGroup(pid);
      groups.delete(pid);
    },
  };
}

/**
 * `url`'s database, created if needed, with its schema dropped and recreated like the end-to-end
 * script does, then seeded like the embedded template.
 */
export async function seededPostgres(setup: Setup, url: string, label: string): Promise<Database> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name in ${url}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  if (psql(admin.href, `select 1 from pg_database where datname = '${name}'`) !== '1') psql(admin.href, `create database ${name}`);
  psql(url, 'drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;');
  log(`${label}: seeding ${url} (demo and end-to-end accounts, bcrypt cost ${setup.bcryptCost})`);
  const database: Database = { kind: 'postgres', url };
  await seed(setup, database, label);
  return database;
}

/** Runs psql against `url` (the Postgres client the e2e script uses too). */
export function psql(url: string, sql: string): string {
  const result = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qtAc', sql], { encoding: 'utf8' });
  if (result.error) throw new Error(`psql: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`psql ${url}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The checkout's commit, '-dirty' when tracked files changed since: which code a figure belongs to. */
export function gitShortHash(dir: string): string {
  const git = (...args: string[]) => spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  const hash = git('rev-parse', '--short', 'HEAD');
  return hash.status !== 0 ? 'nogit' : `${hash.stdout.trim()}${git('status', '--porcelain', '--untracked-files=no').stdout.trim() ? '-dirty' : ''}`;
}
