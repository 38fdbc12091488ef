'use client';

import { useCallback } from 'react';
import { requestResetAction } from '@/app/mot-de-passe-oublie/actions';
import { IdentifierField } from '@/components/identifier-field';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { MAX_EMAIL_LENGTH, type IdentifierKind } from '@/lib/identifiers/parse';
import { identifierText } from '@/lib/identifiers/wording';

type Props = { kinds: IdentifierKind[]; match: 'either' | 'both'; ttlHours: number; defaultIdentifier: string };

export function ForgotPasswordForm({ kinds, match, ttlHours, defaultIdentifier }: Props) {
  // Loaded at the first focus or submit: zod is not part of the page's first scripts.
  const schema = useCallback(async () => (await import('@/lib/password-links/request-schema')).forgotSchema(kinds, match), [kinds, match]);
  const { t, state, formAction, pending, field, onSubmit } = useActionForm({
    action: requestResetAction,
    schema,
    defaults: ({ values }) => ({ identifier: String(values?.identifier ?? defaultIdentifier), email: String(values?.email ?? '') }),
  });

  if (state.done) {
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

  const required = match === 'both';

  return (
    <form action={formAction} onSubmit={onSubmit()} noValidate className="form">
      <p>{match === 'both' ? t('forgot.introBoth') : t('forgot.introEither')}</p>
      <p className="muted">{t('forgot.firstTime')}</p>
      <IdentifierField
        id="forgot-identifier"
        label={t('forgot.identifier')}
        hint={t(identifierText('forgotHint', kinds))}
        accepts="account"
        required={required}
        {...field('identifier')}
      />
      <Field
        id="forgot-email"
        type="email"
        label={t('forgot.email')}
        hint={t('forgot.emailHint')}
        autoComplete="email"
        maxLength={MAX_EMAIL_LENGTH}
        required={required}
        {...field('email')}
      />
      <Button type="submit" disabled={pending}>
        {t('forgot.submit')}
      </Button>
    </form>
  );
}
