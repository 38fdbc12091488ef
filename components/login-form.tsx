'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useActionState, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { submitToAction } from '@/components/submit-to-action';
import { signInAction } from '@/app/connexion/actions';
import { useT } from '@/components/i18n-provider';
import { PasswordInput } from '@/components/password-input';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import type { IdentifierKind } from '@/lib/identifiers';
import type { MessageKey } from '@/lib/i18n/messages';
import { signInSchema, type SignInState, type SignInValues } from '@/lib/schemas/sign-in';

type LoginFormProps = {
  kinds: IdentifierKind[];
  defaultIdentifier?: string;
  defaultRemember?: boolean;
  callbackUrl?: string;
  /** The home page's side panel uses the shorter wording of seed 000. */
  variant: 'page' | 'panel';
};

/**
 * Posts to a server action, so it works without JavaScript; when scripts run, react-hook-form
 * checks the same zod schema as the server before anything is sent. Like every form here it uses
 * react-hook-form's defaults: errors appear at the first submit, then follow the typing. Checking
 * on blur would insert an error under the field just left and move the button away from the
 * pointer in the middle of the click.
 */
export function LoginForm({ kinds, defaultIdentifier, defaultRemember, callbackUrl, variant }: LoginFormProps) {
  const t = useT();
  const initial: SignInState = { identifier: defaultIdentifier ?? '', remember: Boolean(defaultRemember) };
  const [state, formAction, pending] = useActionState(signInAction, initial);
  const schema = useMemo(() => signInSchema(kinds), [kinds]);
  const form = useForm<SignInValues>({
    resolver: zodResolver(schema),
    defaultValues: { identifier: state.identifier ?? '', password: '', remember: state.remember ?? false },
  });

  // The password is cleared as it leaves: a refused one is never shown again, and nothing can
  // race with what the person types next.
  const submit = submitToAction(formAction, () => form.setValue('password', ''));

  const id = (name: string) => `${variant}-${name}`;
  const errorOf = (name: 'identifier' | 'password') => {
    const key = (form.formState.errors[name]?.message as MessageKey | undefined) ?? state.errors?.[name];
    return key ? t(key) : undefined;
  };

  return (
    <form
      action={formAction}
      onSubmit={form.handleSubmit(submit)}
      noValidate
      className="form"
      aria-describedby={state.message ? id('message') : undefined}
    >
      {state.message && (
        <Alert tone="error" id={id('message')}>
          <p>{t(state.message.key, state.message.values)}</p>
          {state.message.key === 'signIn.failed' && <p className="alert__more">{t('signIn.sharedEmailHelp')}</p>}
        </Alert>
      )}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Field
        id={id('identifier')}
        label={t('signIn.identifier')}
        hint={t('signIn.identifierHint')}
        autoComplete="username"
        inputMode="text"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={320}
        required
        defaultValue={state.identifier}
        error={errorOf('identifier')}
        {...form.register('identifier')}
      />
      <PasswordInput
        id={id('password')}
        label={t('signIn.password')}
        autoComplete="current-password"
        maxLength={1024}
        required
        error={errorOf('password')}
        {...form.register('password')}
      />
      <Checkbox id={id('remember')} label={t('signIn.remember')} defaultChecked={state.remember} {...form.register('remember')} />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? t('signIn.pending') : variant === 'panel' ? t('signIn.submitShort') : t('signIn.submit')}
      </Button>
      <p className="form__links">
        <Link href="/mot-de-passe-oublie">{t('signIn.forgot')}</Link>
      </p>
    </form>
  );
}
