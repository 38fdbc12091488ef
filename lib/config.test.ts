import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';

// parseConfig reads only the object it is given (never process.env), so every test passes its own.
// AUTH_SECRET is set wherever a test is not about the development secret, so nothing is written
// next to the repository's `.data/pglite`.
const SECRET = 'a-test-secret-of-at-least-32-characters!';

const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_SECRET: SECRET,
  APP_URL: 'https://sesame.example.org',
  RESEND_API_KEY: 're_test_key',
};

/** The ConfigError thrown by parseConfig(env), or a failed expectation. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  expect.fail(`parseConfig(${JSON.stringify(env)}) did not throw`);
}

const tempDirs: string[] = [];
function freshTempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-config-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The documented defaults of the settings that have one. */
const DEFAULTS = {
  databaseUrl: undefined,
  pgliteDir: '.data/pglite',
  appUrl: 'http://localhost:3000',
  resendApiKey: undefined,
  identifierKinds: ['licence', 'client'],
  resetMatch: 'either',
  resetTokenTtlHours: 8,
  passwordMinLength: 12,
  bcryptCost: 12,
  trustedProxies: 0,
  requestAcks: { perAddressPerDay: 3, perDay: 200 },
};

describe('parseConfig: defaults', () => {
  it('gives the documented defaults in development', () => {
    const config = parseConfig({ AUTH_SECRET: SECRET });
    expect(config).toMatchObject({ ...DEFAULTS, production: false, authSecret: SECRET });
    expect(config.mailFrom).toMatch(/@/);
    expect(config.supportEmail).toMatch(/@/);
    expect(config.orgName).not.toBe('');
  });

  it('accepts a complete production configuration', () => {
    const config = parseConfig(PRODUCTION);
    expect(config.production).toBe(true);
    expect(config.authSecret).toBe(SECRET);
    expect(config.appUrl).toBe('https://sesame.example.org');
    expect(config.resendApiKey).toBe('re_test_key');
  });

  it('treats empty strings as unset', () => {
    const config = parseConfig({
      AUTH_SECRET: SECRET,
      DATABASE_URL: '',
      PGLITE_DIR: '',
      APP_URL: '',
      RESEND_API_KEY: '',
      IDENTIFIER_KINDS: '',
      RESET_MATCH: '',
      RESET_TOKEN_TTL_HOURS: '',
      PASSWORD_MIN_LENGTH: '',
      BCRYPT_COST: '',
      TRUST_PROXY: '',
      ORG_NAME: '',
    });
    expect(config).toMatchObject(DEFAULTS);
  });

  it('treats undefined values as unset', () => {
    expect(parseConfig({ AUTH_SECRET: SECRET, BCRYPT_COST: undefined }).bcryptCost).toBe(12);
  });

  it('still requires production settings when they are empty strings', () => {
    const problems = problemsOf({ ...PRODUCTION, AUTH_SECRET: '', APP_URL: '', RESEND_API_KEY: '' });
    expect(problems).toHaveLength(3);
  });
});

