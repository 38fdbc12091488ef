import type { z } from 'zod';
import type { MessageKey } from '@/lib/i18n/messages';

/** The first message of each field, as translation keys (schemas put keys in their messages). */
export function fieldErrors<K extends string>(error: z.ZodError): Partial<Record<K, MessageKey>> {
  const errors: Partial<Record<K, MessageKey>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as K;
    errors[field] ??= issue.message as MessageKey;
  }
  return errors;
}
