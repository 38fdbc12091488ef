import { z } from 'zod';
import { identifierFormatMessage } from '@/lib/identifiers/field';
import { type IdentifierKind, looksLikeEmail, normaliseEmail, parseIdentifier } from '@/lib/identifiers/parse';
import type { MessageKey } from '@/lib/i18n/messages';
import { MULTI_LINE, ONE_LINE, withoutControls } from '@/lib/forms/text';

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
      .transform(normaliseEmail)
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

/** Staff following a request up: its status and notes. */
export const REQUEST_STATUSES = ['new', 'in_progress', 'done', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const NOTES_LIMIT = 5000;

export const requestUpdateSchema = z.object({
  status: z.enum(REQUEST_STATUSES),
  // Pasted notes can carry invisible control characters: dropped, so nothing typed is lost to a redirect.
  notes: z
    .string()
    .max(NOTES_LIMIT)
    .transform((v) => withoutControls(v.replace(/\r\n/g, '\n')).trim()),
});
