'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/guards';
import { validatedAction } from '@/lib/forms/action';
import { single } from '@/lib/forms/form-data';
import type { FormState } from '@/lib/forms/state';
import { requestInfo } from '@/lib/http/request-info';
import { challengeCookie, setChallengeCookie } from '@/lib/passkeys/challenge-cookie';
import { MAX_PASSKEY_NAME } from '@/lib/passkeys/limits';
import { finishRegistration, registrationOptions, removePasskey, renamePasskey } from '@/lib/passkeys/passkeys';
import { confirmIdentity } from '@/lib/second-factor/confirm-identity';
import { confirmIdentityForm, type ConfirmField } from '@/lib/second-factor/confirm-identity-schema';

type Options = Awaited<ReturnType<typeof registrationOptions>>['options'];

/** The password or a code again (lib/second-factor/confirm-identity.ts), from a signed-in account. */
const confirmingIdentity = { guard: () => requireUser('/espace'), ...confirmIdentityForm };

/**
 * "Ajouter une clé d'accès", first half: the password or a code again, then the browser's options.
 * Called from components/passkeys/add-passkey.tsx (WebAuthn needs scripts) with the form's data.
 */
export const beginPasskeyRegistrationAction = validatedAction(
  confirmingIdentity,
  async ({ confirm }, user): Promise<FormState<ConfirmField, { options: Options }>> => {
    const confirmed = await confirmIdentity(user, confirm, requestInfo(await headers()));
    if (!confirmed.ok) return { message: confirmed.message };
    const { options, token } = await registrationOptions(user, await challengeCookie());
    await setChallengeCookie(token);
    return { extra: { options } };
  },
);

/** Second half: the new credential, checked against this browser's challenge, kept under its name. */
export async function finishPasskeyRegistrationAction(name: string, response: string): Promise<FormState> {
  const user = await requireUser('/espace');
  const result = await finishRegistration(user, String(name).slice(0, MAX_PASSKEY_NAME), response, await challengeCookie(), requestInfo(await headers()));
  return result.ok ? { done: true } : { message: { key: `passkeys.errors.${result.reason}` } };
}

export async function renamePasskeyAction(formData: FormData): Promise<void> {
  const user = await requireUser('/espace');
  const done = await renamePasskey(user, single(formData, 'id') ?? '', single(formData, 'name') ?? '', requestInfo(await headers()));
  redirect(`/espace?cle=${done ? 'renommee' : 'erreur'}#passkeys-title`);
}

/** Removing a passkey asks the password or a code again; staff keep at least one factor. */
export const removePasskeyAction = validatedAction(confirmingIdentity, async ({ confirm }, user, formData): Promise<FormState<ConfirmField>> => {
  const request = requestInfo(await headers());
  const confirmed = await confirmIdentity(user, confirm, request);
  if (!confirmed.ok) return { message: confirmed.message };
  const removed = await removePasskey(user, single(formData, 'id') ?? '', request);
  if (!removed.ok) return { message: { key: removed.reason === 'lastFactor' ? 'secondFactor.space.lastFactor' : 'passkeys.errors.unknown' } };
  redirect('/espace?cle=retiree#passkeys-title');
});
