import { readFileSync } from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countImportedPasswords, passwordState } from '@/lib/accounts/imported-passwords';
import { exportLines } from '@/lib/accounts/export';
import { setAccountDisabled } from '@/lib/accounts/staff';
import { advanceClock, HOUR, now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { bcryptCompare, closeHashPool, hashPoolState, openHashPool } from '@/lib/crypto/hash-pool';
import type { LegacyHashFormat } from '@/lib/crypto/legacy-hashes';
import { hashPassword } from '@/lib/crypto/password-hash';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents } from '@/lib/db/schema';
import { consumeLinkAndSetPassword, createPasswordLink } from '@/lib/password-links/tokens';
import { changePassword } from '@/lib/passwords/change';
import { resolveSession } from '@/lib/sessions/sessions';
import { signInWithPassword, type SignInResult } from '@/lib/sign-in/password';
import { request, resetDatabase } from './database';

// A hook run between the imported hash's check and its conversion: a reset or another sign-in
// arriving at that moment.
const between = vi.hoisted(() => ({ run: null as null | (() => Promise<void>) }));
vi.mock('@/lib/sign-in/imported-password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/sign-in/imported-password')>();
  return {
    ...actual,
    checkImportedPassword: async (...args: Parameters<typeof actual.checkImportedPassword>) => {
      const result = await actual.checkImportedPassword(...args);
      const run = between.run;
      between.run = null;
      await run?.();
      return result;
    },
  };
});

// Written by WordPress's and PHP's own code (test/fixtures/wordpress-hashes.php), with their passwords.
type Fixture = { password: string; hash: string; format: LegacyHashFormat };
const { hashes: fixtures } = JSON.parse(readFileSync(path.join(process.cwd(), 'test/fixtures/wordpress-hashes.json'), 'utf8')) as { hashes: Fixture[] };
const fixture = (prefix: string, password = 'Sesame-Demo-2026') => fixtures.find((f) => f.hash.startsWith(prefix) && f.password === password)!;
const EACH_FORMAT = [fixture('$P$B'), fixture('$H$9', 'password'), fixture('$wp$2y$'), fixture('$2y$'), fixture('$2a$'), fixture('$2b$')];

const MARIE = '00123456';
const LEA = { identifier: '00024680', password: 'Durand-Lea-2026' };

const signIn = (identifier: string, password: string, ip = request.ip) => signInWithPassword({ identifier, password, remember: false }, { ...request, ip });
const outcome = (result: SignInResult) => (result.ok ? 'ok' : result.reason);
const row = async (identifier = MARIE) => (await getDb().select().from(accounts).where(eq(accounts.identifier, identifier)))[0];
const events = (type: string) => getDb().select().from(auditEvents).where(eq(auditEvents.type, type));

/** The account as the import writes it (issue 19): active, no hash of Sésame's, the imported one. */
async function importHash(hash: string, identifier = MARIE): Promise<void> {
  await getDb().update(accounts).set({ passwordHash: null, importedPasswordHash: hash, passwordImportedAt: now() }).where(eq(accounts.identifier, identifier));
}

beforeEach(resetDatabase);
afterEach(() => {
  between.run = null;
});
afterAll(async () => {
  await closeHashPool();
  await closeDb();
});

