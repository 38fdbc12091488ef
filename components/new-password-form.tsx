'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useActionState, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { submitToAction } from '@/components/submit-to-action';
import { resetPasswordAction } from '@/app/reinitialisation/actions';
import { useT } from '@/components/i18n-provider';
import { InvalidLink } from '@/components/invalid-link';
import { NewPasswordFields } from '@/components/new-password-fields';
import { Button } from '@/components/ui/button';
import { newPasswordSchema, type NewPasswordState, type NewPasswordValues, type PasswordContext } from '@/lib/schemas/reset';

type Props = { identifier: string; generated: string; context: PasswordContext; ttlHours: number };

export function NewPasswordForm({ identifier, generated, context, ttlHours }: Props) {
  const t = useT();
  const [state, formAction, pending] = useActionState<NewPasswordState, FormData>(resetPasswordAction, {});
  const schema = useMemo(() => newPasswordSchema(context), [context]);
  // After a refusal the fields come back empty rather than with a suggestion the person did not pick.
  const suggestion = state.errors ? undefined : generated;
  const form = useForm<NewPasswordValues>({
    resolver: zodResolver(schema),
    defaultValues: { password: suggestion ?? '', confirmation: suggestion ?? '' },
  });

  if (state.invalidLink) return <InvalidLink ttlHours={ttlHours} />;

  const submit = submitToAction(formAction);

  return (
    <form action={formAction} onSubmit={form.handleSubmit(submit)} noValidate className="form">
      {/* For password managers: the account this new password belongs to. */}
      <input type="hidden" name="username" autoComplete="username" value={identifier} />
      <dl className="details details--compact">
        <dt>{t('reset.identifier')}</dt>
        <dd className="identifier" data-testid="reset-identifier">
          {identifier}
        </dd>
      </dl>
      <NewPasswordFields
        form={form as never}
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
  );
}
