import { and, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { confirmImport, prepareImport } from '@/lib/accounts/browser-import';
import { seedDemoAccounts } from '@/lib/accounts/demo-accounts';
import { importAccounts } from '@/lib/accounts/import';
import { adminOrResponse } from '@/lib/auth/admin-route';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, sessions } from '@/lib/db/schema';
import { completeSecondFactor, resolveSession } from '@/lib/sessions/sessions';
import { signInWithPassword } from '@/lib/sign-in/password';
import { request, resetDatabase } from './database';

/**
 * A session keeps what its sign-in asked for: a member's gave no second factor. Any change of
 * role ends the account's open sessions, in the transaction of the change, with a `role_changed`
 * audit event; the holder signs in again and meets the second step of the new role.
 */

// What Auth.js does on every request (lib/auth/auth.ts): the session row decides. The cookie of
// "this request" is the session id below.
let cookieSession: string | null = null;
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => {
    const user = cookieSession ? await resolveSession(cookieSession) : null;
    return user ? { user } : null;
  },
}));

const MARIE = { identifier: '00123456', password: 'Sesame-Demo-2026' };
const ADMIN = { identifier: '00000001', password: 'Sesame-Admin-2026' };
const LEA = { identifier: '00024680', password: 'Durand-Lea-2026' };

async function signIn({ identifier, password }: { identifier: string; password: string }) {
  const result = await signInWithPassword({ identifier, password, remember: true }, request);
  if (!result.ok) throw new Error('sign-in failed');
  return result;
}

/** A staff session that gave its second factor (or did its enrolment): it opens /admin. */
async function adminSession(): Promise<string> {
  const { sessionId } = await signIn(ADMIN);
  expect(await completeSecondFactor(sessionId)).toBe(true);
  return sessionId;
}

const accountOf = async (identifier: string) => (await getDb().select().from(accounts).where(eq(accounts.identifier, identifier)))[0];
const roleEvents = (accountId: string) =>
  getDb().select().from(auditEvents).where(and(eq(auditEvents.type, 'role_changed'), eq(auditEvents.accountId, accountId))).orderBy(auditEvents.id);
const endReasonOf = async (sessionId: string) => (await getDb().select().from(sessions).where(eq(sessions.id, sessionId)))[0].endReason;

/** Whether the request carrying this session gets through the admin guard of route handlers. */
async function reachesAdmin(sessionId: string): Promise<boolean> {
  cookieSession = sessionId;
  return 'admin' in (await adminOrResponse('/admin'));
}

const promoteMarie = 'identifier,kind,email,name,locale,role\n00123456,licence,marie.dupont@example.org,Marie Dupont,fr,admin\n';

beforeEach(async () => {
  await resetDatabase();
  cookieSession = null;
});
afterAll(closeDb);

describe('a member made administrator', () => {
  it('by a CSV import (command line): the session opened with the password alone ends, and never reaches /admin', async () => {
    const { sessionId, secondFactor } = await signIn(MARIE);
    expect(secondFactor).toBeNull();
    const lea = await signIn(LEA);
    expect(await reachesAdmin(sessionId)).toBe(false);

    const report = await importAccounts(promoteMarie);
    expect(report).toMatchObject({ updated: 1, errors: [] });
    const marie = await accountOf(MARIE.identifier);
    expect(marie.role).toBe('admin');

    expect(await resolveSession(sessionId)).toBeNull();
    expect(await reachesAdmin(sessionId)).toBe(false);
    expect(await endReasonOf(sessionId)).toBe('role_changed');
    // Nobody else's session is touched.
    expect(await resolveSession(lea.sessionId)).not.toBeNull();

    const [event] = await roleEvents(marie.id);
    expect(event).toMatchObject({ identifier: MARIE.identifier, actorId: null, details: { from: 'member', to: 'admin', sessionsEnded: 1, source: 'import' } });

    // Signing in again asks for what staff owe: an enrolment before anything else.
    expect((await signIn(MARIE)).secondFactor).toBe('enrol');
  });

  it('by an import confirmed in /admin: the same, with the admin who confirmed it in the audit event', async () => {
    const admin = await accountOf(ADMIN.identifier);
    const actor = { id: admin.id, request };
    const { sessionId } = await signIn(MARIE);
    const other = await signIn(MARIE);

    const importId = await prepareImport('promotion.csv', promoteMarie, actor);
    // The dry run changes nothing yet.
    expect(await resolveSession(sessionId)).not.toBeNull();
    expect(await confirmImport(importId, actor)).toMatchObject({ updated: 1, errors: [] });

    for (const sid of [sessionId, other.sessionId]) {
      expect(await resolveSession(sid)).toBeNull();
      expect(await reachesAdmin(sid)).toBe(false);
    }
    const [event] = await roleEvents((await accountOf(MARIE.identifier)).id);
    expect(event).toMatchObject({ actorId: admin.id, ip: request.ip, details: { from: 'member', to: 'admin', sessionsEnded: 2, source: 'import' } });
  });

  it('but a re-import that keeps the role, or a dry run, ends nothing', async () => {
    const { sessionId } = await signIn(MARIE);
    await importAccounts('identifier,kind,email,name,role\n00123456,licence,marie.dupont@example.org,Marie Dupont-Renommée,member\n');
    await importAccounts(promoteMarie, { dryRun: true });
    expect(await resolveSession(sessionId)).toMatchObject({ name: 'Marie Dupont-Renommée', role: 'member' });
    expect(await roleEvents((await accountOf(MARIE.identifier)).id)).toHaveLength(0);
  });
});

describe('an administrator made member', () => {
  it('by an import: every staff session ends, audited', async () => {
    const sessionId = await adminSession();
    expect(await reachesAdmin(sessionId)).toBe(true);

    await importAccounts('identifier,kind,email,name,role\n00000001,licence,admin@example.org,Administrateur Sésame,member\n');
    expect(await resolveSession(sessionId)).toBeNull();
    expect(await reachesAdmin(sessionId)).toBe(false);
    const [event] = await roleEvents((await accountOf(ADMIN.identifier)).id);
    expect(event).toMatchObject({ details: { from: 'admin', to: 'member', sessionsEnded: 1, source: 'import' } });
  });

  it('and made administrator again by the demo seed: the member session opened meanwhile ends', async () => {
    await importAccounts('identifier,kind,email,name,role\n00000001,licence,admin@example.org,Administrateur Sésame,member\n');
    // Signed in as a member: no second step.
    const { sessionId, secondFactor } = await signIn(ADMIN);
    expect(secondFactor).toBeNull();

    await seedDemoAccounts();
    expect((await accountOf(ADMIN.identifier)).role).toBe('admin');
    expect(await resolveSession(sessionId)).toBeNull();
    expect(await reachesAdmin(sessionId)).toBe(false);
    const events = await roleEvents((await accountOf(ADMIN.identifier)).id);
    expect(events.map((e) => e.details)).toEqual([
      { from: 'admin', to: 'member', sessionsEnded: 0, source: 'import' },
      { from: 'member', to: 'admin', sessionsEnded: 1, source: 'seed' },
    ]);
  });
});
