import { CredentialsSignin } from 'next-auth';
import type { PasskeyRefusal } from '@/lib/passkeys/passkeys';

/**
 * Why a sign-in was refused, whatever the method. Auth.js tells the caller of `signIn` no more than
 * a refused sign-in's `code`: the refusal crosses it as that code, written and read only here.
 */
export type SignInRefusal =
  | { reason: 'invalid' }
  | { reason: 'busy' }
  | { reason: 'throttled'; retryAfterMinutes: number }
  | { reason: 'passkey'; passkey: PasskeyRefusal };

const PASSKEY_REFUSALS: readonly PasskeyRefusal[] = ['expired', 'unknown', 'otherAccount', 'refused'];

/** Thrown by a provider's `authorize` to refuse a sign-in; Auth.js passes it on to the caller of `signIn`. */
export class RefusedSignIn extends CredentialsSignin {
  constructor(refusal: SignInRefusal) {
    super();
    this.code = encode(refusal);
  }
}

function encode(refusal: SignInRefusal): string {
  if (refusal.reason === 'throttled') return `throttled:${refusal.retryAfterMinutes}`;
  if (refusal.reason === 'passkey') return `passkey:${refusal.passkey}`;
  return refusal.reason;
}

export function decodeRefusal(error: CredentialsSignin): SignInRefusal {
  const throttled = /^throttled:(\d+)$/.exec(error.code);
  if (throttled) return { reason: 'throttled', retryAfterMinutes: Number(throttled[1]) };
  if (error.code.startsWith('passkey:')) {
    const passkey = error.code.slice('passkey:'.length) as PasskeyRefusal;
    return { reason: 'passkey', passkey: PASSKEY_REFUSALS.includes(passkey) ? passkey : 'refused' };
  }
  return error.code === 'busy' ? { reason: 'busy' } : { reason: 'invalid' };
}
