import { and, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { advanceClock, MINUTE } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, emailOutbox, totpFactors, type Account } from '@/lib/db/schema';
import { confirmEnrolment, ENROLMENT_TTL_MS, enrolmentSecret, startEnrolment } from '@/lib/second-factor/enrolment';
import { factorSummary } from '@/lib/second-factor/factors';
import { staffRemoveTotp } from '@/lib/second-factor/staff';
import { request, resetDatabase } from './database';
import { codeAt, enrolApp, sessionOf } from './enrol-app';

const MARIE = { identifier: '00123456', password: 'Sesame-Demo-2026' };
const ADMIN = { identifier: '00000001', password: 'Sesame-Admin-2026' };

async function holder(identifier: string): Promise<Account> {
  const [row] = await getDb().select().from(accounts).where(eq(accounts.identifier, identifier));
  return row;
}

const storedApps = async (accountId: string) => getDb().select().from(totpFactors).where(eq(totpFactors.accountId, accountId));

beforeEach(resetDatabase);
afterAll(closeDb);

describe('turning the app on', () => {
  it('asks the password again before any secret is made', async () => {
    const session = sessionOf(await holder(MARIE.identifier));
    expect(await startEnrolment(session, 'pas le bon', request)).toEqual({ ok: false, message: { key: 'secondFactor.errors.confirmPassword' } });
    expect(await startEnrolment(session, '', request)).toEqual({ ok: false, message: { key: 'secondFactor.errors.required' } });
    expect(await storedApps(session.id)).toEqual([]);
    expect((await startEnrolment(session, MARIE.password, request)).ok).toBe(true);
  });

  it('each start makes a new secret, which only the session that started it reads or confirms', async () => {
    const account = await holder(MARIE.identifier);
    const mine = sessionOf(account, 'session-a');
    const other = sessionOf(account, 'session-b');
    const first = await startEnrolment(mine, MARIE.password, request);
    const second = await startEnrolment(mine, MARIE.password, request);
    if (!first.ok || !second.ok) throw new Error('not started');
    const secret = enrolmentSecret(mine, second.enrolment)!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolmentSecret(mine, first.enrolment)).not.toBe(secret);

    // Nothing in the database to read; another session of the account, or another account, gets nothing from the value.
    expect(await storedApps(account.id)).toEqual([]);
    expect(enrolmentSecret(other, second.enrolment)).toBeNull();
    expect(enrolmentSecret({ id: (await holder(ADMIN.identifier)).id, sessionId: 'session-a' }, second.enrolment)).toBeNull();
    expect(await confirmEnrolment(other, second.enrolment, codeAt(secret), request)).toEqual({ ok: false, reason: 'none' });
    expect(await storedApps(account.id)).toEqual([]);
    // Tampered with: nothing either.
    const tampered = second.enrolment.slice(0, -4) + (second.enrolment.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(enrolmentSecret(mine, tampered)).toBeNull();

    expect((await confirmEnrolment(mine, second.enrolment, codeAt(secret), request)).ok).toBe(true);
    expect((await factorSummary(account.id)).totp).not.toBeNull();
  });

  it('an enrolment lasts 30 minutes', async () => {
    const session = sessionOf(await holder(MARIE.identifier));
    const started = await startEnrolment(session, MARIE.password, request);
    if (!started.ok) throw new Error('not started');
    advanceClock(ENROLMENT_TTL_MS - MINUTE);
    expect(enrolmentSecret(session, started.enrolment)).not.toBeNull();
    advanceClock(MINUTE);
    const secret = enrolmentSecret(session, started.enrolment);
    expect(secret).toBeNull();
    expect(await confirmEnrolment(session, started.enrolment, '123456', request)).toEqual({ ok: false, reason: 'none' });
  });

  it('staff finishing a sign-in that asks for it are not asked the password they just typed', async () => {
    const admin = await holder(ADMIN.identifier);
    const signingIn = sessionOf(admin, 'session-enrol', 'enrol');
    const started = await startEnrolment(signingIn, '', request);
    expect(started.ok).toBe(true);
    // The same admin from a full session is asked, as everyone else.
    expect((await startEnrolment(sessionOf(admin), '', request)).ok).toBe(false);
  });

  it('a row left unconfirmed by an earlier enrolment is replaced, never confirmed with its old secret', async () => {
    const account = await holder(MARIE.identifier);
    await getDb().insert(totpFactors).values({ accountId: account.id, secret: 'sealed:v1:old', createdAt: new Date() });
    const { secret } = await enrolApp(account, MARIE.password);
    const [row] = await storedApps(account.id);
    expect(row.confirmedAt).not.toBeNull();
    expect(row.secret).not.toBe('sealed:v1:old');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe('staff removing a member’s app', () => {
  it('give their own password (or code) first: a wrong one removes nothing and tells nobody', async () => {
    const member = await holder(MARIE.identifier);
    await enrolApp(member, MARIE.password);
    const admin = sessionOf(await holder(ADMIN.identifier));
    expect(await staffRemoveTotp(member.id, { admin, confirm: MARIE.password, request })).toEqual({ unconfirmed: { key: 'secondFactor.errors.confirmWrong' } });
    expect(await staffRemoveTotp(member.id, { admin, confirm: '', request })).toEqual({ unconfirmed: { key: 'secondFactor.errors.required' } });
    expect((await factorSummary(member.id)).totp).not.toBeNull();
    expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.template, 'second_factor_removed'))).toEqual([]);
    const removals = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.accountId, member.id), eq(auditEvents.type, 'second_factor_removed')));
    expect(removals).toEqual([]);

    expect(await staffRemoveTotp(member.id, { admin, confirm: ADMIN.password, request })).toBe('removed');
    expect((await factorSummary(member.id)).totp).toBeNull();
  });
});
