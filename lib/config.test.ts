import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';
import { DEV, freshTempDir, PRODUCTION, problemsOf, SECRET } from '@/lib/config.fixtures';

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
});

describe('parseConfig: AUTH_SECRET during a rotation', () => {
  const NEW = 'the-new-secret-of-at-least-32-characters';

  it('is one secret, or the new one then the old ones, comma-separated: the first signs and seals, all open', () => {
    expect(parseConfig(PRODUCTION)).toMatchObject({ authSecret: SECRET, authSecrets: [SECRET] });
    expect(parseConfig({ ...PRODUCTION, AUTH_SECRET: `${NEW},${SECRET}` })).toMatchObject({ authSecret: NEW, authSecrets: [NEW, SECRET] });
    // Spaces around the commas, and an empty place, as a dashboard may leave them.
    expect(parseConfig({ ...PRODUCTION, AUTH_SECRET: ` ${NEW} , ${SECRET} ,` })).toMatchObject({ authSecret: NEW, authSecrets: [NEW, SECRET] });
  });

  it.each([`${SECRET},too-short`, 'too-short,' + SECRET, ',', ' , '])('refuses %j: each secret is at least 32 characters', (value) => {
    const problems = problemsOf({ ...PRODUCTION, AUTH_SECRET: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AUTH_SECRET: must be at least 32 characters .*during a rotation, the new secret, a comma, then the old one/);
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
