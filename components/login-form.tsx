'use client';

import Link from 'next/link';
import { useCallback } from 'react';
import { IdentifierField } from '@/components/identifier-field';
import { PasswordInput } from '@/components/password-input';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { useActionForm } from '@/components/use-action-form';
import type { FormAction } from '@/lib/forms/state';
import type { SignInField } from '@/lib/sign-in/schema';
import type { IdentifierKind } from '@/lib/identifiers/parse';
import { identifierText } from '@/lib/identifiers/wording';
import { MAX_PASSWORD_INPUT } from '@/lib/passwords/length';

type LoginFormProps = {
  /** app/connexion/actions.ts's signInAction, handed down by the page. */
  action: FormAction<SignInField>;
  kinds: IdentifierKind[];
  defaultIdentifier?: string;
  defaultRemember?: boolean;
  callbackUrl?: string;
  /** The home page's side panel has a shorter button label. */
  variant: 'page' | 'panel';
};

/**
 * The sign-in form, on /connexion and in the home page's panel. Like every form here, errors
 * appear at the first submit, then follow the typing: checking on blur would insert an error under
 * the field just left and move the button away from the pointer in the middle of the click.
 */
export function LoginForm({ action, kinds, defaultIdentifier, defaultRemember, callbackUrl, variant }: LoginFormProps) {
  // Loaded at the first focus or submit: zod is not part of the sign-in pages' first scripts.
  const schema = useCallback(async () => (await import('@/lib/sign-in/schema')).signInSchema(kinds), [kinds]);
  const { t, state, formAction, pending, form, field, onSubmit } = useActionForm({
    action,
    schema,
    initial: { values: { identifier: defaultIdentifier ?? '', remember: Boolean(defaultRemember) } },
    defaults: ({ values }) => ({ identifier: String(values?.identifier ?? ''), password: '', remember: values?.remember === true }),
  });
  const typed = form.formState.defaultValues;
  const id = (name: string) => `${variant}-${name}`;

  return (
    <form
      action={formAction}
      // The password is cleared as it leaves: a refused one is never shown again, and nothing can
      // race with what the person types next.
      onSubmit={onSubmit(() => form.setValue('password', ''))}
      noValidate
      className="form"
      aria-describedby={state.message ? id('message') : undefined}
    >
      {state.message && (
        <Alert tone="error" id={id('message')}>
          <p>{t(state.message.key, state.message.values)}</p>
          {state.message.key === 'signIn.failed' && <p className="alert__more">{t(identifierText('sharedEmailHelp', kinds))}</p>}
        </Alert>
      )}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <IdentifierField
        id={id('identifier')}
        label={t('signIn.identifier')}
        hint={t(identifierText('signInHint', kinds))}
        accepts="account"
        // "webauthn": the browser may offer passkeys among the field's suggestions (components/passkeys).
        autoComplete="username webauthn"
        required
        {...field('identifier')}
      />
      <PasswordInput
        id={id('password')}
        label={t('signIn.password')}
        autoComplete="current-password"
        maxLength={MAX_PASSWORD_INPUT}
        required
        {...field('password')}
      />
      <Checkbox id={id('remember')} label={t('signIn.remember')} defaultChecked={typed?.remember} {...form.register('remember')} />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? t('signIn.pending') : variant === 'panel' ? t('signIn.submitShort') : t('signIn.submit')}
      </Button>
      <p className="form__links">
        <Link href="/mot-de-passe-oublie">{t('signIn.forgot')}</Link>
      </p>
    </form>
  );
}
