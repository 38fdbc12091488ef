'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useActionState, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { submitToAction } from '@/components/submit-to-action';
import { requestResetAction } from '@/app/mot-de-passe-oublie/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { IdentifierKind } from '@/lib/identifiers';
import type { MessageKey } from '@/lib/i18n/messages';
import { forgotSchema, type ForgotState, type ForgotValues } from '@/lib/schemas/reset';

type Props = { kinds: IdentifierKind[]; match: 'either' | 'both'; ttlHours: number; defaultIdentifier: string };

export function ForgotPasswordForm({ kinds, match, ttlHours, defaultIdentifier }: Props) {
  const t = useT();
  const [state, formAction, pending] = useActionState<ForgotState, FormData>(requestResetAction, {});
  const schema = useMemo(() => forgotSchema(kinds, match), [kinds, match]);
  const values = state.values ?? { identifier: defaultIdentifier, email: '' };
  const form = useForm<ForgotValues>({ resolver: zodResolver(schema), defaultValues: values });

  if (state.sent) {
    return (
      <div className="stack">
        <Alert tone="success">
          <p>{t('forgot.sent', { hours: ttlHours })}</p>
        </Alert>
        <p className="muted">{t('forgot.sentHelp')}</p>
        <p>
          <ButtonLink href="/connexion">{t('reset.signIn')}</ButtonLink>{' '}
          <a href="/mot-de-passe-oublie">{t('forgot.again')}</a>
        </p>
      </div>
    );
  }

  const submit = submitToAction(formAction);
  const errorOf = (name: 'identifier' | 'email') => {
    const key = (form.formState.errors[name]?.message as MessageKey | undefined) ?? state.errors?.[name];
    return key ? t(key) : undefined;
  };
  const required = match === 'both';

  return (
    <form action={formAction} onSubmit={form.handleSubmit(submit)} noValidate className="form">
      <p>{match === 'both' ? t('forgot.introBoth') : t('forgot.introEither')}</p>
      <p className="muted">{t('forgot.firstTime')}</p>
      <Field
        id="forgot-identifier"
        label={t('forgot.identifier')}
        hint={t('forgot.identifierHint')}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={320}
        required={required}
        defaultValue={values.identifier}
        error={errorOf('identifier')}
        {...form.register('identifier')}
      />
      <Field
        id="forgot-email"
        type="email"
        label={t('forgot.email')}
        hint={t('forgot.emailHint')}
        autoComplete="email"
        maxLength={254}
        required={required}
        defaultValue={values.email}
        error={errorOf('email')}
        {...form.register('email')}
      />
      <Button type="submit" disabled={pending}>
        {t('forgot.submit')}
      </Button>
    </form>
  );
}