describe('sign-in against a hash imported from WordPress or PHP', () => {
  it.each(EACH_FORMAT.map((f) => [f.hash.slice(0, f.hash.startsWith('$wp') ? 7 : 4), f] as const))(
    '%s: the right password signs in and converts the hash, a wrong one is refused and changes nothing',
    async (_, { password, hash, format }) => {
      await importHash(hash);
      expect(await signIn(MARIE, `${password}-wrong`)).toEqual({ ok: false, reason: 'invalid' });
      expect(await row()).toMatchObject({ passwordHash: null, importedPasswordHash: hash });
      expect((await events('sign_in_failed')).map((e) => e.details)).toEqual([{ reason: 'password' }]);

      const before = await row();
      const result = await signIn(MARIE, password);
      expect(result).toMatchObject({ ok: true, identifier: MARIE });
      const after = await row();
      // bcryptjs at BCRYPT_COST, the project's format; the imported hash and its date gone.
      expect(after.passwordHash).toMatch(/^\$sha256\$\$2b\$/);
      expect(bcrypt.getRounds(after.passwordHash!.slice('$sha256$'.length))).toBe(getConfig().bcryptCost);
      expect(after).toMatchObject({ importedPasswordHash: null, passwordImportedAt: null });
      // The password is the same: only its storage changed.
      expect(after.passwordChangedAt).toEqual(before.passwordChangedAt);
      const [converted] = await events('password_hash_converted');
      expect(converted).toMatchObject({ accountId: after.id, identifier: MARIE, details: { format } });
      expect(result.ok && (await resolveSession(result.sessionId))?.identifier).toBe(MARIE);

      // The next sign-in is an ordinary one, against the new hash.
      expect(outcome(await signIn(MARIE, password))).toBe('ok');
      expect(outcome(await signIn(MARIE, `${password}-wrong`))).toBe('invalid');
      expect((await row()).passwordHash).toBe(after.passwordHash);
      expect(await events('password_hash_converted')).toHaveLength(1);
    },
  );

  it('refuses a tampered hash, and one whose cost is beyond what is imported, without converting', async () => {
    for (const { password, hash } of [fixture('$P$B'), fixture('$wp$2y$'), fixture('$2y$')]) {
      const last = hash.at(-2) === 'a' ? 'b' : 'a';
      await importHash(`${hash.slice(0, -2)}${last}${hash.at(-1)}`);
      expect(await signIn(MARIE, password), hash).toEqual({ ok: false, reason: 'invalid' });
    }
    // 2^30 md5 rounds: refused without being run.
    const phpass = fixture('$P$B');
    await importHash(`$P$S${phpass.hash.slice(4)}`);
    expect(await signIn(MARIE, phpass.password)).toEqual({ ok: false, reason: 'invalid' });
    expect((await row()).passwordHash).toBeNull();
    expect(await events('password_hash_converted')).toHaveLength(0);
  });

  it('refuses an imported hash on a disabled or pending account, with the same answer', async () => {
    const { password, hash } = fixture('$P$B');
    await importHash(hash);
    await getDb().update(accounts).set({ status: 'disabled' }).where(eq(accounts.identifier, MARIE));
    expect(await signIn(MARIE, password)).toEqual({ ok: false, reason: 'invalid' });
    await getDb().update(accounts).set({ status: 'pending' }).where(eq(accounts.identifier, MARIE));
    expect(await signIn(MARIE, password)).toEqual({ ok: false, reason: 'invalid' });
    expect((await row()).importedPasswordHash).toBe(hash);
  });

  it('tries the password as typed, then in NFC: WordPress hashed what the browser sent', async () => {
    // Hashed composed by WordPress, typed decomposed here (or the other way round).
    const composed = fixtures.find((f) => f.format === 'phpass' && f.password === 'Crème brûlée à Noël')!;
    await importHash(composed.hash);
    expect(outcome(await signIn(MARIE, composed.password.normalize('NFD')))).toBe('ok');
    // Converted in NFC, as every hash of Sésame: both forms now work.
    expect(outcome(await signIn(MARIE, composed.password))).toBe('ok');

    const decomposed = fixtures.find((f) => f.format === 'wordpress-bcrypt' && f.password.includes('\u0301'))!;
    await importHash(decomposed.hash);
    expect(outcome(await signIn(MARIE, decomposed.password))).toBe('ok');
    expect(outcome(await signIn(MARIE, decomposed.password.normalize('NFC')))).toBe('ok');
  });

  it('costs the pool what a normal account and an unknown one cost: one task per form typed, right or wrong', async () => {
    await signIn('00999999', 'warm-up-the-dummy-hash');
    const pool = () => hashPoolState().completed;
    for (const { hash } of [fixture('$wp$2y$'), fixture('$P$B'), fixture('$2y$')]) {
      for (const password of ['Sesame-Demo-2026-wrong', 'Caf\u00e9-cr\u00e8me-du-matin'.normalize('NFD'), 'Sesame-Demo-2026']) {
        const forms = password.normalize('NFC') === password ? 1 : 2;
        for (const identifier of [LEA.identifier, '00999999', '00067890', MARIE]) {
          if (identifier === MARIE) await importHash(hash);
          const before = pool();
          expect(outcome(await signIn(identifier, password))).not.toBe('throttled');
          expect(pool() - before, `${identifier}, ${hash.slice(0, 4)}, ${forms} form(s)`).toBe(forms);
          // Past the limits of the address and the identifier: this test counts work, not throttles.
          advanceClock(HOUR);
        }
      }
    }
  });
});

