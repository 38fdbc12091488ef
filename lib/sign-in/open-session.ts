import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts, type Account, type Session } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import { hasConfirmedTotp, passkeyCount } from '@/lib/second-factor/factors';
import { createSession } from '@/lib/sessions/sessions';

/** How a person proved who they are. A passkey is two factors at once; a password is one. */
export type SignInMethod = Session['method'];
/** What a session still waits for after its first step: a code ('pending'), staff's enrolment ('enrol'), or nothing. */
export type SecondStep = Session['secondFactor'];

/** What every way in hands to Auth.js: it travels in the session token (see lib/auth/auth.ts). */
export type OpenedSession = { accountId: string; sessionId: string; remember: boolean; secondFactor: SecondStep };

/**
 * The one place a sign-in becomes a session, whatever the method: it records the last sign-in,
 * decides the second step, writes the session row and the audit event. Every method (lib/sign-in/*.ts)
 * checks its proof first, then calls this.
 */
export async function openSession(
  account: Pick<Account, 'id' | 'identifier' | 'role'>,
  method: SignInMethod,
  { remember, request }: { remember: boolean; request: RequestInfo },
): Promise<OpenedSession> {
  // Independent of one another, so sent together: on a busy server every round trip waits its turn.
  const [, secondStep] = await Promise.all([
    getDb().update(accounts).set({ lastSignInAt: now() }).where(eq(accounts.id, account.id)),
    secondStepAfter(method, account),
  ]);
  const sessionId = await createSession(account.id, remember, request, { secondFactor: secondStep, method });
  await audit({
    type: 'sign_in',
    accountId: account.id,
    identifier: account.identifier,
    request,
    details: { remember, ...(method === 'password' ? {} : { method }), ...(secondStep ? { secondFactor: secondStep } : {}) },
  });
  return { accountId: account.id, sessionId, remember, secondFactor: secondStep };
}

/**
 * What the first step still needs. A passkey is something the person has and is or knows (the
 * fingerprint or PIN that unlocks it): nothing more. After a password: a code when the account has
 * an authenticator app (or, for staff, any factor), an enrolment for staff who have none yet,
 * nothing for other members.
 */
async function secondStepAfter(method: SignInMethod, account: Pick<Account, 'id' | 'role'>): Promise<SecondStep> {
  if (method === 'passkey') return null;
  if (await hasConfirmedTotp(account.id)) return 'pending';
  if (account.role !== 'admin') return null;
  return (await passkeyCount(account.id)) > 0 ? 'pending' : 'enrol';
}
