import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no guard against two processes opening one folder, and that corrupts it.
 * A pid file tells a second process (a CLI while the server runs) to stop with a clear message.
 */
const lockFile = (dir: string) => path.join(dir, 'sesame.pid');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function claimDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const file = lockFile(dir);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dir} is already open in process ${pid} (is Sésame running?). ` +
          'Stop that process first, or set DATABASE_URL to use a Postgres server.',
      );
    }
  }
  writeFileSync(file, String(process.pid));
  process.once('exit', () => releaseDataDir(dir));
}

export function releaseDataDir(dir: string): void {
  const file = lockFile(dir);
  try {
    if (existsSync(file) && Number(readFileSync(file, 'utf8')) === process.pid) rmSync(file);
  } catch {
    // Best effort: a stale pid file is detected as stale by the next process.
  }
}
