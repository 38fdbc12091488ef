'use client';

import { useMemo } from 'react';
import { FormProvider } from 'react-hook-form';
import { NewPasswordFields } from '@/components/new-password-fields';
import { PasswordInput } from '@/components/password-input';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useActionForm } from '@/components/use-action-form';
import type { FormAction } from '@/lib/forms/state';
import { changePasswordSchema, type ChangePasswordField, type PasswordContext } from '@/lib/passwords/new-password-schema';

type Props = {
  /** app/espace/actions.ts's changePasswordAction, handed down by the page. */
  action: FormAction<ChangePasswordField>;
  identifier: string;
  context: PasswordContext;
};

export function ChangePasswordForm({ action, identifier, context }: Props) {
  const schema = useMemo(() => changePasswordSchema(context), [context]);
  const { t, state, formAction, pending, form, field, onSubmit } = useActionForm({
    action,
    schema,
    defaults: () => ({ current: '', password: '', confirmation: '' }),
  });

  return (
    <FormProvider {...form}>
      <form action={formAction} onSubmit={onSubmit(() => form.reset())} noValidate className="form">
        {state.done && (
          <Alert tone="success">
            <p>{t('changePassword.done')}</p>
          </Alert>
        )}
        {state.message && (
          <Alert tone="error">
            <p>{t(state.message.key, state.message.values)}</p>
          </Alert>
        )}
        <input type="hidden" name="username" autoComplete="username" value={identifier} />
        <PasswordInput
          id="change-current"
          label={t('changePassword.current')}
          autoComplete="current-password"
          required
          {...field('current')}
        />
        <NewPasswordFields
          idPrefix="change"
          labels={{ password: 'changePassword.new', confirmation: 'changePassword.confirmation' }}
          context={context}
          serverErrors={state.errors}
        />
        <Button type="submit" disabled={pending}>
          {t('changePassword.submit')}
        </Button>
      </form>
    </FormProvider>
  );
}
