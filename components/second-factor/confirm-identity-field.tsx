'use client';

import { useT } from '@/components/i18n-provider';
import { Field } from '@/components/ui/field';

/**
 * "Mot de passe actuel ou code de l'application": asked again before a factor is added, renewed or
 * removed (lib/second-factor/confirm-identity.ts reads it as `confirm`). `label` and `hint` say
 * more where the generic words would mislead: no app yet at an enrolment, staff's own password
 * when removing someone else's app.
 */
export function ConfirmIdentityField({ id, label, hint }: { id: string; label?: string; hint?: string }) {
  const t = useT();
  return (
    <Field
      id={id}
      name="confirm"
      type="password"
      label={label ?? t('secondFactor.space.confirmLabel')}
      hint={hint ?? t('secondFactor.space.confirmHint')}
      autoComplete="current-password"
      required
    />
  );
}
