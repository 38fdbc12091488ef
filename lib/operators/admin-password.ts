import { DEMO_ACCOUNTS } from '@/lib/accounts/demo-accounts';
import { getConfig } from '@/lib/config';
import { foldForComparison } from '@/lib/passwords/blocklist';
import { generatePassword } from '@/lib/passwords/generate';
import { passwordProblem, type PasswordContext } from '@/lib/passwords/policy';

// Passwords printed in the README: the first ones anyone tries against an administrator.
const PUBLISHED = new Set(DEMO_ACCOUNTS.flatMap((a) => (a.password ? [foldForComparison(a.password)] : [])));

export type AdminDetails = { identifier: string; email: string; name: string };

const context = (who: AdminDetails): PasswordContext => ({ ...who, minLength: getConfig().passwordMinLength });

/** Why a password typed for an administrator is refused, or null: the policy, then the README's. */
export function adminPasswordProblem(password: string, who: AdminDetails): string | null {
  if (PUBLISHED.has(foldForComparison(password.normalize('NFC')))) return 'it is a demo password printed in the README';
  const problem = passwordProblem(password, context(who));
  const reasons = {
    tooShort: `it is shorter than ${getConfig().passwordMinLength} characters`,
    tooLong: 'it is longer than 128 characters',
    personal: 'it is built from the identifier, email or name',
    common: 'it is a common password',
  } as const;
  return problem ? reasons[problem] : null;
}

/** A fresh random password that passes the policy for this administrator. */
export const generateAdminPassword = (who: AdminDetails) => generatePassword(context(who));
