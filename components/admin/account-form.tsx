'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useActionState, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { submitToAction } from '@/components/submit-to-action';
import { createAccountAction } from '@/app/admin/comptes/actions';
import { Select } from '@/components/ui/select';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import type { IdentifierKind } from '@/lib/identifiers';
import type { MessageKey } from '@/lib/i18n/messages';
import { accountSchema, ADMIN_LIMITS, type AccountField, type AccountInput, type AccountValues, type AdminFormState } from '@/lib/schemas/admin';

type Props = {
  kinds: IdentifierKind[];
  defaults?: Partial<AccountInput>;
  /** Set when the account is made from an account-opening request: the email always goes. */
  requestId?: string;
  submitLabel: string;
};

/** Creates a pending account; the same form on /admin/comptes/nouveau and on a request's page. */
export function AccountForm({ kinds, defaults = {}, requestId, submitLabel }: Props) {
  const t = useT();
  const [state, formAction, pending] = useActionState<AdminFormState<AccountField>, FormData>(createAccountAction, {});
  const schema = useMemo(() => accountSchema(kinds), [kinds]);
  const values: AccountInput = {
    identifier: state.values?.identifier ?? defaults.identifier ?? '',
    kind: state.values?.kind ?? defaults.kind ?? kinds[0],
    email: state.values?.email ?? defaults.email ?? '',
    name: state.values?.name ?? defaults.name ?? '',
    locale: ((state.values?.locale ?? defaults.locale) === 'en' ? 'en' : 'fr'),
    role: state.values?.role === 'admin' ? 'admin' : 'member',
  };
  const form = useForm<AccountInput, unknown, AccountValues>({ resolver: zodResolver(schema), defaultValues: values });

  const submit = submitToAction(formAction);
  const errorOf = (name: AccountField) => {
    const key = (form.formState.errors[name]?.message as MessageKey | undefined) ?? state.errors?.[name];
    return key ? t(key) : undefined;
  };
  const id = (name: string) => `account-${name}`;

  return (
    <form action={formAction} onSubmit={form.handleSubmit(submit)} noValidate className="form">
      {state.message && (
        <Alert tone="error">
          <p>{t(state.message)}</p>
        </Alert>
      )}
      {state.existingAccountId && (
        <Alert tone="error">
          <p>
            {t('admin.errors.exists')} <Link href={`/admin/comptes/${state.existingAccountId}`}>{t('admin.errors.existsLink')}</Link>
          </p>
        </Alert>
      )}
      <p className="muted">{t('admin.form.requiredNote')}</p>
      {requestId && <input type="hidden" name="requestId" value={requestId} />}
      <Select
        id={id('kind')}
        label={t('admin.form.kind')}
        required
        defaultValue={values.kind}
        options={kinds.map((k) => ({ value: k, label: t(`admin.kinds.${k}`) }))}
        error={errorOf('kind')}
        {...form.register('kind')}
      />
      <Field
        id={id('identifier')}
        label={t('admin.form.identifier')}
        hint={t('admin.form.identifierHint')}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={40}
        required
        defaultValue={values.identifier}
        error={errorOf('identifier')}
        {...form.register('identifier')}
      />
      <Field id={id('email')} type="email" label={t('admin.form.email')} autoComplete="off" maxLength={ADMIN_LIMITS.email} required defaultValue={values.email} error={errorOf('email')} {...form.register('email')} />
      <Field id={id('name')} label={t('admin.form.name')} autoComplete="off" maxLength={ADMIN_LIMITS.name} defaultValue={values.name} error={errorOf('name')} {...form.register('name')} />
      <Select
        id={id('locale')}
        label={t('admin.form.locale')}
        defaultValue={values.locale}
        options={[
          { value: 'fr', label: t('admin.locales.fr') },
          { value: 'en', label: t('admin.locales.en') },
        ]}
        error={errorOf('locale')}
        {...form.register('locale')}
      />
      {requestId ? (
        <input type="hidden" name="role" value="member" />
      ) : (
        <>
          <Select
            id={id('role')}
            label={t('admin.form.role')}
            defaultValue={values.role}
            options={[
              { value: 'member', label: t('admin.roles.member') },
              { value: 'admin', label: t('admin.roles.admin') },
            ]}
            error={errorOf('role')}
            {...form.register('role')}
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
