import { eq } from 'drizzle-orm';
import type { Account as ProviderAccount, FindAccount } from 'oidc-provider';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import type { SessionUser } from '@/lib/sessions/sessions';

/**
 * What an app learns about the person it signs in with Sésame (docs/openid-connect.md): the
 * claims of each scope, and how the session was opened (`amr`, `acr`).
 */
export const SCOPES = ['openid', 'offline_access', 'email', 'profile', 'identifier'] as const;
export const CLAIMS = {
  // How the session was opened (authenticationOf, below), and when.
  openid: ['sub', 'acr', 'amr', 'auth_time'],
  email: ['email', 'email_verified'],
  profile: ['name', 'locale'],
  // The licence number or client code, and which of the two it is: what the apps look members up by.
  identifier: ['identifier', 'identifier_kind'],
};

/** One factor (a password), or two (a password and a code, or a passkey with its user verification). */
export const ACR_ONE_FACTOR = 'urn:sesame:acr:password';
export const ACR_TWO_FACTORS = 'urn:sesame:acr:two-factors';

/** How a Sésame session was opened, as RFC 8176 names the methods. */
export function authenticationOf(session: Pick<SessionUser, 'method' | 'secondFactorAt'>): { amr: string[]; acr: string } {
  if (session.method === 'passkey') return { amr: ['hwk', 'user', 'mfa'], acr: ACR_TWO_FACTORS };
  if (session.secondFactorAt) return { amr: ['pwd', 'otp', 'mfa'], acr: ACR_TWO_FACTORS };
  return { amr: ['pwd'], acr: ACR_ONE_FACTOR };
}

/**
 * The account behind a `sub` (the account's id: stable, and meaningless outside Sésame). Only an
 * active account is found: a disabled one stops getting tokens at once.
 *
 * `email_verified` is true once the account uses a password of Sésame's own, which takes a link
 * sent to that address (first connection, reset) or an operator who created it; false while it
 * still holds a hash imported from another site, whose addresses nobody checked.
 */
export const findAccount: FindAccount = async (_ctx, sub): Promise<ProviderAccount | undefined> => {
  if (!/^[0-9a-f-]{36}$/i.test(sub)) return undefined;
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, sub));
  if (!account || account.status !== 'active') return undefined;
  return {
    accountId: account.id,
    async claims() {
      return {
        sub: account.id,
        email: account.email,
        email_verified: account.passwordHash !== null,
        name: account.name,
        locale: account.emailLocale ?? account.locale,
        identifier: account.identifier,
        identifier_kind: account.kind,
      };
    },
  };
};
