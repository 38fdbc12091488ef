'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { IdentifierField } from '@/components/identifier-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { useActionForm } from '@/components/use-action-form';
import { accountSchema, ADMIN_LIMITS, type AccountField, type AccountInput } from '@/lib/accounts/schema';
import type { FormAction } from '@/lib/forms/state';
import type { IdentifierKind } from '@/lib/identifiers/parse';
import { identifierText } from '@/lib/identifiers/wording';

type Props = {
  /** app/admin/comptes/actions.ts's createAccountAction, handed down by the page. */
  action: FormAction<AccountField>;
  kinds: IdentifierKind[];
  defaults?: Partial<AccountInput>;
  /** Set when the account is made from an account-opening request: the email always goes. */
  requestId?: string;
  submitLabel: string;
};

/** Creates a pending account; the same form on /admin/comptes/nouveau and on a request's page. */
export function AccountForm({ action, kinds, defaults = {}, requestId, submitLabel }: Props) {
  const schema = useMemo(() => accountSchema(kinds), [kinds]);
  const { t, state, formAction, pending, field, onSubmit } = useActionForm({
    action,
    schema,
    defaults: ({ values = {} }) => ({
      identifier: String(values.identifier ?? defaults.identifier ?? ''),
      kind: String(values.kind ?? defaults.kind ?? kinds[0]),
      email: String(values.email ?? defaults.email ?? ''),
      name: String(values.name ?? defaults.name ?? ''),
      locale: (values.locale ?? defaults.locale) === 'en' ? 'en' : 'fr',
      role: values.role === 'admin' ? 'admin' : 'member',
    }),
  });
  const id = (name: string) => `account-${name}`;

  return (
    <form action={formAction} onSubmit={onSubmit()} noValidate className="form">
      {state.message && (
        <Alert tone="error">
          <p>
            {t(state.message.key, state.message.values)} {state.message.href && <Link href={state.message.href}>{t('admin.errors.existsLink')}</Link>}
          </p>
        </Alert>
      )}
      <p className="muted">{t('admin.form.requiredNote')}</p>
      {requestId && <input type="hidden" name="requestId" value={requestId} />}
      <Select
        id={id('kind')}
        label={t('admin.form.kind')}
        required
        options={kinds.map((k) => ({ value: k, label: t(`admin.kinds.${k}`) }))}
        {...field('kind')}
      />
      <IdentifierField
        id={id('identifier')}
        label={t('admin.form.identifier')}
        hint={t(identifierText('adminHint', kinds))}
        accepts="number"
        required
        {...field('identifier')}
      />
      <Field id={id('email')} type="email" label={t('admin.form.email')} autoComplete="off" maxLength={ADMIN_LIMITS.email} required {...field('email')} />
      <Field id={id('name')} label={t('admin.form.name')} autoComplete="off" maxLength={ADMIN_LIMITS.name} {...field('name')} />
      <Select
        id={id('locale')}
        label={t('admin.form.locale')}
        options={[
          { value: 'fr', label: t('admin.locales.fr') },
          { value: 'en', label: t('admin.locales.en') },
        ]}
        {...field('locale')}
      />
      {requestId ? (
        <input type="hidden" name="role" value="member" />
      ) : (
        <>
          <Select
            id={id('role')}
            label={t('admin.form.role')}
            options={[
              { value: 'member', label: t('admin.roles.member') },
              { value: 'admin', label: t('admin.roles.admin') },
            ]}
            {...field('role')}
          />
          <Checkbox id={id('send-link')} name="sendLink" label={t('admin.form.sendLink')} defaultChecked />
        </>
      )}
      <div>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
