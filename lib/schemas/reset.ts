import { z } from 'zod';
import { type IdentifierKind, looksLikeEmail, MAX_EMAIL_LENGTH, parseIdentifier } from '@/lib/identifiers';
import type { MessageKey } from '@/lib/i18n/messages';
import { lengthProblem, MAX_PASSWORD_LENGTH, type PasswordContext, type PasswordProblem } from '@/lib/passwords/length';
import { identifierFormatMessage } from '@/lib/schemas/sign-in';

/** Shared by the reset and first-connection forms and their server actions. */

export function forgotSchema(kinds: readonly IdentifierKind[], match: 'either' | 'both') {
  return z
    .object({ identifier: z.string().max(320, 'fields.tooLong' satisfies MessageKey), email: z.string().max(MAX_EMAIL_LENGTH, 'fields.tooLong' satisfies MessageKey) })
    .superRefine(({ identifier, email }, ctx) => {
      const issue = (path: 'identifier' | 'email', message: MessageKey) => ctx.addIssue({ code: 'custom', path: [path], message });
      const hasIdentifier = identifier.trim() !== '';
      const hasEmail = email.trim() !== '';
      if (hasIdentifier) {
        const parsed = parseIdentifier(identifier, kinds);
        if (!parsed.ok) issue('identifier', parsed.error === 'tooLong' ? 'fields.tooLong' : identifierFormatMessage(kinds));
      }
      if (hasEmail && !looksLikeEmail(email.normalize('NFKC').trim())) issue('email', 'forgot.emailFormat');
      if (match === 'both') {
        if (!hasIdentifier) issue('identifier', 'fields.required');
        if (!hasEmail) issue('email', 'fields.required');
      } else if (!hasIdentifier && !hasEmail) {
        issue('identifier', 'forgot.oneOfTwo');
      }
    });
}

export type ForgotValues = z.infer<ReturnType<typeof forgotSchema>>;

export type ForgotState = {
  sent?: boolean;
  errors?: Partial<Record<'identifier' | 'email', MessageKey>>;
  values?: { identifier: string; email: string };
};

export type { PasswordContext };
type ProblemCheck = (password: string, context: PasswordContext) => PasswordProblem | null;

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

export type NewPasswordState = {
  invalidLink?: boolean;
  done?: boolean;
  errors?: Partial<Record<'current' | 'password' | 'confirmation', MessageKey>>;
  message?: { key: MessageKey; values?: Record<string, string | number> };
};

/** Values every password message may mention. */
export const passwordMessageValues = (minLength: number) => ({ min: minLength, max: MAX_PASSWORD_LENGTH });
