'use client';

import type { startAuthentication } from '@simplewebauthn/browser';
import { useEffect, useRef, useState, useTransition } from 'react';
import { useT } from '@/components/i18n-provider';
import { useHydrated } from '@/components/use-hydrated';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { FormMessage, FormState } from '@/lib/forms/state';

type Options = Parameters<typeof startAuthentication>[0]['optionsJSON'];

/** Server actions of app/connexion/passkey-actions.ts, handed down by the page. */
type Finish = (response: string, callbackUrl: string) => Promise<FormState>;
type GetOptions = () => Promise<Options | FormState>;

type Props = {
  callbackUrl?: string;
  /** Offer passkeys in the identifier field's suggestions too (conditional mediation). */
  autofill?: boolean;
  id: string;
  /** Checks the browser's answer, then signs in or completes the second step. */
  finish: Finish;
} & (
  /** Any passkey, on /connexion and the home page's panel: the options come from a GET. */
  | { mode: 'sign-in'; options?: never }
  /** The account's own, after its password: the options come from a server action. */
  | { mode: 'second-factor'; options: GetOptions }
);

/** Sign-in options come from a GET (app/connexion/cle-d-acces/route.ts), so opening the page posts nothing. */
async function signInOptions(): Promise<Options | FormState> {
  try {
    const response = await fetch('/connexion/cle-d-acces', { cache: 'no-store', credentials: 'same-origin' });
    return (await response.json()) as Options | FormState;
  } catch {
    return { message: { key: 'signIn.unavailable' } };
  }
}

/**
 * SimpleWebAuthn loads when a ceremony starts (the button, or the autofill request where the
 * browser offers it), not with the page: /connexion's first scripts stay light.
 */
const webAuthn = () => import('@simplewebauthn/browser');

/** WebAuthn refuses IP addresses as relying parties: there, the button would only ever fail. */
const webAuthnUsable = () => typeof window.PublicKeyCredential === 'function' && !/^[\d.]+$|:/.test(window.location.hostname);

/** Passkeys among the identifier field's suggestions (SimpleWebAuthn's browserSupportsWebAuthnAutofill, without loading it). */
async function autofillAvailable(): Promise<boolean> {
  const check = (window.PublicKeyCredential as { isConditionalMediationAvailable?: () => Promise<boolean> }).isConditionalMediationAvailable;
  return typeof check === 'function' && (await check.call(window.PublicKeyCredential).catch(() => false));
}

/** A refusal rather than options: the GET and the server action both answer one in the forms' shape. */
const isAnswer = (value: object): value is FormState => 'message' in value;

/**
 * "Se connecter avec une clé d'accès". Shown only once scripts run in a browser that has WebAuthn:
 * without them the password form is the whole page, as before. The autofill request is started
 * once per page: after a refusal or an abort it is not started again (the button is there), so a
 * refused passkey cannot bring the browser's prompt back in a loop; and a pending autofill request
 * is aborted before the button's own request starts, or never started once the button was used
 * (each has its own challenge: the server keeps both).
 */
export function PasskeySignIn({ mode, options: optionsAction, finish: finishAction, callbackUrl = '/espace', autofill = false, id }: Props) {
  const t = useT();
  const hydrated = useHydrated();
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [pending, startTransition] = useTransition();
  const autofillStarted = useRef(false);
  const buttonUsed = useRef(false);
  // Kept from the first render: the page sent again (new references to the same actions) must not
  // cut off the autofill request, which starts once per page.
  const [{ getOptions, finish }] = useState(() => ({ getOptions: optionsAction ?? signInOptions, finish: finishAction }));

  useEffect(() => {
    if (!autofill || autofillStarted.current) return;
    autofillStarted.current = true;
    let active = true;
    (async () => {
      if (!webAuthnUsable() || !(await autofillAvailable())) return;
      const [options, { startAuthentication }] = await Promise.all([getOptions(), webAuthn()]);
      // Starting now would abort the button's request: the person chose the button.
      if (!active || isAnswer(options) || buttonUsed.current) return;
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options, useBrowserAutofill: true });
      } catch {
        // Aborted for the button's request, or nothing chosen: stay quiet, never start again.
        return;
      }
      const answer = await finish(JSON.stringify(response), callbackUrl);
      if (active && answer) setMessage(answer.message ?? null);
    })();
    return () => {
      active = false;
    };
  }, [autofill, getOptions, finish, callbackUrl]);

  if (!hydrated || !webAuthnUsable()) return null;

  const onClick = () =>
    startTransition(async () => {
      setMessage(null);
      buttonUsed.current = true;
      let library;
      try {
        library = await webAuthn();
      } catch {
        return setMessage({ key: 'signIn.unavailable' });
      }
      const { startAuthentication, WebAuthnAbortService } = library;
      // The autofill request would otherwise hold the authenticator.
      WebAuthnAbortService.cancelCeremony();
      const options = await getOptions();
      if (isAnswer(options)) return setMessage(options.message ?? null);
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options });
      } catch {
        return setMessage({ key: 'passkeys.errors.cancelled' });
      }
      const answer = await finish(JSON.stringify(response), callbackUrl);
      if (answer) setMessage(answer.message ?? null);
    });

  return (
    <div className="passkey-sign-in">
      {message && (
        <Alert tone="error" id={`${id}-message`}>
          <p>{t(message.key, message.values)}</p>
        </Alert>
      )}
      <Button type="button" variant="secondary" onClick={onClick} disabled={pending} aria-disabled={pending}>
        {mode === 'sign-in' ? t('passkeys.signIn') : t('secondFactor.code.withPasskey')}
      </Button>
    </div>
  );
}
