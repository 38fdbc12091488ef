import { and, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/crypto/password-hash';
import { resolveSession, SECOND_FACTOR_WAIT_MS, completeSecondFactor, type SessionUser } from '@/lib/sessions/sessions';
import { signInWithPassword } from '@/lib/sign-in/password';
import { advanceClock, now } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, emailOutbox, recoveryCodes, totpFactors } from '@/lib/db/schema';
import { createPasswordLink, consumeLinkAndSetPassword } from '@/lib/password-links/tokens';
import { confirmIdentity } from '@/lib/second-factor/confirm-identity';
import { confirmEnrolment, enrolmentSecret, startEnrolment } from '@/lib/second-factor/enrolment';
import { factorSummary, removeTotp, verifyCode } from '@/lib/second-factor/factors';
import { CODE_ATTEMPTS } from '@/lib/throttles/codes';
import { staffRemoveTotp } from '@/lib/second-factor/staff';
import { stepAt } from '@/lib/second-factor/totp';
import { request, resetDatabase } from './database';
import { codeAt, enrolApp, sessionOf } from './enrol-app';

const MARIE = { identifier: '00123456', password: 'Sesame-Demo-2026' };
const ADMIN = { identifier: '00000001', password: 'Sesame-Admin-2026' };
async function holder(identifier: string) {
  const [row] = await getDb().select().from(accounts).where(eq(accounts.identifier, identifier));
  return row;
}

/** Turns the app on for an account, as the enrolment page does; returns its secret and codes. */
async function enrol(who: { identifier: string; password: string }) {
  const account = await holder(who.identifier);
  return { account, ...(await enrolApp(account, who.password)) };
}

async function signIn(who: { identifier: string; password: string }) {
  const result = await signInWithPassword({ identifier: who.identifier, password: who.password, remember: false }, request);
  if (!result.ok) throw new Error('sign-in refused');
  return result;
}

async function auditTypes(accountId: string) {
  const rows = await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, accountId)).orderBy(auditEvents.id);
  return rows.map((r) => r.type);
}

beforeEach(resetDatabase);
afterAll(closeDb);

describe('enrolment', () => {
  it('shows one secret until confirmed, keeps it sealed, and hands out ten recovery codes once', async () => {
    const account = await holder(MARIE.identifier);
    const session = sessionOf(account);
    const started = await startEnrolment(session, MARIE.password, request);
    if (!started.ok) throw new Error('not started');
    const secret = enrolmentSecret(session, started.enrolment)!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolmentSecret(session, started.enrolment)).toBe(secret);
    // Sealed in the browser's cookie until confirmed; nothing in the database yet.
    expect(started.enrolment).not.toContain(secret);
    expect(started.enrolment).toMatch(/^sealed:v1:/);
    expect(await getDb().select().from(totpFactors).where(eq(totpFactors.accountId, account.id))).toEqual([]);

    const confirm = (code: string) => confirmEnrolment(session, started.enrolment, code, request);
    expect(await confirm('000000' === codeAt(secret) ? '111111' : '000000')).toEqual({ ok: false, reason: 'wrong' });
    const confirmed = await confirm(codeAt(secret));
    expect(confirmed.ok).toBe(true);
    const [row] = await getDb().select().from(totpFactors).where(eq(totpFactors.accountId, account.id));
    expect(row.secret).not.toContain(secret);
    expect(row.secret).toMatch(/^sealed:v1:/);
    const codes = confirmed.ok ? confirmed.recoveryCodes : [];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await getDb().select().from(recoveryCodes).where(eq(recoveryCodes.accountId, account.id));
    expect(stored).toHaveLength(10);
    expect(stored.some((r) => codes.some((c) => r.codeHash.includes(c) || r.codeHash.includes(c.replace('-', ''))))).toBe(false);

    // Confirmed: no second enrolment over it.
    expect(await startEnrolment(session, MARIE.password, request)).toEqual({ ok: false, message: { key: 'secondFactor.enrol.alreadyOn' } });
    expect(await confirm(codeAt(secret, 1))).toEqual({ ok: false, reason: 'none' });
    expect(await auditTypes(account.id)).toEqual(['second_factor_failed', 'second_factor_enrolled']);
    expect((await factorSummary(account.id)).recoveryCodesLeft).toBe(10);
  });
});

