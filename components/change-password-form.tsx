'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useActionState, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { submitToAction } from '@/components/submit-to-action';
import { z } from 'zod';
import { changePasswordAction } from '@/app/espace/actions';
import { useT } from '@/components/i18n-provider';
import { NewPasswordFields } from '@/components/new-password-fields';
import { PasswordInput } from '@/components/password-input';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { MessageKey } from '@/lib/i18n/messages';
import { newPasswordSchema, type NewPasswordState, type PasswordContext } from '@/lib/schemas/reset';

export function ChangePasswordForm({ identifier, context }: { identifier: string; context: PasswordContext }) {
  const t = useT();
  const [state, formAction, pending] = useActionState<NewPasswordState, FormData>(changePasswordAction, {});
  const schema = useMemo(
    () => z.object({ current: z.string().min(1, 'fields.required' satisfies MessageKey) }).and(newPasswordSchema(context)),
    [context],
  );
  const form = useForm<{ current: string; password: string; confirmation: string }>({
    resolver: zodResolver(schema),
    defaultValues: { current: '', password: '', confirmation: '' },
  });

  const submit = submitToAction(formAction, () => form.reset());
  const currentError = (form.formState.errors.current?.message as MessageKey | undefined) ?? state.errors?.current;

  return (
    <form action={formAction} onSubmit={form.handleSubmit(submit)} noValidate className="form">
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
        error={currentError ? t(currentError) : undefined}
        {...form.register('current')}
      />
      <NewPasswordFields
        form={form as never}
        idPrefix="change"
        labels={{ password: 'changePassword.new', confirmation: 'changePassword.confirmation' }}
        context={context}
        serverErrors={state.errors}
      />
      <Button type="submit" disabled={pending}>
        {t('changePassword.submit')}
      </Button>
    </form>
  );
}
