import { isNull } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { MINUTE, now } from '@/lib/clock';
import { sealer } from '@/lib/crypto/sealed';
import { getDb } from '@/lib/db/client';
import { totpFactors } from '@/lib/db/schema';
import type { FormMessage } from '@/lib/forms/state';
import type { RequestInfo } from '@/lib/http/request-info';
import type { SessionUser } from '@/lib/sessions/sessions';
import { confirmIdentity } from '@/lib/second-factor/confirm-identity';
import { hasConfirmedTotp, replaceRecoveryCodes, totpSecrets, type CodeRefusal } from '@/lib/second-factor/factors';
import { matchingStep, newTotpSecret, secretFromText, secretToText } from '@/lib/second-factor/totp';
import { clearCodeAttempts, reserveCodeAttempt } from '@/lib/throttles/codes';

/**
 * Turning on the authenticator app. Whoever reads the secret of an enrolment can make the codes,
 * so it is shown to one session only, after the password again:
 * - `startEnrolment` asks the password (as adding a passkey does) and makes a new secret each
 *   time. Nothing is written to the database yet: the secret is sealed, with the account, the
 *   session and the time, into a value the browser keeps in an HttpOnly cookie
 *   (enrolment-cookie.ts), so no other session, not even the holder's own elsewhere, can read it
 *   or confirm it later.
 * - `enrolmentSecret` opens it again for that session only, for 30 minutes (the page shows it).
 * - `confirmEnrolment` takes a first right code from the app, then writes the app, confirmed, and
 *   hands out ten recovery codes, the only time they can be read.
 *
 * Staff signing in without a factor yet enrol before anything else: their session typed the
 * password moments ago, opens nothing but this page and ends after 10 minutes, so it is not asked
 * again.
 */
const enrolments = sealer('totp enrolment v1');
export const ENROLMENT_TTL_MS = 30 * MINUTE;

type Enrolling = Pick<SessionUser, 'id' | 'identifier' | 'sessionId' | 'secondFactor'>;
type Sealed = { account: string; session: string; secret: string; startedAt: number };

export async function startEnrolment(
  user: SessionUser,
  confirm: string,
  request: RequestInfo,
): Promise<{ ok: true; enrolment: string } | { ok: false; message: FormMessage }> {
  if (await hasConfirmedTotp(user.id)) return { ok: false, message: { key: 'secondFactor.enrol.alreadyOn' } };
  if (user.secondFactor !== 'enrol') {
    const confirmed = await confirmIdentity(user, confirm, request);
    if (!confirmed.ok) {
      // Without an app yet, only the password could have been right.
      const wrong = confirmed.message.key === 'secondFactor.errors.confirmWrong';
      return { ok: false, message: wrong ? { key: 'secondFactor.errors.confirmPassword' } : confirmed.message };
    }
  }
  const sealed: Sealed = { account: user.id, session: user.sessionId, secret: secretToText(newTotpSecret()), startedAt: now().getTime() };
  return { ok: true, enrolment: enrolments.seal(JSON.stringify(sealed)) };
}

/** The secret of the enrolment `enrolment` (the cookie's value) when this session started it less than 30 minutes ago; else null. */
export function enrolmentSecret(user: Pick<SessionUser, 'id' | 'sessionId'>, enrolment: string | undefined): string | null {
  if (!enrolment) return null;
  let sealed: Partial<Sealed>;
  try {
    sealed = JSON.parse(enrolments.unseal(enrolment)) as Partial<Sealed>;
  } catch {
    // Tampered with, or sealed before AUTH_SECRET changed: the person starts again.
    return null;
  }
  if (sealed.account !== user.id || sealed.session !== user.sessionId || typeof sealed.secret !== 'string') return null;
  const age = now().getTime() - (sealed.startedAt ?? 0);
  return age >= 0 && age < ENROLMENT_TTL_MS ? sealed.secret : null;
}

/**
 * Confirms the enrolment this session started with a first right code from the app, then hands
 * out ten recovery codes. `none`: no enrolment of this session (another session's, too old), or
 * an app already confirmed meanwhile.
 */
export async function confirmEnrolment(
  holder: Enrolling,
  enrolment: string | undefined,
  code: string,
  request: RequestInfo,
): Promise<{ ok: true; recoveryCodes: string[] } | CodeRefusal | { ok: false; reason: 'none' }> {
  const secret = enrolmentSecret(holder, enrolment);
  if (!secret) return { ok: false, reason: 'none' };
  const reserved = await reserveCodeAttempt(holder.id);
  if (!reserved.ok) {
    await audit({ type: 'second_factor_throttled', accountId: holder.id, identifier: holder.identifier, request, details: { factor: 'totp' } });
    return { ok: false, reason: 'throttled', retryAfterMinutes: reserved.retryAfterMinutes };
  }
  const at = now();
  const step = matchingStep(secretFromText(secret), code, at, null);
  if (step === null) {
    await audit({ type: 'second_factor_failed', accountId: holder.id, identifier: holder.identifier, request, details: { factor: 'totp', during: 'enrolment' } });
    return { ok: false, reason: 'wrong' };
  }
  // A row left unconfirmed by an enrolment of before this module is replaced; a confirmed app stays.
  const confirmed = { secret: totpSecrets.seal(secret), confirmedAt: at, lastUsedStep: step, lastUsedAt: at, createdAt: at };
  const [written] = await getDb()
    .insert(totpFactors)
    .values({ accountId: holder.id, ...confirmed })
    .onConflictDoUpdate({ target: totpFactors.accountId, set: confirmed, setWhere: isNull(totpFactors.confirmedAt) })
    .returning({ id: totpFactors.accountId });
  if (!written) return { ok: false, reason: 'none' };
  await clearCodeAttempts(holder.id);
  const codes = await replaceRecoveryCodes(holder.id);
  await audit({ type: 'second_factor_enrolled', accountId: holder.id, identifier: holder.identifier, request, details: { factor: 'totp' } });
  return { ok: true, recoveryCodes: codes };
}
