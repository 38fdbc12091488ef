'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { startTransition, useActionState, useMemo, type BaseSyntheticEvent } from 'react';
import { get, useForm, type DefaultValues, type FieldError, type FieldValues, type Path, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { useT } from '@/components/i18n-provider';
import type { FormAction, FormState } from '@/lib/forms/state';
import type { MessageKey } from '@/lib/i18n/messages';

/**
 * A form's zod schema, or how to load it. A public page's form passes a loader (a dynamic
 * `import()` of its schema's module): zod then stays out of the page's first scripts and loads at
 * the first focus on a field, or at the first submit.
 */
export type SchemaSource<S> = S | (() => Promise<S>);

/**
 * The set-up every form here shares. The form posts to its server action, so it works without
 * JavaScript; when scripts run, react-hook-form checks the same zod schema as the server first,
 * then posts the form's own FormData, exactly what the browser posts without JavaScript.
 * Errors appear at the first submit, then follow the typing (react-hook-form's defaults).
 */
export function useActionForm<S extends z.ZodType<unknown, FieldValues>, F extends string>(options: {
  action: FormAction<F>;
  schema: SchemaSource<S>;
  /** The fields' first values, given the action's last answer (what was typed comes back there). */
  defaults: (state: FormState<F>) => DefaultValues<z.input<S>>;
  initial?: FormState<F>;
}) {
  const t = useT();
  const [state, formAction, pending] = useActionState(options.action, options.initial ?? {});
  const { resolver, prefetch } = useMemo(() => resolverOf(options.schema), [options.schema]);
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver, defaultValues: options.defaults(state) });

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
    onFocus: prefetch,
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

/**
 * react-hook-form's resolver for the schema. A loaded schema is checked as it comes; a loader runs
 * once, at the first focus (prefetch) or submit. If it fails (a chunk that does not load), the form
 * is posted unchecked, as without JavaScript: the server action checks the same schema.
 */
function resolverOf<S extends z.ZodType<unknown, FieldValues>>(source: SchemaSource<S>) {
  type FormResolver = Resolver<z.input<S>, unknown, z.output<S>>;
  if (typeof source !== 'function') return { resolver: zodResolver(source) as FormResolver, prefetch: undefined };
  const unchecked: FormResolver = (values) => ({ values: values as z.output<S>, errors: {} });
  let loading: Promise<FormResolver> | undefined;
  const load = () =>
    (loading ??= source().then(
      (schema) => zodResolver(schema) as FormResolver,
      () => {
        loading = undefined;
        return unchecked;
      },
    ));
  const resolver: FormResolver = async (values, context, options) => (await load())(values, context, options);
  return { resolver, prefetch: () => void load() };
}

/** The browser's check of a field: the schemas of lib/ put translation keys in their messages. */
export function messageKeyOf(error: FieldError | undefined): MessageKey | undefined {
  return error?.message as MessageKey | undefined;
}
