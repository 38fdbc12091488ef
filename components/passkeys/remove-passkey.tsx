'use client';

import { useActionState } from 'react';
import { useT } from '@/components/i18n-provider';
import { ConfirmIdentityField } from '@/components/second-factor/confirm-identity-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { FormAction } from '@/lib/forms/state';
import type { ConfirmField } from '@/lib/second-factor/confirm-identity-schema';

/** "Retirer", behind the password or a code again; works without scripts. */
export function RemovePasskey({ id, name, action }: { id: string; name: string; action: FormAction<ConfirmField> }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  const field = `remove-${id.slice(0, 16)}`;
  return (
    <details className="second-factor__more" open={state.message ? true : undefined}>
      <summary>{t('passkeys.removeTitle', { name })}</summary>
      <form action={formAction} className="form" noValidate aria-describedby={state.message ? `${field}-message` : undefined}>
        {state.message && (
          <Alert tone="error" id={`${field}-message`}>
            <p>{t(state.message.key, state.message.values)}</p>
          </Alert>
        )}
        <input type="hidden" name="id" value={id} />
        <ConfirmIdentityField id={field} />
        <Button type="submit" variant="secondary" className="button--danger" disabled={pending} aria-disabled={pending}>
          {t('passkeys.remove')}
        </Button>
      </form>
    </details>
  );
}
