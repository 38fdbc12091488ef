import type { z } from 'zod';
import { HashPoolBusy } from '@/lib/crypto/hash-pool';
import { fieldErrors } from '@/lib/forms/field-errors';
import { readForm, single, type FormFields } from '@/lib/forms/form-data';
import type { FormAction, FormMessage, FormState } from '@/lib/forms/state';

/**
 * A guard's answer to someone it turns away without leaving the page: the form shows the message
 * and nothing else runs (a second step whose sign-in ran out, lib/sign-in/second-step.ts).
 */
export class Refused {
  constructor(readonly message: FormMessage) {}
}

type Options<U, S extends z.ZodType, T extends string, C extends string> = {
  /**
   * Who may post (requireUser, requireAdmin, or `anyone`). It runs first: an action is a public
   * endpoint. It redirects those who belong elsewhere, or answers them with `Refused`.
   */
  guard: (formData: FormData) => Promise<U | Refused>;
  /** The form's schema, the one its client component checks too. */
  schema: (user: U) => S;
  /** The fields the schema reads. */
  fields: FormFields<T, C>;
  /** Fields never sent back to the page: passwords, codes. */
  secret?: readonly T[];
  /** A field people never see and robots fill in: robots get `{ done: true }` and nothing happens. */
  honeypot?: string;
  /** Shown above the fields when the schema refuses them, for forms that show a summary. */
  invalidMessage?: FormMessage;
};

// Typed values come back to fill the form again; a page need not carry 100,000 characters back.
const ECHO_LIMIT = 2_000;

/** For public forms. */
export const anyone = async (): Promise<null> => null;

/**
 * The one shape of every form's server action: guard → parse with the form's schema → `handle`
 * (which calls one lib function and maps its result). A refusal by the schema answers with every
 * field's error and what was typed, the same whether or not the browser ran JavaScript. `E` is
 * what the form answers beyond the common fields (lib/forms/state.ts).
 */
export function validatedAction<U, S extends z.ZodType, T extends string, C extends string = never, E = never>(
  options: Options<U, S, T, C>,
  handle: (values: z.output<S>, user: U, formData: FormData) => Promise<FormState<T | C, E>>,
): FormAction<T | C, E> {
  return async (_previous, formData) => {
    if (options.honeypot && (single(formData, options.honeypot) ?? '') !== '') return { done: true };
    const user = await options.guard(formData);
    if (user instanceof Refused) return { message: user.message };
    const input = readForm(formData, options.fields);
    const parsed = options.schema(user).safeParse(input);
    if (parsed.success) {
      try {
        return await handle(parsed.data, user, formData);
      } catch (error) {
        // Too many passwords being checked at once: come back in a few seconds, nothing was done.
        if (error instanceof HashPoolBusy) return { values: echo(input, options.secret ?? []), message: { key: 'busy.body' } };
        throw error;
      }
    }
    return {
      errors: fieldErrors(parsed.error),
      values: echo(input, options.secret ?? []),
      ...(options.invalidMessage ? { message: options.invalidMessage } : {}),
    };
  };
}

/** What was typed, secrets left out, long values cut. */
export function echo<F extends string>(input: Record<F, string | boolean>, secret: readonly string[] = []): Partial<Record<F, string | boolean>> {
  const values: Partial<Record<F, string | boolean>> = {};
  for (const [name, value] of Object.entries(input) as [F, string | boolean][]) {
    if (secret.includes(name)) continue;
    values[name] = typeof value === 'string' ? value.slice(0, ECHO_LIMIT) : value;
  }
  return values;
}
