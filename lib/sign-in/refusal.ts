import { CredentialsSignin } from 'next-auth';
import { refusalCode, refusalFromCode, type SignInRefusal } from '@/lib/sign-in/refusal-code';

export type { SignInRefusal } from '@/lib/sign-in/refusal-code';

/** Thrown by a provider's `authorize` to refuse a sign-in; Auth.js passes it on to the caller of `signIn`. */
export class RefusedSignIn extends CredentialsSignin {
  constructor(refusal: SignInRefusal) {
    super();
    this.code = refusalCode(refusal);
  }
}

/** The refusal a `RefusedSignIn` carried across Auth.js. */
export const decodeRefusal = (error: CredentialsSignin): SignInRefusal => refusalFromCode(error.code);
