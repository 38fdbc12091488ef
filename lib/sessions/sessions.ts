import { and, desc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { HOUR, MINUTE, now } from '@/lib/clock';
import { randomToken } from '@/lib/crypto/tokens';
import { getDb, type Db } from '@/lib/db/client';
import { accounts, oidcRecords, sessions, type Account, type Session } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';

/** "Mémoriser mes identifiants" ticked. */
export const REMEMBERED_LIFETIME_MS = 30 * 24 * HOUR;
/** Not ticked: ended after 2 hours without a request, or 12 hours in all. */
export const BROWSER_SESSION_IDLE_MS = 2 * HOUR;
export const BROWSER_SESSION_LIFETIME_MS = 12 * HOUR;
// Writing last_seen_at on every request would cost a write per page view for nothing.
const LAST_SEEN_GRANULARITY_MS = MINUTE;

/** A session still waiting for its second factor, or for the enrolment staff must do, lives this long. */
export const SECOND_FACTOR_WAIT_MS = 10 * MINUTE;

export type SessionUser = Pick<Account, 'id' | 'identifier' | 'kind' | 'name' | 'email' | 'role' | 'locale'> & {
  sessionId: string;
  /** Set while the session waits for a second factor ('pending') or an enrolment ('enrol'); see lib/auth/guards.ts. */
  secondFactor: Session['secondFactor'];
  method: Session['method'];
  /** When a second factor was given in this session; null when none was (a passkey counts as two by itself). */
  secondFactorAt: Session['secondFactorAt'];
};

export type SessionStart = { secondFactor?: Session['secondFactor']; method?: Session['method'] };

export async function createSession(accountId: string, remember: boolean, request: RequestInfo, start: SessionStart = {}): Promise<string> {
  const id = randomToken(24);
  const at = now();
  await getDb()
    .insert(sessions)
    .values({
      id,
      accountId,
      remember,
      createdAt: at,
      lastSeenAt: at,
      expiresAt: new Date(at.getTime() + (remember ? REMEMBERED_LIFETIME_MS : BROWSER_SESSION_LIFETIME_MS)),
      ip: request.ip,
      userAgent: request.userAgent,
      secondFactor: start.secondFactor ?? null,
      method: start.method ?? 'password',
    });
  return id;
}

function expiryReason(s: { remember: boolean; lastSeenAt: Date; expiresAt: Date; createdAt: Date; secondFactor: Session['secondFactor'] }, t: number): string | null {
  if (t >= s.expiresAt.getTime()) return 'expired';
  if (s.secondFactor && t - s.createdAt.getTime() >= SECOND_FACTOR_WAIT_MS) return 'second_factor_timeout';
  if (!s.remember && t - s.lastSeenAt.getTime() >= BROWSER_SESSION_IDLE_MS) return 'idle';
  return null;
}

/**
 * The account behind a session id, or null when the session was ended, has run out, or its account
 * can no longer sign in. Called on every authenticated request.
 */
export async function resolveSession(sessionId: string): Promise<SessionUser | null> {
  const db = getDb();
  const [row] = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  if (!row || row.session.endedAt) return null;
  const t = now().getTime();
  const reason = row.account.status !== 'active' ? 'account_disabled' : expiryReason(row.session, t);
  if (reason) {
    // Two requests of one session can find it expired at once: only the one that ended it tells.
    if (await endSession(sessionId, reason)) {
      await audit({ type: 'session_ended', accountId: row.account.id, identifier: row.account.identifier, details: { reason } });
    }
    return null;
  }
  if (t - row.session.lastSeenAt.getTime() >= LAST_SEEN_GRANULARITY_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date(t) }).where(eq(sessions.id, sessionId));
  }
  const { account } = row;
  return {
    id: account.id,
    sessionId,
    identifier: account.identifier,
    kind: account.kind,
    name: account.name,
    email: account.email,
    role: account.role,
    locale: account.locale,
    secondFactor: row.session.secondFactor,
    method: row.session.method,
    secondFactorAt: row.session.secondFactorAt,
  };
}

