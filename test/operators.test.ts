import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { createAccount } from '@/lib/accounts/create';
import { DEMO_ACCOUNTS } from '@/lib/accounts/demo-accounts';
import { invitePending } from '@/lib/accounts/invite';
import { verifyPassword } from '@/lib/crypto/password-hash';
import { getDb } from '@/lib/db/client';
import { accounts, type NewAccount } from '@/lib/db/schema';
import { generateAdminPassword } from '@/lib/operators/admin-password';
import { createActiveAdmin } from '@/lib/operators/create-admin';
import { seedDemoAccountsIfSafe } from '@/lib/operators/demo-seed';
import { runExclusive } from '@/lib/operators/exclusive';
import { resendStubForEachTest } from './resend';

const resend = resendStubForEachTest();

// DEV_TOOLS as one test turns it off; the others see the configuration as it is.
const devTools = vi.hoisted(() => ({ off: false }));
vi.mock('@/lib/config', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/config')>();
  return { ...actual, getConfig: () => (devTools.off ? { ...actual.getConfig(), devTools: false } : actual.getConfig()) };
});

const emptyAccounts = () => getDb().execute(sql`truncate accounts restart identity cascade`);
const hashOf = async (identifier: string) =>
  (await getDb().select({ hash: accounts.passwordHash, email: accounts.email }).from(accounts).where(eq(accounts.identifier, identifier)))[0];

describe('db:seed loads the demo accounts only where nothing else lives', () => {
  it('fills an empty database', async () => {
    await emptyAccounts();
    expect(await seedDemoAccountsIfSafe()).toEqual({ ok: true, count: DEMO_ACCOUNTS.length });
  });

  it('puts back a database holding only the demo accounts', async () => {
    expect(await seedDemoAccountsIfSafe()).toEqual({ ok: true, count: DEMO_ACCOUNTS.length });
  });

  it('refuses, changing nothing, when another account exists', async () => {
    await createAccount({ identifier: '777', kind: 'licence', email: 'real@club.fr', name: 'Real Member' });
    const admin = await hashOf('00000001');
    await getDb().update(accounts).set({ passwordHash: null, status: 'pending' }).where(eq(accounts.identifier, '00123456'));
    const outcome = await seedDemoAccountsIfSafe();
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringContaining('1 other account(s) (00000777)') });
    expect(await hashOf('00000001')).toEqual(admin);
    expect((await hashOf('00123456')).hash).toBeNull();
  });

  it('never overwrites a real account that took a demo number', async () => {
    await emptyAccounts();
    await createAccount({ identifier: '00000001', kind: 'licence', email: 'president@club.fr', name: 'Président', role: 'admin' });
    const outcome = await seedDemoAccountsIfSafe();
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringContaining('00000001') });
    expect(await hashOf('00000001')).toEqual({ hash: null, email: 'president@club.fr' });
    expect(await getDb().select().from(accounts)).toHaveLength(1);
  });

  it('refuses the demo accounts whenever DEV_TOOLS is off, even into an empty database', async () => {
    await emptyAccounts();
    devTools.off = true;
    try {
      const outcome = await seedDemoAccountsIfSafe();
      expect(outcome).toMatchObject({ ok: false, reason: expect.stringContaining('DEV_TOOLS is off') });
      expect(await getDb().select().from(accounts)).toHaveLength(0);
    } finally {
      devTools.off = false;
    }
  });

  it('npm run db:seed -- --force on an empty production database: a clear refusal, exit code 1, no database opened', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sesame-seed-'));
    try {
      // A production environment, nothing of this test's (no DEV_TOOLS, no DATABASE_URL).
      const env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production' as const,
        AUTH_SECRET: 'production-secret-production-secret-0123',
        APP_URL: 'https://sesame.example.org',
        RESEND_API_KEY: 're_production',
        PGLITE_DIR: path.join(dir, 'pglite'),
      };
      const seed = spawnSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/db-seed.ts', '--force'], { env, encoding: 'utf8' });
      expect(seed.stderr).toContain('Refusing to load the demo accounts: DEV_TOOLS is off');
      expect(seed.stdout).not.toContain('Sesame-Admin');
      expect(seed.status).toBe(1);
      expect(existsSync(path.join(dir, 'pglite'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('accounts create-admin', () => {
  const who = { identifier: '00000042', email: 'direction@club.fr', name: 'Claire Martin' };

  it('creates an active administrator with a generated password that signs in', async () => {
    const password = generateAdminPassword(who);
    expect(password).not.toBe(generateAdminPassword(who));
    const { account } = await createActiveAdmin({ ...who, kind: 'licence' }, password);
    expect(account).toMatchObject({ role: 'admin', status: 'active', identifier: '00000042' });
    expect(await verifyPassword(password, account.passwordHash!)).toBe(true);
  });

  it.each([
    ['Sesame-Admin-2026', 'demo password'],
    ['sesame-demo-2026', 'demo password'],
    ['azertyuiop123', 'common'],
    ['ClaireMartin-2026!', 'identifier, email or name'],
    ['short', 'shorter than 12'],
  ])('refuses %j (%s) and creates nothing', async (password, reason) => {
    await expect(createActiveAdmin({ ...who, kind: 'licence' }, password)).rejects.toThrow(reason);
    expect(await getDb().select().from(accounts).where(eq(accounts.identifier, '00000042'))).toHaveLength(0);
  });
});

describe('one invitation run at a time', () => {
  it('a second run while the first holds the lock runs nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const first = runExclusive('invite', async () => {
      entered();
      await gate;
      return 'first';
    });
    await inside;
    expect(await runExclusive('invite', async () => 'second')).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: 'first' });
    // Released: the next run goes ahead.
    expect(await runExclusive('invite', async () => 'third')).toEqual({ ran: true, value: 'third' });
  });

  it('two invite runs started together email each pending account once', async () => {
    const rows: NewAccount[] = Array.from({ length: 30 }, (_, i) => ({
      identifier: String(70_000_000 + i),
      kind: 'licence',
      email: `lock${i}@example.org`,
      name: `Lock ${i}`,
    }));
    await getDb().insert(accounts).values(rows);
    const runs = await Promise.all([
      runExclusive('invite', () => invitePending({ minIntervalMs: 0 })),
      runExclusive('invite', () => invitePending({ minIntervalMs: 0 })),
    ]);
    const ran = runs.filter((r) => r.ran);
    expect(ran.length).toBeGreaterThanOrEqual(1);
    const invited = ran.reduce((n, r) => n + (r.ran ? r.value.invited : 0), 0);
    const pendingInDemo = DEMO_ACCOUNTS.filter((a) => a.status === 'pending').length;
    expect(invited).toBe(30 + pendingInDemo);
    const recipients = resend.stub.messages().flatMap((m) => m.to);
    expect(recipients).toHaveLength(new Set(recipients).size);
    for (const row of rows) expect(recipients).toContain(row.email);
  });
});