describe('parseConfig: values that are read', () => {
  it.each([
    ['licence', ['licence']],
    ['client', ['client']],
    ['licence,client', ['licence', 'client']],
    ['client,licence', ['client', 'licence']],
    [' licence , client ', ['licence', 'client']],
  ])('IDENTIFIER_KINDS=%j → %j', (value, expected) => {
    expect(parseConfig({ AUTH_SECRET: SECRET, IDENTIFIER_KINDS: value }).identifierKinds).toEqual(expected);
  });

  it.each(['either', 'both'] as const)('RESET_MATCH=%s', (value) => {
    expect(parseConfig({ AUTH_SECRET: SECRET, RESET_MATCH: value }).resetMatch).toBe(value);
  });

  it.each([
    ['true', 1],
    ['1', 1],
    ['yes', 1],
    ['false', 0],
    ['0', 0],
    ['no', 0],
    ['2', 2],
    ['5', 5],
  ])('TRUST_PROXY=%j → %s trusted proxies', (value, expected) => {
    expect(parseConfig({ AUTH_SECRET: SECRET, TRUST_PROXY: value }).trustedProxies).toBe(expected);
  });

  it('reads numbers', () => {
    const config = parseConfig({
      AUTH_SECRET: SECRET,
      RESET_TOKEN_TTL_HOURS: '24',
      PASSWORD_MIN_LENGTH: '16',
      BCRYPT_COST: '10',
    });
    expect(config.resetTokenTtlHours).toBe(24);
    expect(config.passwordMinLength).toBe(16);
    expect(config.bcryptCost).toBe(10);
  });

  it('reads the caps on account-request acknowledgements', () => {
    const config = parseConfig({ AUTH_SECRET: SECRET, ACCOUNT_REQUEST_ACKS_PER_ADDRESS_PER_DAY: '1', ACCOUNT_REQUEST_ACKS_PER_DAY: '0' });
    expect(config.requestAcks).toEqual({ perAddressPerDay: 1, perDay: 0 });
  });

  it.each(['postgres://u:p@db.example:5432/sesame', 'postgresql://localhost/sesame'])('DATABASE_URL=%s', (url) => {
    expect(parseConfig({ AUTH_SECRET: SECRET, DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each([
    ['https://sesame.example.org/', 'https://sesame.example.org'],
    ['https://sesame.example.org///', 'https://sesame.example.org'],
    ['https://example.org/sesame/', 'https://example.org/sesame'],
    ['http://localhost:3000', 'http://localhost:3000'],
  ])('APP_URL=%j loses its trailing slash → %j', (value, expected) => {
    expect(parseConfig({ AUTH_SECRET: SECRET, APP_URL: value }).appUrl).toBe(expected);
  });
});

describe('parseConfig: production requires AUTH_SECRET, APP_URL and RESEND_API_KEY', () => {
  it('throws a ConfigError with one line per missing variable', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toHaveLength(3);
    expect(problems.filter((p) => p.includes('AUTH_SECRET'))).toHaveLength(1);
    expect(problems.filter((p) => p.includes('APP_URL'))).toHaveLength(1);
    expect(problems.filter((p) => p.includes('RESEND_API_KEY'))).toHaveLength(1);
  });

  it.each(['AUTH_SECRET', 'APP_URL', 'RESEND_API_KEY'] as const)('names %s alone when only it is missing', (name) => {
    const env: Record<string, string | undefined> = { ...PRODUCTION };
    delete env[name];
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}\\b`));
  });

  it('says it all in the error message, one problem per line', () => {
    let thrown: unknown;
    try {
      parseConfig({ NODE_ENV: 'production' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toBeInstanceOf(Error);
    const error = thrown as ConfigError;
    expect(error.name).toBe('ConfigError');
    for (const problem of error.problems) {
      expect(problem).not.toContain('\n');
      expect(error.message).toContain(`\n- ${problem}`);
    }
  });

  it('never invents a development secret in production', () => {
    const dir = freshTempDir();
    const problems = problemsOf({ ...PRODUCTION, AUTH_SECRET: undefined, PGLITE_DIR: path.join(dir, 'pglite') });
    expect(problems).toHaveLength(1);
    expect(existsSync(path.join(dir, 'auth-secret'))).toBe(false);
  });
});

describe('parseConfig: bad values are reported by variable name', () => {
  it.each([
    ['IDENTIFIER_KINDS', 'foo'],
    ['IDENTIFIER_KINDS', 'licence,foo'],
    ['IDENTIFIER_KINDS', ','],
    ['RESET_MATCH', 'maybe'],
    ['RESET_TOKEN_TTL_HOURS', 'eight'],
    ['RESET_TOKEN_TTL_HOURS', '0'],
    ['RESET_TOKEN_TTL_HOURS', '1.5'],
    ['PASSWORD_MIN_LENGTH', '4'],
    ['PASSWORD_MIN_LENGTH', 'twelve'],
    ['BCRYPT_COST', 'abc'],
    ['BCRYPT_COST', '3'],
    ['BCRYPT_COST', '32'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'localhost:5432'],
    ['APP_URL', 'not-a-url'],
    ['APP_URL', 'ftp://sesame.example.org'],
    ['AUTH_SECRET', 'too-short'],
    ['SUPPORT_EMAIL', 'not-an-email'],
    ['TRUST_PROXY', 'maybe'],
    ['ACCOUNT_REQUEST_ACKS_PER_ADDRESS_PER_DAY', '-1'],
    ['ACCOUNT_REQUEST_ACKS_PER_DAY', 'lots'],
    ['TRUST_PROXY', '6'],
    ['TRUST_PROXY', '-1'],
  ])('%s=%j', (name, value) => {
    const problems = problemsOf({ AUTH_SECRET: SECRET, [name]: value });
    expect(problems.length).toBeGreaterThanOrEqual(1);
    for (const problem of problems) expect(problem).toMatch(new RegExp(`^${name}\\b`));
  });

  it('reports every bad value at once, one line each', () => {
    const problems = problemsOf({
      AUTH_SECRET: SECRET,
      IDENTIFIER_KINDS: 'foo',
      RESET_MATCH: 'maybe',
      BCRYPT_COST: 'abc',
      DATABASE_URL: 'mysql://x',
      APP_URL: 'not-a-url',
    });
    for (const name of ['IDENTIFIER_KINDS', 'RESET_MATCH', 'BCRYPT_COST', 'DATABASE_URL', 'APP_URL']) {
      expect(problems.filter((p) => p.startsWith(name)), name).toHaveLength(1);
    }
    expect(problems).toHaveLength(5);
  });
});

describe('parseConfig: development secret', () => {
  it('makes a secret in the folder above PGLITE_DIR and keeps it', () => {
    const dir = freshTempDir();
    const env = { NODE_ENV: 'development', PGLITE_DIR: path.join(dir, 'pglite') };

    const first = parseConfig(env);
    const file = path.join(dir, 'auth-secret');
    expect(existsSync(file)).toBe(true);
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.authSecret);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);

    const second = parseConfig(env);
    expect(second.authSecret).toBe(first.authSecret);
  });

  it('creates the data folder when it does not exist yet', () => {
    const dir = freshTempDir();
    const config = parseConfig({ PGLITE_DIR: path.join(dir, 'nested', 'data', 'pglite') });
    expect(readFileSync(path.join(dir, 'nested', 'data', 'auth-secret'), 'utf8')).toBe(config.authSecret);
  });

  it('reuses a secret already on disk', () => {
    const dir = freshTempDir();
    writeFileSync(path.join(dir, 'auth-secret'), `${SECRET}\n`);
    expect(parseConfig({ PGLITE_DIR: path.join(dir, 'pglite') }).authSecret).toBe(SECRET);
  });

  it('gives different folders different secrets', () => {
    const a = parseConfig({ PGLITE_DIR: path.join(freshTempDir(), 'pglite') });
    const b = parseConfig({ PGLITE_DIR: path.join(freshTempDir(), 'pglite') });
    expect(a.authSecret).not.toBe(b.authSecret);
  });

  it('prefers AUTH_SECRET and then writes nothing', () => {
    const dir = freshTempDir();
    const config = parseConfig({ AUTH_SECRET: SECRET, PGLITE_DIR: path.join(dir, 'pglite') });
    expect(config.authSecret).toBe(SECRET);
    expect(existsSync(path.join(dir, 'auth-secret'))).toBe(false);
  });
});