/** The second factor was given (or the enrolment done): the session opens everything from now on. */
export async function completeSecondFactor(sessionId: string): Promise<boolean> {
  const done = await getDb()
    .update(sessions)
    .set({ secondFactor: null, secondFactorAt: now() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt), isNotNull(sessions.secondFactor)))
    .returning({ id: sessions.id });
  return done.length > 0;
}

/** Ends one session; false when it had already ended. */
export async function endSession(sessionId: string, reason: string): Promise<boolean> {
  const ended = await getDb()
    .update(sessions)
    .set({ endedAt: now(), endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/**
 * Ends every open session of an account (password reset, disabled account), or all but one ("close
 * my other sessions"). What the OpenID Connect provider gave apps for it goes too (its refresh
 * tokens, its own sessions: endProviderGrants).
 */
export async function endAccountSessions(accountId: string, reason: string, keepSessionId?: string): Promise<number> {
  await endProviderGrants(getDb(), [accountId]);
  const ended = await getDb()
    .update(sessions)
    .set({ endedAt: now(), endReason: reason })
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.endedAt),
        keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * What the OpenID Connect provider (lib/oidc/) holds for these accounts: grants with the codes
 * and tokens issued under them, and its own sessions. Apps' refresh tokens stop working, and their
 * next sign-in goes through Sésame's again.
 */
async function endProviderGrants(db: DbOrTx, accountIds: readonly string[]): Promise<void> {
  const ids = [...accountIds];
  const grants = db.select({ id: oidcRecords.id }).from(oidcRecords).where(and(eq(oidcRecords.model, 'Grant'), inArray(oidcRecords.accountId, ids)));
  await db.delete(oidcRecords).where(or(inArray(oidcRecords.accountId, ids), inArray(oidcRecords.grantId, grants)));
}

/**
 * Ends every open session of these accounts inside `db`, the transaction of the change that calls
 * for it (a changed role), so that the change and the end of the sessions commit together; how
 * many sessions each account lost (accounts that had none are absent).
 */
export async function endSessionsOf(db: DbOrTx, accountIds: readonly string[], reason: string, at = now()): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (accountIds.length === 0) return counts;
  await endProviderGrants(db, accountIds);
  const ended = await db
    .update(sessions)
    .set({ endedAt: at, endReason: reason })
    .where(and(inArray(sessions.accountId, [...accountIds]), isNull(sessions.endedAt)))
    .returning({ accountId: sessions.accountId });
  for (const { accountId } of ended) counts.set(accountId, (counts.get(accountId) ?? 0) + 1);
  return counts;
}

export async function openSessions(accountId: string) {
  const rows = await getDb()
    .select()
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.endedAt)))
    .orderBy(desc(sessions.lastSeenAt));
  const t = now().getTime();
  return rows.filter((s) => expiryReason(s, t) === null);
}

/** Signing out ends the session on the server, not only its cookie. */
export async function signOutSession(user: SessionUser, request: RequestInfo): Promise<void> {
  await endSession(user.sessionId, 'sign_out');
  await audit({ type: 'sign_out', accountId: user.id, identifier: user.identifier, request });
}

/** Ends one of the person's other open sessions (a forgotten public computer, say); false when it is not one. */
export async function endOtherSession(user: SessionUser, sessionId: string, request: RequestInfo): Promise<boolean> {
  if (sessionId === user.sessionId || !(await openSessions(user.id)).some((s) => s.id === sessionId)) return false;
  await endSession(sessionId, 'ended_by_user');
  await audit({ type: 'session_ended', accountId: user.id, identifier: user.identifier, request, details: { reason: 'ended_by_user' } });
  return true;
}

/**
 * "Fermer toutes mes autres sessions": ends every open session of the person but the one asking,
 * in one statement, and says how many ended. The current session stays open.
 */
export async function endAllOtherSessions(user: SessionUser, request: RequestInfo): Promise<number> {
  const ended = await endAccountSessions(user.id, 'ended_by_user', user.sessionId);
  await audit({ type: 'other_sessions_ended', accountId: user.id, identifier: user.identifier, request, details: { sessionsEnded: ended } });
  return ended;
}
