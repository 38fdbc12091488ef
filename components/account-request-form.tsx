'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useActionState, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { submitToAction } from '@/components/submit-to-action';
import { requestAccountAction } from '@/app/ouverture-de-compte/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { TextArea } from '@/components/ui/text-area';
import type { IdentifierKind } from '@/lib/identifiers';
import type { MessageKey } from '@/lib/i18n/messages';
import {
  accountRequestSchema,
  REQUEST_LIMITS,
  type AccountRequestField,
  type AccountRequestInput,
  type AccountRequestState,
  type AccountRequestValues,
} from '@/lib/schemas/account-request';

export function AccountRequestForm({ kinds }: { kinds: IdentifierKind[] }) {
  const t = useT();
  const [state, formAction, pending] = useActionState<AccountRequestState, FormData>(requestAccountAction, {});
  const schema = useMemo(() => accountRequestSchema(kinds), [kinds]);
  const values = state.values ?? {};
  const form = useForm<AccountRequestInput, unknown, AccountRequestValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: values.name ?? '',
      organisation: values.organisation ?? '',
      identifier: values.identifier ?? '',
      email: values.email ?? '',
      phone: values.phone ?? '',
      message: values.message ?? '',
      consent: values.consent ?? false,
    },
  });

  if (state.sent) {
    return (
      <div className="stack">
        <Alert tone="success">
          <p>{t('opening.sent')}</p>
        </Alert>
        <p className="muted">{t('opening.sentHelp')}</p>
        <p>
          <ButtonLink href="/">{t('notFound.back')}</ButtonLink>
        </p>
      </div>
    );
  }

  const submit = submitToAction(formAction);
  const errorOf = (name: AccountRequestField, max?: number) => {
    const key = (form.formState.errors[name]?.message as MessageKey | undefined) ?? state.errors?.[name];
    return key ? t(key, { max: max ?? 0 }) : undefined;
  };

  return (
    <form action={formAction} onSubmit={form.handleSubmit(submit)} noValidate className="form">
      <p>{t('opening.intro')}</p>
      <Field id="opening-name" label={t('opening.name')} autoComplete="name" maxLength={REQUEST_LIMITS.name} required defaultValue={values.name} error={errorOf('name', REQUEST_LIMITS.name)} {...form.register('name')} />
      <Field
        id="opening-organisation"
        label={t('opening.organisation')}
        hint={t('opening.organisationHint')}
        autoComplete="organization"
        maxLength={REQUEST_LIMITS.organisation}
        defaultValue={values.organisation}
        error={errorOf('organisation', REQUEST_LIMITS.organisation)}
        {...form.register('organisation')}
      />
      <Field
        id="opening-identifier"
        label={t('opening.identifier')}
        hint={t('opening.identifierHint')}
        inputMode="numeric"
        autoComplete="off"
        maxLength={40}
        defaultValue={values.identifier}
        error={errorOf('identifier')}
        {...form.register('identifier')}
      />
      <Field id="opening-email" type="email" label={t('opening.email')} autoComplete="email" maxLength={REQUEST_LIMITS.email} required defaultValue={values.email} error={errorOf('email')} {...form.register('email')} />
      <Field
        id="opening-phone"
        type="tel"
        label={t('opening.phone')}
        hint={t('opening.phoneHint')}
        autoComplete="tel"
        maxLength={REQUEST_LIMITS.phone}
        defaultValue={values.phone}
        error={errorOf('phone')}
        {...form.register('phone')}
      />
      <TextArea
        id="opening-message"
        label={t('opening.message')}
        hint={t('opening.messageHint')}
        rows={5}
        maxLength={REQUEST_LIMITS.message}
        required
        defaultValue={values.message}
        error={errorOf('message', REQUEST_LIMITS.message)}
        {...form.register('message')}
      />
      {/* Hidden from people (and from assistive technologies); robots fill it in. */}
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="opening-website">{t('opening.honeypot')}</label>
        <input id="opening-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <Checkbox
        id="opening-consent"
        label={t('opening.consent')}
        defaultChecked={values.consent}
        aria-invalid={errorOf('consent') ? true : undefined}
        aria-describedby="opening-consent-error"
        {...form.register('consent')}
      />
      <p id="opening-consent-error" className="field__error" aria-live="polite">
        {errorOf('consent')}
      </p>
      <Button type="submit" disabled={pending}>
        {t('opening.submit')}
      </Button>
    </form>
  );
}
