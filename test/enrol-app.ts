import type { Account } from '@/lib/db/schema';
import { advanceClock, now } from '@/lib/clock';
import type { SessionUser } from '@/lib/sessions/sessions';
import { confirmEnrolment, enrolmentSecret, startEnrolment } from '@/lib/second-factor/enrolment';
import { secretFromText, stepAt, TOTP_PERIOD_SECONDS, totpCode } from '@/lib/second-factor/totp';
import { request } from './database';

/** A signed-in session of `account`, as the guards hand it to actions. */
export function sessionOf(account: Account, sessionId = 'session-a', secondFactor: SessionUser['secondFactor'] = null): SessionUser {
  return { ...account, sessionId, secondFactor, method: 'password', secondFactorAt: null };
}

/** The code an app holding `secret` shows now, or `offsetSteps` steps of 30 seconds away. */
export const codeAt = (secret: string, offsetSteps = 0) => totpCode(secretFromText(secret), stepAt(now()) + offsetSteps);

/**
 * Turns the app on for an account, as the enrolment page does: the password again, the secret the
 * page shows, a first code. Returns the secret and the recovery codes; the clock is moved on a step,
 * so later codes come from later steps.
 */
export async function enrolApp(account: Account, password: string) {
  const session = sessionOf(account);
  const started = await startEnrolment(session, password, request);
  if (!started.ok) throw new Error(`enrolment not started: ${started.message.key}`);
  const secret = enrolmentSecret(session, started.enrolment)!;
  const confirmed = await confirmEnrolment(session, started.enrolment, codeAt(secret), request);
  if (!confirmed.ok) throw new Error(`enrolment refused: ${confirmed.reason}`);
  advanceClock(TOTP_PERIOD_SECONDS * 1000);
  return { secret, recoveryCodes: confirmed.recoveryCodes };
}