describe('signing in with a second factor', () => {
  it('a member without one signs in as before; with one, the session waits for the code', async () => {
    expect((await signIn(MARIE)).secondFactor).toBeNull();
    const { account, secret } = await enrol(MARIE);
    const result = await signIn(MARIE);
    expect(result.secondFactor).toBe('pending');
    expect((await resolveSession(result.sessionId))?.secondFactor).toBe('pending');

    const user = (await resolveSession(result.sessionId))!;
    expect(await verifyCode(user, codeAt(secret), request, { allowRecovery: true, during: 'sign_in' })).toEqual({ ok: true, method: 'totp' });
    expect(await completeSecondFactor(result.sessionId)).toBe(true);
    expect((await resolveSession(result.sessionId))?.secondFactor).toBeNull();
    expect(await auditTypes(account.id)).toContain('second_factor_used');
  });

  it('refuses a replayed code, a wrong one, and an earlier step once a later one was used', async () => {
    const { account, secret } = await enrol(MARIE);
    const code = codeAt(secret);
    const check = (c: string) => verifyCode(account, c, request, { allowRecovery: true, during: 'sign_in' });
    expect(await check(code)).toEqual({ ok: true, method: 'totp' });
    expect(await check(code)).toEqual({ ok: false, reason: 'replayed' });
    // One step of drift ahead is accepted; then the current step's code is spent too.
    expect(await check(codeAt(secret, 1))).toEqual({ ok: true, method: 'totp' });
    expect(await check(codeAt(secret, 0))).toEqual({ ok: false, reason: 'replayed' });
    // Two steps away is refused as wrong; a code never valid is wrong.
    expect(await check(codeAt(secret, 3))).toEqual({ ok: false, reason: 'wrong' });
    expect(await check('12345')).toEqual({ ok: false, reason: 'wrong' });
    const [row] = await getDb().select().from(totpFactors).where(eq(totpFactors.accountId, account.id));
    expect(row.lastUsedStep).toBe(stepAt(now()) + 1);
  });

  it('throttles codes per account: twenty wrong ones at once get five checks, then a wait', async () => {
    const { account, secret } = await enrol(MARIE);
    const wrong = String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, '0');
    const answers = await Promise.all(Array.from({ length: 20 }, () => verifyCode(account, wrong, request, { allowRecovery: true, during: 'sign_in' })));
    expect(answers.filter((a) => !a.ok && a.reason === 'wrong')).toHaveLength(CODE_ATTEMPTS);
    expect(answers.filter((a) => !a.ok && a.reason === 'throttled')).toHaveLength(20 - CODE_ATTEMPTS);
    // Even the right code waits now; after the window it works and the count starts again.
    expect(await verifyCode(account, codeAt(secret), request, { allowRecovery: true, during: 'sign_in' })).toMatchObject({ ok: false, reason: 'throttled' });
    advanceClock(15 * 60_000);
    expect(await verifyCode(account, codeAt(secret), request, { allowRecovery: true, during: 'sign_in' })).toEqual({ ok: true, method: 'totp' });
  });

  it('one code sent five times at once is accepted once', async () => {
    const { account, secret } = await enrol(MARIE);
    const code = codeAt(secret);
    const answers = await Promise.all(Array.from({ length: 5 }, () => verifyCode(account, code, request, { allowRecovery: true, during: 'sign_in' })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
  });

  it('a recovery code works once, typed in any case, with or without its dash', async () => {
    const { account, recoveryCodes: codes } = await enrol(MARIE);
    const check = (c: string) => verifyCode(account, c, request, { allowRecovery: true, during: 'sign_in' });
    expect(await check(codes[0].toLowerCase().replace('-', ' '))).toEqual({ ok: true, method: 'recovery' });
    expect(await check(codes[0])).toEqual({ ok: false, reason: 'wrong' });
    expect(await verifyCode(account, codes[1], request, { allowRecovery: false, during: 'confirmation' })).toEqual({ ok: false, reason: 'wrong' });
    expect((await factorSummary(account.id)).recoveryCodesLeft).toBe(9);
  });

  it('a waiting session ends after ten minutes', async () => {
    await enrol(MARIE);
    const { sessionId } = await signIn(MARIE);
    advanceClock(SECOND_FACTOR_WAIT_MS);
    expect(await resolveSession(sessionId)).toBeNull();
  });

  it('a password set through an emailed link leaves the factor in place', async () => {
    const { account } = await enrol(MARIE);
    const { token } = await createPasswordLink(account.id, 'reset');
    expect(await consumeLinkAndSetPassword(token, await hashPassword('Un tout nouveau sésame 2026'))).not.toBeNull();
    expect((await factorSummary(account.id)).totp).not.toBeNull();
    expect((await signIn({ identifier: MARIE.identifier, password: 'Un tout nouveau sésame 2026' })).secondFactor).toBe('pending');
  });
});

describe('staff', () => {
  it('an admin without a factor must enrol; with one, is asked for the code; the last factor stays', async () => {
    const first = await signIn(ADMIN);
    expect(first.secondFactor).toBe('enrol');
    const { account } = await enrol(ADMIN);
    expect((await signIn(ADMIN)).secondFactor).toBe('pending');
    expect(await removeTotp(account, request)).toEqual({ ok: false, reason: 'lastFactor' });
    const other = await holder(MARIE.identifier);
    expect(await staffRemoveTotp(account.id, { admin: sessionOf(other), confirm: MARIE.password, request })).toBe('lastFactor');
    expect((await factorSummary(account.id)).totp).not.toBeNull();
  });

  it('customer service removes a member’s app: audited with the admin, the member gets an email', async () => {
    const { account } = await enrol(MARIE);
    const admin = await holder(ADMIN.identifier);
    expect(await staffRemoveTotp(account.id, { admin: sessionOf(admin), confirm: ADMIN.password, request })).toBe('removed');
    expect(await factorSummary(account.id)).toMatchObject({ totp: null, recoveryCodesLeft: 0 });
    const [removal] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.accountId, account.id), eq(auditEvents.type, 'second_factor_removed')));
    expect(removal).toMatchObject({ actorId: admin.id, details: { factor: 'totp', by: 'staff' } });
    const emails = await getDb().select().from(emailOutbox).where(eq(emailOutbox.template, 'second_factor_removed'));
    expect(emails.map((e) => e.to)).toEqual([account.email]);
    expect((await signIn(MARIE)).secondFactor).toBeNull();
    expect(await staffRemoveTotp(account.id, { admin: sessionOf(admin), confirm: ADMIN.password, request })).toBe('none');
  });
});

describe('asking again before a change', () => {
  it('takes the password or a fresh code, and refuses a wrong one', async () => {
    const { account, secret } = await enrol(MARIE);
    const user: SessionUser = { ...account, sessionId: 'x', secondFactor: null, method: 'password', secondFactorAt: null };
    expect(await confirmIdentity(user, 'wrong password', request)).toEqual({ ok: false, message: { key: 'secondFactor.errors.confirmWrong' } });
    expect(await confirmIdentity(user, MARIE.password, request)).toEqual({ ok: true });
    expect(await confirmIdentity(user, codeAt(secret), request)).toEqual({ ok: true });
    expect((await confirmIdentity(user, codeAt(secret), request)).ok).toBe(false);
  });
});
