'use client';

import { useCallback } from 'react';
import { FormProvider } from 'react-hook-form';
import { resetPasswordAction } from '@/app/reinitialisation/actions';
import { NewPasswordFields } from '@/components/new-password-fields';
import { Button } from '@/components/ui/button';
import { useActionForm } from '@/components/use-action-form';
import type { PasswordContext } from '@/lib/passwords/new-password-schema';

type Props = { identifier: string; generated: string; context: PasswordContext };

/** The emailed link's form. A link that no longer works sends the person to the invalid-link page (the action redirects). */
export function NewPasswordForm({ identifier, generated, context }: Props) {
  // Loaded at the first submit: zod is not part of the page's first scripts.
  const schema = useCallback(async () => (await import('@/lib/passwords/new-password-schema')).newPasswordSchema(context), [context]);
  const { t, state, formAction, pending, form, onSubmit } = useActionForm({
    action: resetPasswordAction,
    schema,
    // After a refusal the fields come back empty rather than with a suggestion the person did not pick.
    defaults: ({ errors }) => (errors ? { password: '', confirmation: '' } : { password: generated, confirmation: generated }),
  });
  const suggestion = state.errors ? undefined : generated;

  return (
    <FormProvider {...form}>
      <form action={formAction} onSubmit={onSubmit()} noValidate className="form">
        {/* For password managers: the account this new password belongs to. */}
        <input type="hidden" name="username" autoComplete="username" value={identifier} />
        <dl className="details details--compact">
          <dt>{t('reset.identifier')}</dt>
          <dd className="identifier" data-testid="reset-identifier">
            {identifier}
          </dd>
        </dl>
        <NewPasswordFields
          idPrefix="reset"
          labels={{ password: 'reset.password', confirmation: 'reset.confirmation' }}
          context={context}
          serverErrors={state.errors}
          generated={suggestion}
        />
        <p className="muted">{t('reset.requiredNote')}</p>
        <Button type="submit" disabled={pending}>
          {t('reset.submit')}
        </Button>
      </form>
    </FormProvider>
  );
}
