'use client';

import { useT } from '@/components/i18n-provider';
import { Field } from '@/components/ui/field';

/**
 * "Mot de passe actuel ou code de l'application": asked again before a factor is added, renewed or
 * removed (lib/second-factor/confirm-identity.ts reads it as `confirm`).
 */
export function ConfirmIdentityField({ id }: { id: string }) {
  const t = useT();
  return (
    <Field
      id={id}
      name="confirm"
      type="password"
      label={t('secondFactor.space.confirmLabel')}
      hint={t('secondFactor.space.confirmHint')}
      autoComplete="current-password"
      required
    />
  );
}
