import { z } from 'zod';
import type { MessageKey } from '@/lib/i18n/messages';
import { parseIdentifier, type IdentifierKind } from '@/lib/identifiers/parse';
import { identifierText } from '@/lib/identifiers/wording';

/** The message naming the formats this deployment accepts. */
export function identifierFormatMessage(kinds: readonly IdentifierKind[]): MessageKey {
  return identifierText('format', kinds);
}

/** The message for an identifier that does not parse. */
export function identifierProblem(error: 'required' | 'format' | 'tooLong', kinds: readonly IdentifierKind[]): MessageKey {
  if (error === 'required') return 'fields.required';
  if (error === 'tooLong') return 'fields.tooLong';
  return identifierFormatMessage(kinds);
}

/**
 * A required identifier field (number or email), parsed once: the output is what sign-in and
 * reset requests look accounts up by.
 */
export function identifierField(kinds: readonly IdentifierKind[]) {
  return z.string().transform((value, ctx) => {
    const parsed = parseIdentifier(value, kinds);
    if (parsed.ok) return { type: parsed.type, value: parsed.value };
    ctx.addIssue({ code: 'custom', message: identifierProblem(parsed.error, kinds) });
    return z.NEVER;
  });
}
