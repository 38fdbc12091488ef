'use client';

import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { useHydrated } from '@/components/use-hydrated';
import { ConfirmIdentityField } from '@/components/second-factor/confirm-identity-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { FormAction, FormMessage, FormState } from '@/lib/forms/state';
import { MAX_PASSKEY_NAME } from '@/lib/passkeys/limits';
import type { ConfirmField } from '@/lib/second-factor/confirm-identity-schema';

type Options = Parameters<typeof startRegistration>[0]['optionsJSON'];

/** The two halves of an addition (app/espace/passkey-actions.ts), handed down by the page. */
export type AddPasskeyActions = {
  /** The password or a code again, then the browser's options. */
  begin: FormAction<ConfirmField, { options: Options }>;
  /** The new credential and its name. */
  finish: (name: string, response: string) => Promise<FormState>;
};

/**
 * Adding a passkey needs the browser's WebAuthn, so scripts: without them the form says so instead
 * of offering a button that cannot work.
 */
export function AddPasskey({ actions }: { actions: AddPasskeyActions }) {
  const t = useT();
  const router = useRouter();
  const hydrated = useHydrated();
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [added, setAdded] = useState(false);
  const [pending, startTransition] = useTransition();

  if (!hydrated) return <p className="muted">{t('passkeys.needsScript')}</p>;
  if (!browserSupportsWebAuthn()) return <p className="muted">{t('passkeys.unsupported')}</p>;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      setMessage(null);
      setAdded(false);
      // Called directly rather than through useActionState: there is no answer before this one.
      const begun = await actions.begin({}, data);
      if (!begun.extra) return setMessage(begun.message ?? null);
      let response;
      try {
        response = await startRegistration({ optionsJSON: begun.extra.options });
      } catch {
        return setMessage({ key: 'passkeys.errors.cancelled' });
      }
      const finished = await actions.finish(String(data.get('name') ?? ''), JSON.stringify(response));
      if (finished.message) return setMessage(finished.message);
      form.reset();
      setAdded(true);
      router.refresh();
    });
  };

  return (
    <form onSubmit={onSubmit} className="form" noValidate aria-describedby={message ? 'add-passkey-message' : undefined}>
      {message && (
        <Alert tone="error" id="add-passkey-message">
          <p>{t(message.key, message.values)}</p>
        </Alert>
      )}
      {added && (
        <Alert tone="success">
          <p>{t('passkeys.added')}</p>
        </Alert>
      )}
      <Field id="passkey-name" name="name" label={t('passkeys.nameLabel')} hint={t('passkeys.nameHint')} maxLength={MAX_PASSKEY_NAME} autoComplete="off" />
      <ConfirmIdentityField id="passkey-confirm" />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {t('passkeys.add')}
      </Button>
    </form>
  );
}
