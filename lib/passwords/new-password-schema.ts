import { z } from 'zod';
import type { Account } from '@/lib/db/schema';
import type { MessageKey } from '@/lib/i18n/messages';
import { lengthProblem, MAX_PASSWORD_LENGTH, type PasswordContext, type PasswordProblem } from '@/lib/passwords/length';

/** Shared by the reset, first-connection and change-password forms and their server actions. */

export type { PasswordContext };
type ProblemCheck = (password: string, context: PasswordContext) => PasswordProblem | null;

/** What the policy checks a new password against: the length, and the account's own details. */
export function passwordContext(account: Pick<Account, 'identifier' | 'email' | 'name'>, minLength: number): PasswordContext {
  return { minLength, identifier: account.identifier, email: account.email, name: account.name };
}

/**
 * A new password and its confirmation; the reasons of a refusal are translation keys. The browser
 * checks the length (the default); the server passes the full policy (`passwordProblem`), whose
 * blocklist is too large to send to every phone.
 */
export function newPasswordSchema(context: PasswordContext, problemOf: ProblemCheck = lengthProblem) {
  return z
    .object({ password: z.string(), confirmation: z.string() })
    .superRefine(({ password, confirmation }, ctx) => {
      if (password === '') {
        ctx.addIssue({ code: 'custom', path: ['password'], message: 'fields.required' satisfies MessageKey });
        return;
      }
      const problem = problemOf(password, context);
      if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: `password.${problem}` satisfies MessageKey });
      else if (confirmation === '') ctx.addIssue({ code: 'custom', path: ['confirmation'], message: 'fields.required' satisfies MessageKey });
      else if (confirmation !== password) ctx.addIssue({ code: 'custom', path: ['confirmation'], message: 'password.mismatch' satisfies MessageKey });
    });
}

export type NewPasswordValues = z.infer<ReturnType<typeof newPasswordSchema>>;
export type NewPasswordField = keyof NewPasswordValues;

/** The change-password form: the current password, then a new one. */
export function changePasswordSchema(context: PasswordContext, problemOf?: ProblemCheck) {
  return z.object({ current: z.string().min(1, 'fields.required' satisfies MessageKey) }).and(newPasswordSchema(context, problemOf));
}

/** The same fields as the server reads them first: lib/passwords/change.ts checks them in order. */
export const changePasswordFields = z.object({ current: z.string(), password: z.string(), confirmation: z.string() });

export type ChangePasswordValues = z.infer<typeof changePasswordFields>;
export type ChangePasswordField = keyof ChangePasswordValues;

/** Values every password message may mention. */
export const passwordMessageValues = (minLength: number) => ({ min: minLength, max: MAX_PASSWORD_LENGTH });
