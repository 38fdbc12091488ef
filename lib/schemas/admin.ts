import { z } from 'zod';
import { type IdentifierKind, looksLikeEmail, parseIdentifier } from '@/lib/identifiers';
import type { MessageKey } from '@/lib/i18n/messages';
import { withoutControls } from '@/lib/schemas/text';

/** The admin forms' schemas, shared by their client components and server actions. */
export const ADMIN_LIMITS = { name: 200, email: 254, notes: 5000, query: 100 } as const;
export const REQUEST_STATUSES = ['new', 'in_progress', 'done', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

// No control characters and no text-direction overrides: a name must display as what it is.
const PLAIN_NAME = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/u;

const issue = (ctx: z.RefinementCtx, message: MessageKey, path?: string) => ctx.addIssue({ code: 'custom', message, path: path ? [path] : undefined });

const email = z
  .string()
  .transform((v) => v.normalize('NFKC').trim().toLowerCase())
  .superRefine((value, ctx) => {
    if (value === '') issue(ctx, 'fields.required');
    else if (value.length > ADMIN_LIMITS.email || !looksLikeEmail(value)) issue(ctx, 'opening.emailFormat');
  });

const name = z
  .string()
  .transform((v) => v.normalize('NFC').trim())
  .superRefine((value, ctx) => {
    if ([...value].length > ADMIN_LIMITS.name) issue(ctx, 'admin.errors.nameTooLong');
    else if (!PLAIN_NAME.test(value)) issue(ctx, 'opening.invalidText');
  });

export function identifierError(kind: IdentifierKind): MessageKey {
  return kind === 'client' ? 'admin.errors.identifierClient' : 'admin.errors.identifierLicence';
}

/** An identifier of the chosen kind, normalised the way sign-in normalises it (licences padded to 8 digits). */
export function normaliseIdentifier(raw: string, kind: IdentifierKind): string | null {
  const parsed = parseIdentifier(raw, [kind]);
  return parsed.ok && parsed.type === kind ? parsed.value : null;
}

export function accountSchema(kinds: readonly IdentifierKind[]) {
  const kindOf = (value: unknown) => ((kinds as readonly unknown[]).includes(value) ? (value as IdentifierKind) : null);
  return z
    .object({
      identifier: z.string(),
      kind: z.string(),
      email,
      name,
      locale: z.enum(['fr', 'en'], { message: 'fields.required' satisfies MessageKey }),
      role: z.enum(['member', 'admin'], { message: 'fields.required' satisfies MessageKey }),
    })
    .superRefine(
      (values, ctx) => {
        const kind = kindOf(values.kind);
        const raw = typeof values.identifier === 'string' ? values.identifier : '';
        if (!kind) issue(ctx, 'fields.required', 'kind');
        else if (raw.trim() === '') issue(ctx, 'fields.required', 'identifier');
        else if (!normaliseIdentifier(raw, kind)) issue(ctx, identifierError(kind), 'identifier');
      },
      // Checked even while another field is wrong, so every error shows at once.
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .transform((values) => {
      const kind = values.kind as IdentifierKind;
      return { ...values, kind, identifier: normaliseIdentifier(values.identifier, kind) as string };
    });
}

export type AccountInput = z.input<ReturnType<typeof accountSchema>>;
export type AccountValues = z.output<ReturnType<typeof accountSchema>>;
export type AccountField = keyof AccountInput;

export const profileSchema = z.object({ email, name });
export type ProfileInput = z.input<typeof profileSchema>;
export type ProfileValues = z.output<typeof profileSchema>;

export const requestUpdateSchema = z.object({
  status: z.enum(REQUEST_STATUSES),
  // Pasted notes can carry invisible control characters: dropped, so nothing typed is lost to a redirect.
  notes: z
    .string()
    .max(ADMIN_LIMITS.notes)
    .transform((v) => withoutControls(v.replace(/\r\n/g, '\n')).trim()),
});

/** What a form that can fail gets back: one message per field, what was typed, and a form-level message. */
export type AdminFormState<F extends string> = {
  errors?: Partial<Record<F, MessageKey>>;
  values?: Partial<Record<F, string>>;
  message?: MessageKey;
  /** The account that already holds the identifier, to link to it. */
  existingAccountId?: string;
};
