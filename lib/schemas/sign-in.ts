import { z } from 'zod';
import { parseIdentifier, type IdentifierKind } from '@/lib/identifiers';
import type { MessageKey } from '@/lib/i18n/messages';

/** Shared by the sign-in form (instant checks) and its server action (the checks that count). */
export const MAX_PASSWORD_LENGTH = 1024;

export function identifierFormatMessage(kinds: readonly IdentifierKind[]): MessageKey {
  if (kinds.length === 1) return kinds[0] === 'licence' ? 'fields.identifierFormatLicence' : 'fields.identifierFormatClient';
  return 'fields.identifierFormat';
}

export function identifierField(kinds: readonly IdentifierKind[]) {
  return z.string().superRefine((value, ctx) => {
    const parsed = parseIdentifier(value, kinds);
    if (parsed.ok) return;
    const message: MessageKey =
      parsed.error === 'required' ? 'fields.required' : parsed.error === 'tooLong' ? 'fields.tooLong' : identifierFormatMessage(kinds);
    ctx.addIssue({ code: 'custom', message });
  });
}

export function signInSchema(kinds: readonly IdentifierKind[]) {
  return z.object({
    identifier: identifierField(kinds),
    password: z.string().min(1, 'fields.required' satisfies MessageKey).max(MAX_PASSWORD_LENGTH, 'fields.tooLong' satisfies MessageKey),
    remember: z.boolean(),
  });
}

export type SignInValues = z.infer<ReturnType<typeof signInSchema>>;

export type FormMessage = { key: MessageKey; values?: Record<string, string | number> };

export type SignInState = {
  errors?: Partial<Record<'identifier' | 'password', MessageKey>>;
  message?: FormMessage;
  identifier?: string;
  remember?: boolean;
};

/** The first message of each field, as translation keys. */
export function fieldErrors<K extends string>(error: z.ZodError): Partial<Record<K, MessageKey>> {
  const errors: Partial<Record<K, MessageKey>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as K;
    errors[field] ??= issue.message as MessageKey;
  }
  return errors;
}