describe('what else an imported hash meets', () => {
  it('a reset during the check wins: the imported password opens nothing, the new one works', async () => {
    const { password, hash } = fixture('$P$B');
    await importHash(hash);
    const marie = await row();
    const { token } = await createPasswordLink(marie.id, 'reset');
    const newHash = await hashPassword('Un tout nouveau mot de passe');
    between.run = async () => {
      expect(await consumeLinkAndSetPassword(token, newHash)).not.toBeNull();
    };
    expect(await signIn(MARIE, password)).toEqual({ ok: false, reason: 'invalid' });
    expect(await row()).toMatchObject({ passwordHash: newHash, importedPasswordHash: null, passwordImportedAt: null });
    expect(await events('password_hash_converted')).toHaveLength(0);
    expect((await events('sign_in_failed')).map((e) => e.details)).toEqual([{ reason: 'password_replaced' }]);
    expect(outcome(await signIn(MARIE, password))).toBe('invalid');
    expect(outcome(await signIn(MARIE, 'Un tout nouveau mot de passe'))).toBe('ok');
  });

  it('two sign-ins with the right password at once: one converts, the other is told to come back, and its next attempt gets in', async () => {
    const { password, hash } = fixture('$wp$2y$');
    await importHash(hash);
    between.run = async () => {
      expect(outcome(await signIn(MARIE, password, '198.51.100.9'))).toBe('ok');
    };
    expect(await signIn(MARIE, password)).toEqual({ ok: false, reason: 'busy' });
    expect(await events('password_hash_converted')).toHaveLength(1);
    expect(outcome(await signIn(MARIE, password))).toBe('ok');
  });

  it('a reset removes the imported hash', async () => {
    await importHash(fixture('$P$B').hash);
    const { token } = await createPasswordLink((await row()).id, 'reset');
    await consumeLinkAndSetPassword(token, await hashPassword('Un tout nouveau mot de passe'));
    expect(await row()).toMatchObject({ importedPasswordHash: null, passwordImportedAt: null });
    expect(outcome(await signIn(MARIE, fixture('$P$B').password))).toBe('invalid');
    expect(await countImportedPasswords()).toBe(0);
  });

  it('a password change removes an imported hash left beside the password', async () => {
    const signedIn = await signIn(LEA.identifier, LEA.password);
    const user = signedIn.ok ? await resolveSession(signedIn.sessionId) : null;
    await getDb().update(accounts).set({ importedPasswordHash: fixture('$P$B').hash, passwordImportedAt: now() }).where(eq(accounts.identifier, LEA.identifier));
    const changed = await changePassword(user!, { current: LEA.password, password: 'Un tout autre mot de passe', confirmation: 'Un tout autre mot de passe' }, request);
    expect(changed.outcome).toBe('changed');
    expect(await row(LEA.identifier)).toMatchObject({ importedPasswordHash: null, passwordImportedAt: null });
  });

  it('a sign-in with the password of Sésame removes an imported hash left beside it', async () => {
    await getDb().update(accounts).set({ importedPasswordHash: fixture('$P$B').hash, passwordImportedAt: now() }).where(eq(accounts.identifier, LEA.identifier));
    // The password of Sésame is the one checked; the imported one opens nothing.
    expect(outcome(await signIn(LEA.identifier, fixture('$P$B').password))).toBe('invalid');
    expect(outcome(await signIn(LEA.identifier, LEA.password))).toBe('ok');
    expect(await row(LEA.identifier)).toMatchObject({ importedPasswordHash: null, passwordImportedAt: null });
  });

  it('a wrong imported password counts as a failure, exactly as a wrong password of Sésame’s', async () => {
    const { password, hash } = fixture('$wp$2y$');
    await importHash(hash);
    const imported: string[] = [];
    const normal: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      imported.push(outcome(await signIn(MARIE, `wrong-${i}-${password}`)));
      normal.push(outcome(await signIn(LEA.identifier, `wrong-${i}-${LEA.password}`)));
    }
    expect(imported).toEqual(normal);
    expect(imported.at(-1)).toBe('throttled');
    // The right password waits like any other; then it gets in and converts.
    expect(outcome(await signIn(MARIE, password))).toBe('throttled');
    advanceClock(60 * 60 * 1000);
    expect(outcome(await signIn(MARIE, password))).toBe('ok');
    expect((await row()).importedPasswordHash).toBeNull();
  });

  it('answers busy when the pool is full, as to every sign-in: nothing checked, nothing counted, nothing converted', async () => {
    await closeHashPool();
    openHashPool({ threads: 1, maxQueue: 1, maxWaitMs: 600_000 });
    const { password, hash } = fixture('$P$B');
    await importHash(hash);
    // One comparison running and one queued: the queue is full.
    const slow = await bcrypt.hash('slow', 13);
    const running = [bcryptCompare('slow', slow), bcryptCompare('slow', slow)];
    for (let i = 0; i < 6; i += 1) expect(await signIn(MARIE, password)).toEqual({ ok: false, reason: 'busy' });
    expect((await row()).importedPasswordHash).toBe(hash);
    // Every sign-in is told so: nothing tells an account on an imported hash apart.
    expect(await signIn(LEA.identifier, LEA.password)).toEqual({ ok: false, reason: 'busy' });
    expect(await signIn('00999999', 'whatever-password')).toEqual({ ok: false, reason: 'busy' });
    await Promise.all(running);
    // Six busy answers counted nothing: the right password gets in at once.
    expect(outcome(await signIn(MARIE, password))).toBe('ok');
    await closeHashPool();
  });

  it('staff enabling a disabled account that still holds its imported password make it active again', async () => {
    await importHash(fixture('$P$B').hash);
    const marie = await row();
    const [admin] = await getDb().select().from(accounts).where(eq(accounts.identifier, '00000001'));
    expect(await setAccountDisabled(marie.id, true, { id: admin.id, request })).toBe('ok');
    expect(await setAccountDisabled(marie.id, false, { id: admin.id, request })).toBe('ok');
    expect((await row()).status).toBe('active');
    expect(outcome(await signIn(MARIE, fixture('$P$B').password))).toBe('ok');
  });

  it('counts the accounts still on an imported password for /admin, and tells staff which state an account is in', async () => {
    expect(await countImportedPasswords()).toBe(0);
    expect(passwordState(await row())).toBe('set');
    expect(passwordState(await row('00067890'))).toBe('none');
    await importHash(fixture('$P$B').hash);
    advanceClock(60_000);
    const since = now();
    advanceClock(60_000);
    await importHash(fixture('$2y$').hash, LEA.identifier);
    expect(await countImportedPasswords()).toBe(2);
    expect(await countImportedPasswords(since)).toBe(1);
    expect(passwordState(await row())).toBe('imported');
    expect(outcome(await signIn(MARIE, fixture('$P$B').password))).toBe('ok');
    expect(await countImportedPasswords()).toBe(1);
    expect(passwordState(await row())).toBe('set');
  });

  it('never shows the imported hash: not in the export, the audit trail or the log', async () => {
    const lines: string[] = [];
    for (const method of ['info', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation((line: unknown) => void lines.push(String(line)));
    const { password, hash } = fixture('$wp$2y$');
    await importHash(hash);
    let csv = '';
    for await (const piece of exportLines({ filter: 'tous', before: null })) csv += piece;
    expect(csv).toContain(MARIE);
    expect(csv).not.toContain(hash.slice(10));
    expect(csv).not.toMatch(/imported|password/i);
    await signIn(MARIE, 'wrong-password-123');
    await signIn(MARIE, password);
    const trail = JSON.stringify(await getDb().select().from(auditEvents));
    expect(trail).toContain('password_hash_converted');
    for (const text of [trail, lines.join('\n')]) {
      expect(text).not.toContain(hash.slice(10));
      expect(text).not.toContain(password);
    }
    vi.restoreAllMocks();
  });
});
