import { z } from 'zod';
import { identifierProblem } from '@/lib/identifiers/field';
import { looksLikeEmail, MAX_EMAIL_LENGTH, MAX_IDENTIFIER_INPUT, normaliseEmail, parseIdentifier, type IdentifierKind } from '@/lib/identifiers/parse';
import type { MessageKey } from '@/lib/i18n/messages';

/**
 * "Mot de passe oublié ? / Première connexion": shared by the form and its server action. With
 * RESET_MATCH=either one of the two fields is enough; with `both`, both are required.
 */
export function forgotSchema(kinds: readonly IdentifierKind[], match: 'either' | 'both') {
  return z
    .object({
      identifier: z.string().max(MAX_IDENTIFIER_INPUT, 'fields.tooLong' satisfies MessageKey),
      email: z.string().max(MAX_EMAIL_LENGTH, 'fields.tooLong' satisfies MessageKey),
    })
    .superRefine(({ identifier, email }, ctx) => {
      const issue = (path: 'identifier' | 'email', message: MessageKey) => ctx.addIssue({ code: 'custom', path: [path], message });
      const hasIdentifier = identifier.trim() !== '';
      const hasEmail = email.trim() !== '';
      if (hasIdentifier) {
        const parsed = parseIdentifier(identifier, kinds);
        if (!parsed.ok) issue('identifier', identifierProblem(parsed.error, kinds));
      }
      if (hasEmail && !looksLikeEmail(normaliseEmail(email))) issue('email', 'forgot.emailFormat');
      if (match === 'both') {
        if (!hasIdentifier) issue('identifier', 'fields.required');
        if (!hasEmail) issue('email', 'fields.required');
      } else if (!hasIdentifier && !hasEmail) {
        issue('identifier', 'forgot.oneOfTwo');
      }
    });
}

export type ForgotValues = z.infer<ReturnType<typeof forgotSchema>>;
export type ForgotField = keyof ForgotValues;
