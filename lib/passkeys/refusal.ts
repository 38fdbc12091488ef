import { CredentialsSignin } from 'next-auth';
import type { PasskeyRefusal } from '@/lib/passkeys/passkeys';

/** Thrown by the passkey provider's `authorize`; the refusal crosses Auth.js as its code. */
export class RefusedPasskey extends CredentialsSignin {
  constructor(reason: PasskeyRefusal) {
    super();
    this.code = `passkey:${reason}`;
  }
}

const REFUSALS: readonly PasskeyRefusal[] = ['expired', 'unknown', 'otherAccount', 'refused'];

export function decodePasskeyRefusal(error: CredentialsSignin): PasskeyRefusal {
  const reason = error.code.replace(/^passkey:/, '') as PasskeyRefusal;
  return REFUSALS.includes(reason) ? reason : 'refused';
}
