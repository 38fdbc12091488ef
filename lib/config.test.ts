import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';

// parseConfig reads only the object it is given (never process.env), so every test passes its own.
// AUTH_SECRET is set wherever a test is not about the development secret, so nothing is written
// next to the repository's `.data/pglite`.
const SECRET = 'a-test-secret-of-at-least-32-characters!';

/** A development machine: the switch for the generated secret and the local outbox. */
const DEV = { AUTH_SECRET: SECRET, DEV_TOOLS: '1' };

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
    const config = parseConfig(DEV);
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
      ...DEV,
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
    expect(parseConfig({ ...DEV, BCRYPT_COST: undefined }).bcryptCost).toBe(12);
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
    expect(parseConfig({ ...DEV, IDENTIFIER_KINDS: value }).identifierKinds).toEqual(expected);
  });

  it.each(['either', 'both'] as const)('RESET_MATCH=%s', (value) => {
    expect(parseConfig({ ...DEV, RESET_MATCH: value }).resetMatch).toBe(value);
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
    expect(parseConfig({ ...DEV, TRUST_PROXY: value }).trustedProxies).toBe(expected);
  });

  it('reads numbers', () => {
    const config = parseConfig({
      ...DEV,
      RESET_TOKEN_TTL_HOURS: '24',
      PASSWORD_MIN_LENGTH: '16',
      BCRYPT_COST: '10',
    });
    expect(config.resetTokenTtlHours).toBe(24);
    expect(config.passwordMinLength).toBe(16);
    expect(config.bcryptCost).toBe(10);
  });

  it('reads the caps on account-request acknowledgements', () => {
    const config = parseConfig({ ...DEV, ACCOUNT_REQUEST_ACKS_PER_ADDRESS_PER_DAY: '1', ACCOUNT_REQUEST_ACKS_PER_DAY: '0' });
    expect(config.requestAcks).toEqual({ perAddressPerDay: 1, perDay: 0 });
  });

  it.each(['postgres://u:p@db.example:5432/sesame', 'postgresql://localhost/sesame'])('DATABASE_URL=%s', (url) => {
    expect(parseConfig({ ...DEV, DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each([
    ['https://sesame.example.org/', 'https://sesame.example.org'],
    ['https://sesame.example.org///', 'https://sesame.example.org'],
    ['https://example.org/sesame/', 'https://example.org/sesame'],
    ['http://localhost:3000', 'http://localhost:3000'],
  ])('APP_URL=%j loses its trailing slash → %j', (value, expected) => {
    expect(parseConfig({ ...DEV, APP_URL: value }).appUrl).toBe(expected);
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
    const problems = problemsOf({ ...DEV, [name]: value });
    expect(problems.length).toBeGreaterThanOrEqual(1);
    for (const problem of problems) expect(problem).toMatch(new RegExp(`^${name}\\b`));
  });

  it('reports every bad value at once, one line each', () => {
    const problems = problemsOf({
      ...DEV,
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
    const env = { NODE_ENV: 'development', DEV_TOOLS: '1', PGLITE_DIR: path.join(dir, 'pglite') };

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
    const config = parseConfig({ DEV_TOOLS: '1', PGLITE_DIR: path.join(dir, 'nested', 'data', 'pglite') });
    expect(readFileSync(path.join(dir, 'nested', 'data', 'auth-secret'), 'utf8')).toBe(config.authSecret);
  });

  it('reuses a secret already on disk', () => {
    const dir = freshTempDir();
    writeFileSync(path.join(dir, 'auth-secret'), `${SECRET}\n`);
    expect(parseConfig({ DEV_TOOLS: '1', PGLITE_DIR: path.join(dir, 'pglite') }).authSecret).toBe(SECRET);
  });

  it('gives different folders different secrets', () => {
    const a = parseConfig({ DEV_TOOLS: '1', PGLITE_DIR: path.join(freshTempDir(), 'pglite') });
    const b = parseConfig({ DEV_TOOLS: '1', PGLITE_DIR: path.join(freshTempDir(), 'pglite') });
    expect(a.authSecret).not.toBe(b.authSecret);
  });

  it('prefers AUTH_SECRET and then writes nothing', () => {
    const dir = freshTempDir();
    const config = parseConfig({ ...DEV, PGLITE_DIR: path.join(dir, 'pglite') });
    expect(config.authSecret).toBe(SECRET);
    expect(existsSync(path.join(dir, 'auth-secret'))).toBe(false);
  });
});

describe('parseConfig: development features need DEV_TOOLS=1', () => {
  it('refuses to run without AUTH_SECRET, and writes no secret, when DEV_TOOLS is off', () => {
    const dir = freshTempDir();
    const problems = problemsOf({ NODE_ENV: 'staging', RESEND_API_KEY: 're_key', PGLITE_DIR: path.join(dir, 'pglite') });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AUTH_SECRET: required.*DEV_TOOLS=1/);
    expect(existsSync(path.join(dir, 'auth-secret'))).toBe(false);
  });

  it('refuses the local outbox (no RESEND_API_KEY) when DEV_TOOLS is off, whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'staging', 'test']) {
      const problems = problemsOf({ NODE_ENV, AUTH_SECRET: SECRET });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^RESEND_API_KEY: required.*DEV_TOOLS=1/);
    }
  });

  it('runs a staging deployment with its own settings and no development feature', () => {
    const config = parseConfig({ NODE_ENV: 'staging', AUTH_SECRET: SECRET, RESEND_API_KEY: 're_key' });
    expect(config).toMatchObject({ production: false, devTools: false, authSecret: SECRET });
  });

  it.each(['1', 'true', 'yes'])('DEV_TOOLS=%s turns them on outside production', (value) => {
    expect(parseConfig({ AUTH_SECRET: SECRET, DEV_TOOLS: value }).devTools).toBe(true);
  });

  it('refuses DEV_TOOLS=1 in production, in one line', () => {
    const problems = problemsOf({ ...PRODUCTION, DEV_TOOLS: '1' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DEV_TOOLS: refused in production/);
  });

  it('DEV_TOOLS=0 is off', () => {
    expect(parseConfig({ ...PRODUCTION, DEV_TOOLS: '0' }).devTools).toBe(false);
  });
});

describe('parseConfig: Vercel (VERCEL=1)', () => {
  const VERCEL = { ...PRODUCTION, VERCEL: '1', DATABASE_URL: 'postgres://u:p@db.example/sesame', CRON_SECRET: 'a-cron-secret-0123456789' };

  it('starts with DATABASE_URL and CRON_SECRET', () => {
    expect(parseConfig(VERCEL).vercel).toBe(true);
  });

  it.each(['DATABASE_URL', 'CRON_SECRET'] as const)('refuses to start without %s, one line', (name) => {
    const problems = problemsOf({ ...VERCEL, [name]: '' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: required on Vercel`));
  });

  it('names both when both are missing', () => {
    const problems = problemsOf({ ...VERCEL, DATABASE_URL: undefined, CRON_SECRET: undefined });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['DATABASE_URL', 'CRON_SECRET']);
  });

  it('asks nothing of them off Vercel', () => {
    expect(parseConfig(PRODUCTION).vercel).toBe(false);
  });
});

describe('parseConfig: pooled connection strings', () => {
  it('keeps prepared statements on a direct address, migrates through it', () => {
    const config = parseConfig({ ...DEV, DATABASE_URL: 'postgres://u@db.example/sesame' });
    expect(config).toMatchObject({ preparedStatements: true, migrationUrl: 'postgres://u@db.example/sesame' });
  });

  it('turns prepared statements off for ?pgbouncer=true and migrates through DATABASE_URL_UNPOOLED', () => {
    const config = parseConfig({
      ...DEV,
      DATABASE_URL: 'postgres://u@pooler.example:6543/sesame?pgbouncer=true',
      DATABASE_URL_UNPOOLED: 'postgres://u@db.example:5432/sesame',
    });
    expect(config).toMatchObject({ preparedStatements: false, migrationUrl: 'postgres://u@db.example:5432/sesame' });
  });

  it.each([
    ['false', false],
    ['true', true],
  ])('DATABASE_PREPARED_STATEMENTS=%s wins', (value, expected) => {
    const url = 'postgres://u@pooler.example/sesame?pgbouncer=true';
    expect(parseConfig({ ...DEV, DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: value }).preparedStatements).toBe(expected);
  });
});
