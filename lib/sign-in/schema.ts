import { z } from 'zod';
import { identifierField } from '@/lib/identifiers/field';
import type { IdentifierKind } from '@/lib/identifiers/parse';
import type { MessageKey } from '@/lib/i18n/messages';
import { MAX_PASSWORD_INPUT } from '@/lib/passwords/length';

/** Shared by the sign-in form (instant checks) and its server action (the checks that count). */
export function signInSchema(kinds: readonly IdentifierKind[]) {
  return z.object({
    identifier: identifierField(kinds),
    password: z.string().min(1, 'fields.required' satisfies MessageKey).max(MAX_PASSWORD_INPUT, 'fields.tooLong' satisfies MessageKey),
    remember: z.boolean(),
  });
}

export type SignInInput = z.input<ReturnType<typeof signInSchema>>;
export type SignInValues = z.output<ReturnType<typeof signInSchema>>;
export type SignInField = keyof SignInInput;
