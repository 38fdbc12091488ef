import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/crypto/password-hash';
import { hashPoolState } from '@/lib/crypto/hash-pool';
import { signInWithPassword } from '@/lib/sign-in/password';
import { getDb, closeDb } from '@/lib/db/client';
import { accounts, auditEvents } from '@/lib/db/schema';
import { request, resetDatabase } from './database';

const signIn = (identifier: unknown, password: unknown, remember = false) =>
  signInWithPassword({ identifier, password, remember }, request);

beforeEach(resetDatabase);
afterAll(closeDb);

describe('sign-in against the database', () => {
  it.each([
    ['licence number as printed', '00123456', 'Sesame-Demo-2026', '00123456'],
    ['licence number without its leading zeros', '123456', 'Sesame-Demo-2026', '00123456'],
    ['licence number with spaces and dots', ' 00 123.456 ', 'Sesame-Demo-2026', '00123456'],
    ['client code', '10005', 'Sesame-Pro-2026', '10005'],
    ['email of a single account, any case', 'Marie.Dupont@Example.org', 'Sesame-Demo-2026', '00123456'],
    ['admin licence 1', '1', 'Sesame-Admin-2026', '00000001'],
  ])('accepts the %s', async (_case, identifier, password, expected) => {
    const result = await signIn(identifier, password);
    expect(result).toMatchObject({ ok: true, identifier: expected });
  });

  it.each([
    ['a wrong password', '00123456', 'wrong-password-123'],
    ['an unknown licence number', '00999999', 'Sesame-Demo-2026'],
    ['a pending account', '00067890', 'anything-at-all-1'],
    ['an email shared by several accounts, even with the right password', 'famille.durand@example.org', 'Durand-Lea-2026'],
    ['an unknown email', 'nobody@example.org', 'Sesame-Demo-2026'],
    ['a password sent as an array', '00123456', ['Sesame-Demo-2026']],
    ['an identifier sent as an array', ['00123456'], 'Sesame-Demo-2026'],
  ])('refuses %s with the same generic answer', async (_case, identifier, password) => {
    expect(await signIn(identifier, password)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('records the time of the last sign-in', async () => {
    await signIn('00123456', 'Sesame-Demo-2026');
    const [row] = await getDb().select().from(accounts).where(eq(accounts.identifier, '00123456'));
    expect(row.lastSignInAt).toBeInstanceOf(Date);
  });

  it('refuses a disabled account even with its right password', async () => {
    await getDb().update(accounts).set({ status: 'disabled' }).where(eq(accounts.identifier, '00123456'));
    expect(await signIn('00123456', 'Sesame-Demo-2026')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('makes exactly one bcrypt comparison per attempt, whatever the case', async () => {
    await signIn('00123456', 'warm-up-the-dummy-hash');
    // bcrypt runs on the hashing pool's threads: the pool counts what it did.
    const comparisons = () => hashPoolState().completed;
    const cases: [unknown, unknown][] = [
      ['00123456', 'Sesame-Demo-2026'],
      ['00123456', 'wrong-password-123'],
      ['00999999', 'whatever-password'],
      ['00067890', 'whatever-password'],
      ['famille.durand@example.org', 'Durand-Lea-2026'],
      ['not an identifier', 'whatever-password'],
    ];
    for (const [identifier, password] of cases) {
      const before = comparisons();
      await signIn(identifier, password);
      expect(comparisons() - before, `attempt with ${String(identifier)}`).toBe(1);
    }
  });

  it('counts every character of a long password (bcrypt alone reads 72 bytes)', async () => {
    const long = 'a'.repeat(80);
    await getDb()
      .update(accounts)
      .set({ passwordHash: await hashPassword(`${long}-one`) })
      .where(eq(accounts.identifier, '00123456'));
    expect((await signIn('00123456', `${long}-two`)).ok).toBe(false);
    expect((await signIn('00123456', `${long}-one`)).ok).toBe(true);
  });

  it('accepts a plain bcrypt hash from an import and upgrades it at the next sign-in', async () => {
    const plain = await bcrypt.hash('Imported-Password-1', 4);
    await getDb().update(accounts).set({ passwordHash: plain }).where(eq(accounts.identifier, '00123456'));
    expect((await signIn('00123456', 'Imported-Password-1')).ok).toBe(true);
    const [row] = await getDb().select().from(accounts).where(eq(accounts.identifier, '00123456'));
    expect(row.passwordHash).toMatch(/^\$sha256\$/);
    expect((await signIn('00123456', 'Imported-Password-1')).ok).toBe(true);
  });

  describe('Unicode NFC', () => {
    const composed = 'Caf\u00e9-cr\u00e8me-du-matin';
    const decomposed = composed.normalize('NFD');
    const storedHash = async () => (await getDb().select().from(accounts).where(eq(accounts.identifier, '00123456')))[0].passwordHash;
    /** A hash as made before passwords were normalised: of the password exactly as typed. */
    const hashAsTyped = async (password: string) =>
      `$sha256$${await bcrypt.hash(createHash('sha256').update(password, 'utf8').digest('base64'), 4)}`;

    it('accepts a password typed composed or decomposed, whichever form set it', async () => {
      expect(decomposed).not.toBe(composed);
      for (const setWith of [composed, decomposed]) {
        await getDb().update(accounts).set({ passwordHash: await hashPassword(setWith, 4) }).where(eq(accounts.identifier, '00123456'));
        expect((await signIn('00123456', composed)).ok, `set ${setWith === composed ? 'composed' : 'decomposed'}`).toBe(true);
        expect((await signIn('00123456', decomposed)).ok).toBe(true);
        expect((await signIn('00123456', 'Cafe-creme-du-matin')).ok).toBe(false);
      }
    });

    it('still accepts a hash of the decomposed password as typed, and replaces it with the NFC hash', async () => {
      const old = await hashAsTyped(decomposed);
      await getDb().update(accounts).set({ passwordHash: old }).where(eq(accounts.identifier, '00123456'));
      expect((await signIn('00123456', composed)).ok).toBe(false);
      expect((await signIn('00123456', decomposed)).ok).toBe(true);
      const upgraded = await storedHash();
      expect(upgraded).not.toBe(old);
      expect(upgraded).toMatch(/^\$sha256\$/);
      // Now typed either way.
      expect((await signIn('00123456', composed)).ok).toBe(true);
      expect((await signIn('00123456', decomposed)).ok).toBe(true);
      expect(await storedHash()).toBe(upgraded);
    });

    it('keeps an old hash of a password that NFC leaves alone', async () => {
      await getDb()
        .update(accounts)
        .set({ passwordHash: await hashAsTyped(composed) })
        .where(eq(accounts.identifier, '00123456'));
      const before = await storedHash();
      // The tests' BCRYPT_COST is 4: nothing but the form could call for a new hash.
      expect((await signIn('00123456', decomposed)).ok).toBe(true);
      expect((await signIn('00123456', composed)).ok).toBe(true);
      expect(await storedHash()).toBe(before);
    });

    it('compares as many times for an unknown account as for a known one', async () => {
      await signIn('00123456', 'warm-up-the-dummy-hash');
      const comparisons = () => hashPoolState().completed;
      for (const identifier of ['00123456', '00999999', '00067890']) {
        const before = comparisons();
        await signIn(identifier, decomposed);
        expect(comparisons() - before, identifier).toBe(2);
      }
    });
  });

  it('writes sign-ins and failures to the audit trail without the password', async () => {
    await signIn('00123456', 'Sesame-Demo-2026');
    await signIn('00123456', 'Marker-Password-XYZ');
    const events = await getDb().select().from(auditEvents);
    expect(events.map((e) => e.type).sort()).toEqual(['sign_in', 'sign_in_failed']);
    expect(JSON.stringify(events)).not.toContain('Marker-Password-XYZ');
    expect(JSON.stringify(events)).not.toContain('Sesame-Demo-2026');
  });
});
