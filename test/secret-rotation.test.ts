import { eq, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { now } from '@/lib/clock';
import { seal, sealer, unseal, UnreadableBody } from '@/lib/crypto/sealed';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, recoveryCodes, throttles, totpFactors } from '@/lib/db/schema';
import { refusalMessage } from '@/lib/second-factor/form-state';
import { verifyCode } from '@/lib/second-factor/factors';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from '@/lib/second-factor/recovery-codes';
import { newTotpSecret, secretFromText, secretToText, stepAt, totpCode } from '@/lib/second-factor/totp';
import { signInWithPassword } from '@/lib/sign-in/password';
import { request, resetDatabase } from './database';

/**
 * Rotating AUTH_SECRET: it lists the new secret, then the old one. What the old one sealed still
 * opens (and a TOTP secret is sealed again with the new one when used); once the old one is gone,
 * an app that cannot be opened gives a clear answer, never an error, and counts nothing.
 */
const OLD = 'the-old-secret-the-old-secret-0123456789';
const NEW = 'the-new-secret-the-new-secret-0123456789';

// The secrets AUTH_SECRET lists, as each test sets them; the rest of the configuration as it is.
const rotation = vi.hoisted(() => ({ secrets: null as string[] | null }));
vi.mock('@/lib/config', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/config')>();
  return {
    ...actual,
    getConfig: () => {
      const config = actual.getConfig();
      return rotation.secrets ? { ...config, authSecret: rotation.secrets[0], authSecrets: rotation.secrets } : config;
    },
  };
});
const listSecrets = (...secrets: string[]) => {
  rotation.secrets = secrets;
};

const ADMIN = { identifier: '00000001', password: 'Sesame-Admin-2026' };
const totp = sealer('totp secret v1');

async function account(identifier: string) {
  const [row] = await getDb().select().from(accounts).where(eq(accounts.identifier, identifier));
  return row;
}

/** A confirmed app for the admin, its secret sealed with `secret` alone, as the enrolment stored it then. */
async function appSealedWith(secret: string) {
  const holder = await account(ADMIN.identifier);
  const text = secretToText(newTotpSecret());
  listSecrets(secret);
  await getDb().insert(totpFactors).values({ accountId: holder.id, secret: totp.seal(text), createdAt: now(), confirmedAt: now() });
  await getDb().insert(recoveryCodes).values({ accountId: holder.id, codeHash: 'a-recovery-code-hash', createdAt: now() });
  return { holder, code: () => totpCode(secretFromText(text), stepAt(now())) };
}

const storedSecret = async (accountId: string) => (await getDb().select().from(totpFactors).where(eq(totpFactors.accountId, accountId)))[0]?.secret;

beforeEach(async () => {
  rotation.secrets = null;
  await resetDatabase();
});
afterEach(() => {
  rotation.secrets = null;
});
afterAll(closeDb);

describe('sealing during a rotation', () => {
  it('opens what the old secret sealed while AUTH_SECRET still lists it, and seals anew with the first', () => {
    listSecrets(OLD);
    const body = seal('a queued email, with its link');
    const secret = totp.seal('JBSWY3DPEHPK3PXP');

    listSecrets(NEW, OLD);
    expect(unseal(body)).toBe('a queued email, with its link');
    const opened = totp.open(secret);
    expect(opened.plain).toBe('JBSWY3DPEHPK3PXP');
    expect(opened.resealed).toMatch(/^sealed:v1:/);
    // Sealed with the newest: it opens without the old secret, and needs no sealing again.
    listSecrets(NEW);
    expect(totp.open(opened.resealed!)).toEqual({ plain: 'JBSWY3DPEHPK3PXP', resealed: null });
    expect(() => unseal(body)).toThrow(UnreadableBody);
    expect(() => totp.open(secret)).toThrow(UnreadableBody);
    // Each use keeps a key of its own: an outbox body is no TOTP secret.
    expect(() => totp.open(seal('x'))).toThrow(UnreadableBody);
  });
});

describe('staff signing in with an app sealed with the old secret', () => {
  it('during the rotation: the code is accepted, and the secret is sealed again with the new one', async () => {
    const { holder, code } = await appSealedWith(OLD);
    const sealedByOld = await storedSecret(holder.id);
    listSecrets(NEW, OLD);
    expect(await verifyCode(holder, code(), request, { allowRecovery: true, during: 'sign_in' })).toEqual({ ok: true, method: 'totp' });
    const resealed = await storedSecret(holder.id);
    expect(resealed).not.toBe(sealedByOld);
    // The old secret can go now: the app still opens.
    listSecrets(NEW);
    expect(() => totp.unseal(resealed!)).not.toThrow();
  });

  it('during the rotation: a recovery code handed out before it still works', async () => {
    const { holder } = await appSealedWith(OLD);
    const [code] = newRecoveryCodes();
    await getDb().insert(recoveryCodes).values({ accountId: holder.id, codeHash: hashRecoveryCode(normaliseRecoveryCode(code)!), createdAt: now() });
    listSecrets(NEW, OLD);
    expect(await verifyCode(holder, code, request, { allowRecovery: true, during: 'sign_in' })).toEqual({ ok: true, method: 'recovery' });
  });

  it('after the old secret is dropped: a clear answer, not an error; nothing counted; the app removed, so the next sign-in enrols again', async () => {
    const { holder, code } = await appSealedWith(OLD);
    listSecrets(NEW);
    const signedIn = await signInWithPassword({ identifier: ADMIN.identifier, password: ADMIN.password, remember: false }, request);
    expect(signedIn).toMatchObject({ ok: true, secondFactor: 'pending' });

    const refused = await verifyCode(holder, code(), request, { allowRecovery: true, during: 'sign_in' });
    expect(refused).toEqual({ ok: false, reason: 'unreadable' });
    if (refused.ok) return;
    expect(refusalMessage(refused)).toEqual({ key: 'secondFactor.errors.unreadable' });
    // No attempt counted against the account: no code throttle, no wrong code in a row.
    expect(await getDb().select().from(throttles).where(like(throttles.key, `%${holder.id}%`))).toEqual([]);
    expect(await getDb().select().from(totpFactors).where(eq(totpFactors.accountId, holder.id))).toEqual([]);
    expect(await getDb().select().from(recoveryCodes).where(eq(recoveryCodes.accountId, holder.id))).toEqual([]);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, holder.id));
    expect(events.find((e) => e.type === 'second_factor_removed')?.details).toMatchObject({ factor: 'totp', by: 'unreadable' });

    // The admin signs in again with the password and is asked to set up a factor anew.
    const again = await signInWithPassword({ identifier: ADMIN.identifier, password: ADMIN.password, remember: false }, request);
    expect(again).toMatchObject({ ok: true, secondFactor: 'enrol' });
  });
});
