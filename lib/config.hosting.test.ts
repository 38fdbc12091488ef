import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { DEV, freshTempDir, PRODUCTION, problemsOf, SECRET } from '@/lib/config.fixtures';

// The settings that depend on where Sésame runs: a development machine, Vercel, a pooled database.
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
