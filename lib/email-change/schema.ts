import { z } from 'zod';
import { looksLikeEmail, MAX_EMAIL_LENGTH, normaliseEmail } from '@/lib/identifiers/parse';
import type { MessageKey } from '@/lib/i18n/messages';

// Bidirectional overrides and other invisible characters would make the address shown differ from the one used.
const INVISIBLE = /\p{Cf}/u;

/**
 * "Changer mon adresse e-mail": the new address and the current password. Shared by the form in
 * the browser and its server action. The address may be another account's (one parent holds the
 * licences of a whole family), never the account's own.
 */
export function emailChangeSchema(currentEmail: string) {
  return z.object({
    email: z.string().transform((raw, ctx) => {
      const value = normaliseEmail(raw);
      const problem: MessageKey | null =
        value === ''
          ? 'selfService.email.required'
          : value.length > MAX_EMAIL_LENGTH
            ? 'selfService.email.tooLong'
            : !looksLikeEmail(value) || INVISIBLE.test(value)
              ? 'selfService.email.format'
              : value === normaliseEmail(currentEmail)
                ? 'selfService.email.same'
                : null;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      return value;
    }),
    current: z.string().min(1, 'fields.required' satisfies MessageKey),
  });
}

export type EmailChangeValues = z.output<ReturnType<typeof emailChangeSchema>>;
export type EmailChangeField = keyof EmailChangeValues;
