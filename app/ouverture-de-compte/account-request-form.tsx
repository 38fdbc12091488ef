'use client';

import { useCallback } from 'react';
import { requestAccountAction } from '@/app/ouverture-de-compte/actions';
import { IdentifierField } from '@/components/identifier-field';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { TextArea } from '@/components/ui/text-area';
import { useActionForm } from '@/components/use-action-form';
import type { REQUEST_LIMITS } from '@/lib/account-requests/schema';
import type { IdentifierKind } from '@/lib/identifiers/parse';
import { identifierText } from '@/lib/identifiers/wording';

const TEXT_FIELDS = ['name', 'organisation', 'identifier', 'email', 'phone', 'message'] as const;

type Props = {
  kinds: IdentifierKind[];
  /** The schema's lengths, handed down by the page: importing them would bring zod into the page's first scripts. */
  limits: typeof REQUEST_LIMITS;
};

export function AccountRequestForm({ kinds, limits }: Props) {
  // Loaded at the first focus or submit: zod is not part of the page's first scripts.
  const schema = useCallback(async () => (await import('@/lib/account-requests/schema')).accountRequestSchema(kinds), [kinds]);
  const { t, state, formAction, pending, form, errorOf, field, onSubmit } = useActionForm({
    action: requestAccountAction,
    schema,
    defaults: ({ values = {} }) => ({
      ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, String(values[name] ?? '')])),
      consent: values.consent === true,
    }),
  });
  const values = form.formState.defaultValues ?? {};

  if (state.done) {
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

  return (
    <form action={formAction} onSubmit={onSubmit()} noValidate className="form">
      <p>{t('opening.intro')}</p>
      <Field id="opening-name" label={t('opening.name')} autoComplete="name" maxLength={limits.name} required {...field('name', { max: limits.name })} />
      <Field
        id="opening-organisation"
        label={t(identifierText('openingOrganisation', kinds))}
        hint={t('opening.organisationHint')}
        autoComplete="organization"
        maxLength={limits.organisation}
        {...field('organisation', { max: limits.organisation })}
      />
      <IdentifierField
        id="opening-identifier"
        label={t(identifierText('openingLabel', kinds))}
        hint={t(identifierText('openingHint', kinds))}
        accepts="number"
        {...field('identifier')}
      />
      <Field id="opening-email" type="email" label={t('opening.email')} autoComplete="email" maxLength={limits.email} required {...field('email')} />
      <Field
        id="opening-phone"
        type="tel"
        label={t('opening.phone')}
        hint={t('opening.phoneHint')}
        autoComplete="tel"
        maxLength={limits.phone}
        {...field('phone')}
      />
      <TextArea
        id="opening-message"
        label={t('opening.message')}
        hint={t('opening.messageHint')}
        rows={5}
        maxLength={limits.message}
        required
        {...field('message', { max: limits.message })}
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
