import { z } from 'zod';
import { type IdentifierKind, looksLikeEmail, parseIdentifier } from '@/lib/identifiers';
import type { MessageKey } from '@/lib/i18n/messages';
import { identifierFormatMessage } from '@/lib/schemas/sign-in';
import { MULTI_LINE, ONE_LINE } from '@/lib/schemas/text';

/** "Demander une ouverture de compte": shared by the form and its server action. */
export const REQUEST_LIMITS = { name: 100, organisation: 150, email: 254, phone: 30, message: 2000 } as const;

const PHONE_SHAPE = /^\+?[0-9 ().\-]{6,30}$/;

const text = (max: number, required: boolean, pattern = ONE_LINE) =>
  z
    .string()
    .transform((v) => v.trim())
    .superRefine((value, ctx) => {
      const issue = (message: MessageKey) => ctx.addIssue({ code: 'custom', message });
      if (required && value === '') issue('fields.required');
      else if (value.length > max) issue('opening.tooLong');
      else if (!pattern.test(value)) issue('opening.invalidText');
    });

export function accountRequestSchema(kinds: readonly IdentifierKind[]) {
  return z.object({
    name: text(REQUEST_LIMITS.name, true),
    organisation: text(REQUEST_LIMITS.organisation, false),
    identifier: z
      .string()
      .transform((v) => v.trim())
      .superRefine((value, ctx) => {
        if (value === '') return;
        const parsed = parseIdentifier(value, kinds);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: identifierFormatMessage(kinds) });
      }),
    email: z
      .string()
      .transform((v) => v.normalize('NFKC').trim().toLowerCase())
      .superRefine((value, ctx) => {
        if (value === '') ctx.addIssue({ code: 'custom', message: 'fields.required' satisfies MessageKey });
        else if (value.length > REQUEST_LIMITS.email || !looksLikeEmail(value)) ctx.addIssue({ code: 'custom', message: 'opening.emailFormat' satisfies MessageKey });
      }),
    phone: z
      .string()
      .transform((v) => v.trim())
      .superRefine((value, ctx) => {
        if (value !== '' && !PHONE_SHAPE.test(value)) ctx.addIssue({ code: 'custom', message: 'opening.phoneFormat' satisfies MessageKey });
      }),
    message: text(REQUEST_LIMITS.message, true, MULTI_LINE),
    consent: z.boolean().refine((v) => v, 'opening.consentRequired' satisfies MessageKey),
  });
}

export type AccountRequestInput = z.input<ReturnType<typeof accountRequestSchema>>;
export type AccountRequestValues = z.output<ReturnType<typeof accountRequestSchema>>;
export type AccountRequestField = keyof AccountRequestInput;

export type AccountRequestState = {
  sent?: boolean;
  errors?: Partial<Record<AccountRequestField, MessageKey>>;
  values?: Partial<Record<Exclude<AccountRequestField, 'consent'>, string>> & { consent?: boolean };
};
