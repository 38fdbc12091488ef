import type { PasskeyRefusal } from '@/lib/passkeys/passkeys';

/** Why a sign-in was refused, whatever the method. */
export type SignInRefusal =
  | { reason: 'invalid' }
  | { reason: 'busy' }
  /** `untilReset`: the identifier is locked; no wait will end it (lib/throttles/login.ts). */
  | { reason: 'throttled'; retryAfterMinutes: number; untilReset: boolean }
  | { reason: 'passkey'; passkey: PasskeyRefusal };

const PASSKEY_REFUSALS: readonly PasskeyRefusal[] = ['expired', 'unknown', 'otherAccount', 'refused', 'unverified'];

/**
 * Auth.js tells the caller of `signIn` no more than a refused sign-in's `code`: a refusal crosses
 * it as this short text, written and read only here (refusal.ts).
 */
export function refusalCode(refusal: SignInRefusal): string {
  if (refusal.reason === 'throttled') return refusal.untilReset ? 'locked' : `throttled:${refusal.retryAfterMinutes}`;
  if (refusal.reason === 'passkey') return `passkey:${refusal.passkey}`;
  return refusal.reason;
}

export function refusalFromCode(code: string): SignInRefusal {
  const throttled = /^throttled:(\d+)$/.exec(code);
  if (throttled) return { reason: 'throttled', retryAfterMinutes: Number(throttled[1]), untilReset: false };
  if (code === 'locked') return { reason: 'throttled', retryAfterMinutes: 0, untilReset: true };
  if (code.startsWith('passkey:')) {
    const passkey = code.slice('passkey:'.length) as PasskeyRefusal;
    return { reason: 'passkey', passkey: PASSKEY_REFUSALS.includes(passkey) ? passkey : 'refused' };
  }
  return code === 'busy' ? { reason: 'busy' } : { reason: 'invalid' };
}
