'use client';

import { useEffect, useMemo } from 'react';
import { PasswordInput } from '@/components/password-input';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { emailChangeSchema, type EmailChangeField } from '@/lib/email-change/schema';
import type { FormAction } from '@/lib/forms/state';
import { MAX_EMAIL_LENGTH } from '@/lib/identifiers/parse';

type Props = {
  /** app/espace/actions.ts's emailChangeAction, handed down by the page. */
  action: FormAction<EmailChangeField>;
  identifier: string;
  currentEmail: string;
  /** A change waiting for its link, already worded for the page. */
  pending: string | null;
};

/**
 * "Changer mon adresse e-mail": the new address and the current password. The address changes only
 * when the link sent to it is confirmed; the answer says so, with or without JavaScript.
 */
export function EmailChangeForm({ action, identifier, currentEmail, pending }: Props) {
  const schema = useMemo(() => emailChangeSchema(currentEmail), [currentEmail]);
  const { t, state, formAction, pending: sending, form, field, onSubmit } = useActionForm({
    action,
    schema,
    defaults: ({ done, values }) => ({ email: done ? '' : String(values?.email ?? ''), current: '' }),
  });

  // Sent: both fields empty again. Refused: what was typed stays, the password never does.
  useEffect(() => {
    if (state.done) form.reset({ email: '', current: '' });
  }, [state, form]);

  return (
    <form action={formAction} onSubmit={onSubmit(() => form.setValue('current', ''))} noValidate className="form email-change-form">
      <p>{t('selfService.email.current', { email: currentEmail })}</p>
      <p className="muted">{t('selfService.email.intro')}</p>
      {state.done && state.message ? (
        <Alert tone="success">
          <p>{t(state.message.key, state.message.values)}</p>
        </Alert>
      ) : (
        pending && <p className="email-change__pending">{pending}</p>
      )}
      {!state.done && state.message && (
        <Alert tone="error">
          <p>{t(state.message.key, state.message.values)}</p>
        </Alert>
      )}
      <input type="hidden" name="username" autoComplete="username" value={identifier} />
      <Field
        id="email-change-email"
        type="email"
        label={t('selfService.email.newEmail')}
        hint={t('selfService.email.newEmailHint')}
        autoComplete="email"
        maxLength={MAX_EMAIL_LENGTH}
        required
        {...field('email')}
      />
      <PasswordInput id="email-change-current" label={t('selfService.email.password')} autoComplete="current-password" required {...field('current')} />
      <div>
        <Button type="submit" disabled={sending}>
          {t('selfService.email.submit')}
        </Button>
      </div>
    </form>
  );
}
