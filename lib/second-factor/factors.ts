import { and, count, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { audit, type Actor } from '@/lib/audit';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { passkeys, recoveryCodes, totpFactors, type Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import { sealer } from '@/lib/crypto/sealed';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode, recoveryCodeHashes } from '@/lib/second-factor/recovery-codes';
import { openAppSecretBeforeCheck } from '@/lib/second-factor/app-secret';
import { noticeCodesLocked } from '@/lib/second-factor/lock';
import { clearCodeAttempts, codesLocked, releaseCodeAttempt, reserveCodeAttempt, reserveCodeCheck, WRONG_CODES_UNTIL_LOCK } from '@/lib/throttles/codes';
import { isReplayed, matchingStep, secretFromText } from '@/lib/second-factor/totp';

/** TOTP secrets at rest: sealed when an enrolment is confirmed (enrolment.ts), opened to check a code. */
export const totpSecrets = sealer('totp secret v1');

type Holder = Pick<Account, 'id' | 'identifier'>;

/**
 * `locked`: too many wrong codes in a row; the app's codes wait for a recovery code, a reset or staff.
 * `unreadable`: AUTH_SECRET no longer opens the app's secret; it was removed (app-secret.ts).
 */
export type CodeRefusal = { ok: false; reason: 'wrong' | 'replayed' | 'locked' | 'unreadable' } | { ok: false; reason: 'throttled'; retryAfterMinutes: number };

/** The factors of an account as /espace and the staff pages show them. */
export type FactorSummary = {
  totp: { confirmedAt: Date; lastUsedAt: Date | null } | null;
  recoveryCodesLeft: number;
  /** The app's codes are refused after too many wrong ones in a row (lib/throttles/codes.ts). */
  codesLocked: { wrongCodes: number; lastWrongAt: Date } | null;
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean }[];
};

export async function factorSummary(accountId: string): Promise<FactorSummary> {
  const db = getDb();
  const [[totp], [codes], keys, locked] = await Promise.all([
    db.select().from(totpFactors).where(and(eq(totpFactors.accountId, accountId), isNotNull(totpFactors.confirmedAt))).limit(1),
    db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt))),
    db
      .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt, backedUp: passkeys.backedUp })
      .from(passkeys)
      .where(eq(passkeys.accountId, accountId))
      .orderBy(passkeys.createdAt),
    codesLocked(accountId),
  ]);
  return {
    totp: totp?.confirmedAt ? { confirmedAt: totp.confirmedAt, lastUsedAt: totp.lastUsedAt } : null,
    recoveryCodesLeft: totp ? codes.n : 0,
    codesLocked: totp ? locked : null,
    passkeys: keys,
  };
}

/** Whether a password alone is not enough for this account: it has a confirmed authenticator app. */
export async function hasConfirmedTotp(accountId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: totpFactors.accountId })
    .from(totpFactors)
    .where(and(eq(totpFactors.accountId, accountId), isNotNull(totpFactors.confirmedAt)))
    .limit(1);
  return Boolean(row);
}

export async function passkeyCount(accountId: string): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(passkeys).where(eq(passkeys.accountId, accountId));
  return row.n;
}

/** Ten new recovery codes; the old ones stop working. */
export async function replaceRecoveryCodes(accountId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const at = now();
  await getDb().transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ accountId, codeHash: hashRecoveryCode(normaliseRecoveryCode(c)!), createdAt: at })));
  });
  return codes;
}

/**
 * Checks a code from the app, or a recovery code, for an account with a confirmed app. Throttled
 * per account; an app code's step is recorded in the same statement that accepts it, and a
 * recovery code is spent in the statement that accepts it, so two requests racing with one code
 * get one success. Every code is counted as wrong before it is checked, and a right one forgets
 * them: after WRONG_CODES_UNTIL_LOCK in a row the app's codes are refused unchecked and the holder
 * is emailed (lock.ts), until a recovery code (still checked), a completed reset or staff.
 */
