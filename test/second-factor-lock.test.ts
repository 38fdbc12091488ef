import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/crypto/password-hash';
import { unseal } from '@/lib/crypto/sealed';
import { advanceClock, DAY, MINUTE } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, emailOutbox, type Account } from '@/lib/db/schema';
import { secondFactorLockedEmail } from '@/lib/mail/templates/second-factor-locked';
import { consumeLinkAndSetPassword, createPasswordLink } from '@/lib/password-links/tokens';
import { purgeExpired } from '@/lib/retention/purge';
import { confirmIdentity } from '@/lib/second-factor/confirm-identity';
import { factorSummary, removeTotp, verifyCode } from '@/lib/second-factor/factors';
import { refusalMessage } from '@/lib/second-factor/form-state';
import { staffUnlockCodes } from '@/lib/second-factor/staff';
import { CODE_ATTEMPTS, CODE_WINDOW_MS, codesLocked, WRONG_CODES_UNTIL_LOCK } from '@/lib/throttles/codes';
import { request, resetDatabase } from './database';
import { codeAt, enrolApp, sessionOf } from './enrol-app';

const MARIE = { identifier: '00123456', password: 'Sesame-Demo-2026' };
const ADMIN = { identifier: '00000001', password: 'Sesame-Admin-2026' };

async function holder(identifier: string): Promise<Account> {
  const [row] = await getDb().select().from(accounts).where(eq(accounts.identifier, identifier));
  return row;
}

/** A six-digit code the app does not show in any of the steps accepted now. */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((offset) => codeAt(secret, offset)));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

const signInCode = (account: Account, code: string) => verifyCode(account, code, request, { allowRecovery: true, during: 'sign_in' });

/** Wrong codes one after another, each window's five then the next window, as a patient guesser types them; their answers. */
async function guess(account: Account, secret: string, times: number) {
  const answers: Awaited<ReturnType<typeof signInCode>>[] = [];
  for (let n = 0; n < times; n += 1) {
    if (n > 0 && n % CODE_ATTEMPTS === 0) advanceClock(CODE_WINDOW_MS);
    answers.push(await signInCode(account, wrongCode(secret)));
  }
  // The next code finds a fresh window: what it meets is the lock, not the rate.
  advanceClock(CODE_WINDOW_MS);
  return answers;
}

const lockEmails = async () => getDb().select().from(emailOutbox).where(eq(emailOutbox.template, 'second_factor_locked'));
const auditCount = async (accountId: string, type: string) =>
  (await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, accountId))).filter((e) => e.type === type).length;

async function enrolledMarie() {
  const account = await holder(MARIE.identifier);
  return { account, ...(await enrolApp(account, MARIE.password)) };
}

beforeEach(resetDatabase);
afterAll(closeDb);

describe('wrong codes in a row', () => {
  it('the 10th wrong code locks the app’s codes: a right one is then refused, and the holder is emailed once', async () => {
    expect(WRONG_CODES_UNTIL_LOCK).toBe(10);
    const { account, secret } = await enrolledMarie();
    const answers = await guess(account, secret, WRONG_CODES_UNTIL_LOCK);
    expect(answers.slice(0, -1).every((a) => !a.ok && a.reason === 'wrong')).toBe(true);
    expect(answers.at(-1)).toEqual({ ok: false, reason: 'locked' });

    // The right code of the moment is refused, unchecked, and so it stays while nothing opens it.
    expect(await signInCode(account, codeAt(secret))).toEqual({ ok: false, reason: 'locked' });
    advanceClock(DAY);
    expect(await signInCode(account, codeAt(secret))).toEqual({ ok: false, reason: 'locked' });
    expect(await codesLocked(account.id)).toMatchObject({ wrongCodes: WRONG_CODES_UNTIL_LOCK });
    expect((await factorSummary(account.id)).codesLocked).not.toBeNull();

    // One email, at the lock, to the holder's address; more tries send none.
    await guess(account, secret, CODE_ATTEMPTS);
    const emails = await lockEmails();
    expect(emails.map((e) => [e.to, e.accountId, e.subject])).toEqual([[account.email, account.id, 'Codes de vérification bloqués sur votre compte']]);
    const text = unseal(emails[0].text);
    expect(text).toContain('10 codes de vérification incorrects');
    expect(text).toContain('codes de secours');
    expect(text).toContain('/mot-de-passe-oublie');
    expect(await auditCount(account.id, 'second_factor_locked')).toBe(1);
  });

  it('tells what still works: a recovery code, a new password, customer service', () => {
    const message = refusalMessage({ ok: false, reason: 'locked' });
    expect(message.key).toBe('secondFactor.errors.locked');
    expect(message.values?.supportEmail).toMatch(/@/);
  });

  it('a recovery code still works while locked, and opens the lock', async () => {
    const { account, secret, recoveryCodes } = await enrolledMarie();
    await guess(account, secret, WRONG_CODES_UNTIL_LOCK);
    // A wrong recovery code is counted too, and changes nothing else.
    expect(await signInCode(account, 'ABCDE-FGHJK')).toEqual({ ok: false, reason: 'locked' });
    expect(await signInCode(account, recoveryCodes[0])).toEqual({ ok: true, method: 'recovery' });
    expect(await codesLocked(account.id)).toBeNull();
    expect(await signInCode(account, codeAt(secret))).toEqual({ ok: true, method: 'totp' });
    expect(await lockEmails()).toHaveLength(1);
  });

  it('a right code forgets the wrong ones before it', async () => {
    const { account, secret } = await enrolledMarie();
    await guess(account, secret, WRONG_CODES_UNTIL_LOCK - 1);
    expect(await signInCode(account, codeAt(secret))).toEqual({ ok: true, method: 'totp' });
    advanceClock(CODE_WINDOW_MS);
    const answers = await guess(account, secret, WRONG_CODES_UNTIL_LOCK - 1);
    expect(answers.every((a) => !a.ok && a.reason === 'wrong')).toBe(true);
    expect(await codesLocked(account.id)).toBeNull();
    expect(await lockEmails()).toHaveLength(0);
  });

  it('five wrong codes at once at the edge: one locks, one email', async () => {
    const { account, secret } = await enrolledMarie();
    await guess(account, secret, WRONG_CODES_UNTIL_LOCK - 1);
    const answers = await Promise.all(Array.from({ length: CODE_ATTEMPTS }, () => signInCode(account, wrongCode(secret))));
    expect(answers.every((a) => !a.ok && a.reason === 'locked')).toBe(true);
    expect(await codesLocked(account.id)).toMatchObject({ wrongCodes: WRONG_CODES_UNTIL_LOCK });
    expect(await lockEmails()).toHaveLength(1);
  });

  it('asked again when signed in, a locked app code sends to the password', async () => {
    const { account, secret } = await enrolledMarie();
    await guess(account, secret, WRONG_CODES_UNTIL_LOCK);
    const user = sessionOf(account);
    expect(await confirmIdentity(user, codeAt(secret), request)).toEqual({ ok: false, message: { key: 'secondFactor.errors.confirmLocked' } });
    expect(await confirmIdentity(user, MARIE.password, request)).toEqual({ ok: true });
  });
});

