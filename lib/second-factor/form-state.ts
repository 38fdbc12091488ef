import { getConfig } from '@/lib/config';
import type { FormMessage } from '@/lib/forms/state';
import type { CodeRefusal } from '@/lib/second-factor/factors';

/**
 * What the enrolment and renewal forms answer beyond the common FormState (lib/forms/state.ts):
 * the ten recovery codes, shown once.
 */
export type RecoveryCodesShown = { recoveryCodes: string[] };

/** Why a code was refused, as the code and confirmation forms show it. */
export function refusalMessage(refusal: CodeRefusal): FormMessage {
  if (refusal.reason === 'throttled') return { key: 'secondFactor.errors.throttled', values: { minutes: refusal.retryAfterMinutes } };
  // What still works: a recovery code, a new password by email, customer service.
  if (refusal.reason === 'locked') return { key: 'secondFactor.errors.locked', values: { supportEmail: getConfig().supportEmail } };
  // AUTH_SECRET no longer opens the app's secret: it was removed, and is set up again (app-secret.ts).
  if (refusal.reason === 'unreadable') return { key: 'secondFactor.errors.unreadable' };
  return { key: refusal.reason === 'replayed' ? 'secondFactor.errors.replayed' : 'secondFactor.errors.wrong' };
}
