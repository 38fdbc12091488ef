'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useActionState } from 'react';
import { useForm } from 'react-hook-form';
import { submitToAction } from '@/components/submit-to-action';
import { updateProfileAction } from '@/app/admin/comptes/actions';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { MessageKey } from '@/lib/i18n/messages';
import { ADMIN_LIMITS, profileSchema, type AdminFormState, type ProfileInput, type ProfileValues } from '@/lib/schemas/admin';

/** An account's email address and name, as customer service corrects them. */
export function ProfileForm({ accountId, email, name }: { accountId: string; email: string; name: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState<AdminFormState<'email' | 'name'>, FormData>(updateProfileAction, {});
  const values = { email: state.values?.email ?? email, name: state.values?.name ?? name };
  const form = useForm<ProfileInput, unknown, ProfileValues>({ resolver: zodResolver(profileSchema), defaultValues: values });

  const submit = submitToAction(formAction);
  const errorOf = (field: 'email' | 'name') => {
    const key = (form.formState.errors[field]?.message as MessageKey | undefined) ?? state.errors?.[field];
    return key ? t(key) : undefined;
  };

  return (
    <form action={formAction} onSubmit={form.handleSubmit(submit)} noValidate className="form">
      <input type="hidden" name="accountId" value={accountId} />
      <Field id="profile-email" type="email" label={t('admin.form.email')} autoComplete="off" maxLength={ADMIN_LIMITS.email} required defaultValue={values.email} error={errorOf('email')} {...form.register('email')} />
      <Field id="profile-name" label={t('admin.form.name')} autoComplete="off" maxLength={ADMIN_LIMITS.name} defaultValue={values.name} error={errorOf('name')} {...form.register('name')} />
      <div>
        <Button type="submit" disabled={pending}>
          {t('admin.account.save')}
        </Button>
      </div>
    </form>
  );
}