describe('what opens the lock', () => {
  it('a password set through an emailed link', async () => {
    const { account, secret } = await enrolledMarie();
    await guess(account, secret, WRONG_CODES_UNTIL_LOCK);
    expect(await codesLocked(account.id)).not.toBeNull();
    const { token } = await createPasswordLink(account.id, 'reset');
    expect(await consumeLinkAndSetPassword(token, await hashPassword('Un tout nouveau sésame 2026'))).not.toBeNull();
    expect(await codesLocked(account.id)).toBeNull();
    expect(await signInCode(account, codeAt(secret))).toEqual({ ok: true, method: 'totp' });
  });

  it('customer service, audited with the admin', async () => {
    const { account, secret } = await enrolledMarie();
    const admin = await holder(ADMIN.identifier);
    expect(await staffUnlockCodes(account.id, { id: admin.id, request })).toBe('notLocked');
    await guess(account, secret, WRONG_CODES_UNTIL_LOCK);
    expect(await staffUnlockCodes(account.id, { id: admin.id, request })).toBe('unlocked');
    expect(await signInCode(account, codeAt(secret))).toEqual({ ok: true, method: 'totp' });
    const [unlock] = await getDb().select().from(auditEvents).where(eq(auditEvents.type, 'second_factor_unlocked'));
    expect(unlock).toMatchObject({ accountId: account.id, actorId: admin.id });
  });

  it('removing the app: a new one starts afresh', async () => {
    const { account, secret } = await enrolledMarie();
    await guess(account, secret, WRONG_CODES_UNTIL_LOCK);
    expect(await codesLocked(account.id)).not.toBeNull();
    expect(await removeTotp(account, request)).toEqual({ ok: true });
    expect(await codesLocked(account.id)).toBeNull();
    const again = await enrolApp(account, MARIE.password);
    expect(await signInCode(account, codeAt(again.secret))).toEqual({ ok: true, method: 'totp' });
  });

  it('not time: the daily purge keeps a lock, and forgets a few wrong codes only after 30 quiet days', async () => {
    const { account, secret } = await enrolledMarie();
    const other = await holder('00024680');
    const otherApp = await enrolApp(other, 'Durand-Lea-2026');
    await guess(account, secret, WRONG_CODES_UNTIL_LOCK);
    await guess(other, otherApp.secret, 3);
    advanceClock(29 * DAY);
    await purgeExpired();
    expect(await codesLocked(account.id)).not.toBeNull();
    expect(await signInCode(other, wrongCode(otherApp.secret))).toEqual({ ok: false, reason: 'wrong' });
    advanceClock(31 * DAY + MINUTE);
    await purgeExpired();
    expect(await codesLocked(account.id)).not.toBeNull();
    // The other account's four wrong codes are forgotten: six more do not lock it.
    const answers = await guess(other, otherApp.secret, WRONG_CODES_UNTIL_LOCK - 4);
    expect(answers.every((a) => !a.ok && a.reason === 'wrong')).toBe(true);
  });
});

describe('the email', () => {
  it('is written in French and in English, with what still works and the reset address as a link', () => {
    const base = { orgName: 'Sésame', identifier: '00123456', name: 'Marie Dupont', supportEmail: 'support@example.org', appUrl: 'https://sesame.example.org', at: new Date('2026-03-02T09:30:00Z'), wrongCodes: 10 };
    const fr = secondFactorLockedEmail({ ...base, locale: 'fr' });
    expect(fr.subject).toBe('Codes de vérification bloqués sur votre compte');
    for (const body of [fr.html, fr.text]) {
      expect(body).toContain('Bonjour Marie Dupont,');
      expect(body).toContain('10 codes de vérification incorrects');
      expect(body).toContain('00123456');
      expect(body).toContain('codes de secours');
      expect(body).toContain('support@example.org');
    }
    expect(fr.html).toContain('<a href="https://sesame.example.org/mot-de-passe-oublie"');
    const en = secondFactorLockedEmail({ ...base, locale: 'en', name: '<b>Tom</b>' });
    expect(en.subject).toBe('Verification codes locked on your account');
    expect(en.text).toContain('10 wrong verification codes were entered in a row');
    expect(en.text).toContain('recovery codes');
    expect(en.html).toContain('&lt;b&gt;Tom&lt;/b&gt;');
    expect(en.html).not.toContain('<b>Tom</b>');
  });
});
