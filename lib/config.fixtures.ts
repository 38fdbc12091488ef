import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';

// parseConfig reads only the object it is given (never process.env), so every test passes its own.
// AUTH_SECRET is set wherever a test is not about the development secret, so nothing is written
// next to the repository's `.data/pglite`.
export const SECRET = 'a-test-secret-of-at-least-32-characters!';

/** A development machine: the switch for the generated secret and the local outbox. */
export const DEV = { AUTH_SECRET: SECRET, DEV_TOOLS: '1' };

export const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_SECRET: SECRET,
  APP_URL: 'https://sesame.example.org',
  RESEND_API_KEY: 're_test_key',
};

/** The ConfigError thrown by parseConfig(env), or a failed expectation. */
export function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  expect.fail(`parseConfig(${JSON.stringify(env)}) did not throw`);
}

const tempDirs: string[] = [];
export function freshTempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-config-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
