import { getConfig } from '@/lib/config';
import type { Account } from '@/lib/db/schema';
import { single } from '@/lib/form-data';
import { passwordProblem } from '@/lib/passwords/policy';
import { newPasswordSchema } from '@/lib/schemas/reset';

/** A submitted new password and its confirmation, checked against the whole policy for this account. */
export function parseNewPassword(formData: FormData, account: Pick<Account, 'identifier' | 'email' | 'name'>) {
  const context = { minLength: getConfig().passwordMinLength, identifier: account.identifier, email: account.email, name: account.name };
  return newPasswordSchema(context, passwordProblem).safeParse({
    password: single(formData, 'password') ?? '',
    confirmation: single(formData, 'confirmation') ?? '',
  });
}
