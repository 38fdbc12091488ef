'use client';

import { useEffect, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { Field } from '@/components/ui/field';
import { messageKeyOf } from '@/components/use-action-form';
import { useHydrated } from '@/components/use-hydrated';
import type { MessageKey } from '@/lib/i18n/messages';
import { MAX_PASSWORD_LENGTH } from '@/lib/passwords/length';
import type { PasswordContext } from '@/lib/passwords/new-password-schema';

type Props = {
  idPrefix: string;
  labels: { password: MessageKey; confirmation: MessageKey };
  context: PasswordContext;
  serverErrors?: Partial<Record<'password' | 'confirmation', MessageKey>>;
  /** The field comes filled with a strong password the person may keep as it is. */
  generated?: string;
};

const STRENGTH: MessageKey[] = ['reset.strength0', 'reset.strength1', 'reset.strength2', 'reset.strength3', 'reset.strength4'];

/**
 * New password and confirmation, with the tools that need scripts (show/hide, copy, another
 * suggestion, a strength meter). Without scripts the two fields still work on their own. They
 * belong to the react-hook-form of the form around them (FormProvider), which may hold more fields.
 */
export function NewPasswordFields({ idPrefix, labels, context, serverErrors, generated }: Props) {
  const t = useT();
  const form = useFormContext<{ password: string; confirmation: string }>();
  const hydrated = useHydrated();
  const [visible, setVisible] = useState(Boolean(generated));
  const [copied, setCopied] = useState(false);
  const [strength, setStrength] = useState<number | null>(null);
  const password = form.watch('password');

  useEffect(() => {
    if (!password) return;
    let cancelled = false;
    // The dictionaries are large: they load only once someone is choosing a password.
    const timer = setTimeout(async () => {
      const { passwordStrength } = await import('@/lib/passwords/strength');
      const score = await passwordStrength(password, [context.identifier, context.email, context.name].filter((v): v is string => Boolean(v)));
      if (!cancelled) setStrength(score);
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [password, context.identifier, context.email, context.name]);

  const errorOf = (name: 'password' | 'confirmation') => {
    const key = messageKeyOf(form.formState.errors[name]) ?? serverErrors?.[name];
    // passwordMessageValues of lib/passwords/new-password-schema.ts, whose import would bring zod
    // into the page's first scripts (the schema itself loads at the first submit).
    return key ? t(key, { min: context.minLength, max: MAX_PASSWORD_LENGTH }) : undefined;
  };

  const suggestAnother = async () => {
    // The same generator and policy as the server's (the blocklist loads with it, once): a
    // suggestion is as long as PASSWORD_MIN_LENGTH asks and never one the server would refuse.
    const { generatePassword } = await import('@/lib/passwords/generate');
    const next = generatePassword(context);
    form.setValue('password', next, { shouldValidate: true });
    form.setValue('confirmation', next, { shouldValidate: true });
    setVisible(true);
    setCopied(false);
  };

  const copy = async () => {
    await navigator.clipboard.writeText(form.getValues('password'));
    setCopied(true);
  };

  // What both fields share: shown or hidden together, and filled with the same suggestion.
  const newPassword = {
    type: visible ? 'text' : 'password',
    autoComplete: 'new-password',
    autoCapitalize: 'none',
    spellCheck: false,
    maxLength: MAX_PASSWORD_LENGTH * 2,
    required: true,
    defaultValue: generated,
  };

  const passwordField = form.register('password', {
    onChange: () => {
      setCopied(false);
      // A confirmation still holding the suggestion no longer confirms anything.
      if (generated && form.getValues('confirmation') === generated) form.setValue('confirmation', '');
    },
  });

  return (
    <>
      {generated && <p className="field__hint">{t('reset.generatedInfo', { min: context.minLength })}</p>}
      <Field
        id={`${idPrefix}-password`}
        label={t(labels.password)}
        hint={generated ? undefined : t('reset.passwordHint', { min: context.minLength })}
        {...newPassword}
        error={errorOf('password')}
        className="field--password"
        addon={
          hydrated && (
            <button type="button" className="field__addon" aria-pressed={visible} onClick={() => setVisible((v) => !v)}>
              {visible ? t('reset.hide') : t('signIn.show')}
            </button>
          )
        }
        {...passwordField}
      />
      {hydrated && (
        <div className="password-tools">
          {password && (
            <button type="button" className="button button--secondary button--small" onClick={copy}>
              {t('reset.copy')}
            </button>
          )}
          <button type="button" className="button button--secondary button--small" onClick={suggestAnother}>
            {password ? t('reset.regenerate') : t('reset.suggest')}
          </button>
          <span className="password-tools__status" role="status">
            {copied ? t('reset.copied') : ''}
          </span>
        </div>
      )}
      {/* A refusal says more than a meter: "moyenne" next to "trop courant" would only confuse. */}
      {hydrated && password && strength !== null && !errorOf('password') && (
        <div className="strength" data-level={strength}>
          <div className="strength__bar" aria-hidden="true">
            <span style={{ width: `${(strength + 1) * 20}%` }} />
          </div>
          <p className="strength__label" aria-live="polite">
            {t('reset.strength', { level: t(STRENGTH[strength]) })}
          </p>
        </div>
      )}
      <Field
        id={`${idPrefix}-confirmation`}
        label={t(labels.confirmation)}
        {...newPassword}
        error={errorOf('confirmation')}
        {...form.register('confirmation')}
      />
    </>
  );
}