export async function verifyCode(
  holder: Holder,
  input: string,
  request: RequestInfo,
  options: { allowRecovery: boolean; during: 'sign_in' | 'confirmation' },
): Promise<{ ok: true; method: 'totp' | 'recovery' } | CodeRefusal> {
  const db = getDb();
  const typed = input.replace(/\s+/g, '');
  const method = /^\d{6}$/.test(typed) ? 'totp' : 'recovery';
  // Before anything is counted: an app sealed with an older AUTH_SECRET is sealed anew, one no listed secret opens goes.
  if (method === 'totp' && (await openAppSecretBeforeCheck(holder, request)) === 'unreadable') return { ok: false, reason: 'unreadable' };
  const reserved = await reserveCodeAttempt(holder.id);
  if (!reserved.ok) {
    await audit({ type: 'second_factor_throttled', accountId: holder.id, identifier: holder.identifier, request, details: { method, during: options.during } });
    return { ok: false, reason: 'throttled', retryAfterMinutes: reserved.retryAfterMinutes };
  }
  const inARow = await reserveCodeCheck(holder.id, method === 'recovery' && options.allowRecovery ? 'recovery' : 'app');
  if (inARow === null) {
    await releaseCodeAttempt(holder.id);
    await audit({ type: 'second_factor_failed', accountId: holder.id, identifier: holder.identifier, request, details: { method, reason: 'locked', during: options.during } });
    return { ok: false, reason: 'locked' };
  }
  let outcome: { ok: true } | { ok: false; reason: 'wrong' | 'replayed' } = { ok: false, reason: 'wrong' };
  const at = now();
  if (method === 'totp') {
    const [row] = await db
      .select()
      .from(totpFactors)
      .where(and(eq(totpFactors.accountId, holder.id), isNotNull(totpFactors.confirmedAt)))
      .limit(1);
    if (row) {
      const secret = secretFromText(totpSecrets.unseal(row.secret));
      const step = matchingStep(secret, typed, at, row.lastUsedStep);
      const accepted =
        step !== null &&
        (
          await db
            .update(totpFactors)
            .set({ lastUsedStep: step, lastUsedAt: at })
            .where(and(eq(totpFactors.accountId, holder.id), or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, step))))
            .returning({ id: totpFactors.accountId })
        ).length > 0;
      if (accepted) outcome = { ok: true };
      else if (step !== null || isReplayed(secret, typed, at, row.lastUsedStep)) outcome = { ok: false, reason: 'replayed' };
    }
  } else if (options.allowRecovery) {
    const normalised = normaliseRecoveryCode(typed);
    const spent = normalised
      ? await db
          .update(recoveryCodes)
          .set({ usedAt: at })
          .where(and(eq(recoveryCodes.accountId, holder.id), inArray(recoveryCodes.codeHash, recoveryCodeHashes(normalised)), isNull(recoveryCodes.usedAt)))
          .returning({ id: recoveryCodes.id })
      : [];
    if (spent.length > 0) outcome = { ok: true };
  }
  if (!outcome.ok) {
    await audit({ type: 'second_factor_failed', accountId: holder.id, identifier: holder.identifier, request, details: { method, reason: outcome.reason, during: options.during } });
    // This code made the count: it locks now, and the holder hears of it once.
    if (inARow === WRONG_CODES_UNTIL_LOCK) await noticeCodesLocked(holder, request);
    return inARow >= WRONG_CODES_UNTIL_LOCK ? { ok: false, reason: 'locked' } : outcome;
  }
  await clearCodeAttempts(holder.id);
  await audit({ type: 'second_factor_used', accountId: holder.id, identifier: holder.identifier, request, details: { method, during: options.during } });
  return { ok: true, method };
}

/**
 * Removes the authenticator app and its recovery codes, and forgets its wrong codes (a lock with
 * them), so a new app starts afresh. An admin keeps at least one factor: the app goes only when a
 * passkey is left. `actor` is staff removing a member's factor.
 */
export async function removeTotp(
  holder: Pick<Account, 'id' | 'identifier' | 'role'>,
  request: RequestInfo,
  actor?: Actor,
): Promise<{ ok: true } | { ok: false; reason: 'none' | 'lastFactor' }> {
  if (holder.role === 'admin' && (await passkeyCount(holder.id)) === 0) return { ok: false, reason: 'lastFactor' };
  const removed = await getDb().transaction(async (tx) => {
    const rows = await tx.delete(totpFactors).where(eq(totpFactors.accountId, holder.id)).returning({ confirmedAt: totpFactors.confirmedAt });
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, holder.id));
    return rows.some((r) => r.confirmedAt);
  });
  if (!removed) return { ok: false, reason: 'none' };
  await clearCodeAttempts(holder.id);
  await audit({
    type: 'second_factor_removed',
    accountId: holder.id,
    identifier: holder.identifier,
    actorId: actor?.id ?? null,
    request: actor?.request ?? request,
    details: { factor: 'totp', by: actor ? 'staff' : 'holder' },
  });
  return { ok: true };
}
