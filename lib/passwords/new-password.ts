import { getConfig } from '@/lib/config';
import type { Account } from '@/lib/db/schema';
import { fieldErrors } from '@/lib/forms/field-errors';
import type { MessageKey } from '@/lib/i18n/messages';
import { newPasswordSchema, passwordContext, type NewPasswordField, type NewPasswordValues } from '@/lib/passwords/new-password-schema';
import { passwordProblem } from '@/lib/passwords/policy';

/** The new-password schema with the whole policy, for this account: what the server enforces. */
export function newPasswordSchemaFor(account: Pick<Account, 'identifier' | 'email' | 'name'>) {
  return newPasswordSchema(passwordContext(account, getConfig().passwordMinLength), passwordProblem);
}

/** Why a new password and its confirmation are refused for this account, or null. */
export function newPasswordErrors(values: NewPasswordValues, account: Pick<Account, 'identifier' | 'email' | 'name'>): Partial<Record<NewPasswordField, MessageKey>> | null {
  const parsed = newPasswordSchemaFor(account).safeParse(values);
  return parsed.success ? null : fieldErrors(parsed.error);
}
