'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { startTransition, useActionState, type BaseSyntheticEvent } from 'react';
import { get, useForm, type DefaultValues, type FieldError, type FieldValues, type Path } from 'react-hook-form';
import type { z } from 'zod';
import { useT } from '@/components/i18n-provider';
import type { FormAction, FormState } from '@/lib/forms/state';
import type { MessageKey } from '@/lib/i18n/messages';

/**
 * The set-up every form here shares. The form posts to its server action, so it works without
 * JavaScript; when scripts run, react-hook-form checks the same zod schema as the server first,
 * then posts the form's own FormData, exactly what the browser posts without JavaScript.
 * Errors appear at the first submit, then follow the typing (react-hook-form's defaults).
 */
export function useActionForm<S extends z.ZodType<unknown, FieldValues>, F extends string>(options: {
  action: FormAction<F>;
  schema: S;
  /** The fields' first values, given the action's last answer (what was typed comes back there). */
  defaults: (state: FormState<F>) => DefaultValues<z.input<S>>;
  initial?: FormState<F>;
}) {
  const t = useT();
  const [state, formAction, pending] = useActionState(options.action, options.initial ?? {});
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(options.schema), defaultValues: options.defaults(state) });

  /** The field's message: the browser's check first, else the server's; translated. */
  const errorOf = (name: F, values?: Record<string, string | number>): string | undefined => {
    const key = messageKeyOf(get(form.formState.errors, name)) ?? state.errors?.[name];
    return key ? t(key, values) : undefined;
  };

  /** What a text field needs: its first value, its message, and react-hook-form's wiring. */
  const field = (name: F & Path<z.input<S>>, values?: Record<string, string | number>) => ({
    defaultValue: get(form.formState.defaultValues, name) as string | undefined,
    error: errorOf(name, values),
    ...form.register(name),
  });

  /** The form's onSubmit; `before` runs once the data is taken (clearing a password field, say). */
  const onSubmit = (before?: () => void) =>
    form.handleSubmit((_values: unknown, event?: BaseSyntheticEvent) => {
      const data = new FormData(event?.target as HTMLFormElement);
      before?.();
      startTransition(() => formAction(data));
    });

  return { t, state, formAction, pending, form, errorOf, field, onSubmit };
}

/** The browser's check of a field: the schemas of lib/ put translation keys in their messages. */
export function messageKeyOf(error: FieldError | undefined): MessageKey | undefined {
  return error?.message as MessageKey | undefined;
}
