import type { FormMessage } from '@/lib/forms/state';
import type { CodeRefusal } from '@/lib/second-factor/factors';

/** What the code, enrolment and confirmation forms' actions answer. */
export type CodeFormState = {
  message?: FormMessage;
  /** Shown once, right after an enrolment or a renewal. */
  recoveryCodes?: string[];
  done?: boolean;
};

/** Codes are never longer than a recovery code with spaces; anything longer is not one. */
export const MAX_CODE_INPUT = 40;

export function refusalMessage(refusal: CodeRefusal): FormMessage {
  if (refusal.reason === 'throttled') return { key: 'secondFactor.errors.throttled', values: { minutes: refusal.retryAfterMinutes } };
  return { key: refusal.reason === 'replayed' ? 'secondFactor.errors.replayed' : 'secondFactor.errors.wrong' };
}
