'use client';

import { updateProfileAction } from '@/app/admin/comptes/actions';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { ADMIN_LIMITS, profileSchema } from '@/lib/accounts/schema';

/** An account's email address and name, as customer service corrects them. */
export function ProfileForm({ accountId, email, name }: { accountId: string; email: string; name: string }) {
  const { t, formAction, pending, field, onSubmit } = useActionForm({
    action: updateProfileAction,
    schema: profileSchema,
    defaults: ({ values = {} }) => ({ email: String(values.email ?? email), name: String(values.name ?? name) }),
  });

  return (
    <form action={formAction} onSubmit={onSubmit()} noValidate className="form">
      <input type="hidden" name="accountId" value={accountId} />
      <Field id="profile-email" type="email" label={t('admin.form.email')} autoComplete="off" maxLength={ADMIN_LIMITS.email} required {...field('email')} />
      <Field id="profile-name" label={t('admin.form.name')} autoComplete="off" maxLength={ADMIN_LIMITS.name} {...field('name')} />
      <div>
        <Button type="submit" disabled={pending}>
          {t('admin.account.save')}
        </Button>
      </div>
    </form>
  );
}
