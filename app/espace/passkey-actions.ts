'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/guards';
import { single } from '@/lib/forms/form-data';
import type { FormMessage } from '@/lib/forms/state';
import { requestInfo } from '@/lib/http/request-info';
import { challengeCookie, setChallengeCookie } from '@/lib/passkeys/challenge-cookie';
import { MAX_PASSKEY_NAME } from '@/lib/passkeys/limits';
import { finishRegistration, registrationOptions, removePasskey, renamePasskey } from '@/lib/passkeys/passkeys';
import { confirmIdentity } from '@/lib/second-factor/confirm-identity';

type Options = Awaited<ReturnType<typeof registrationOptions>>['options'];
export type PasskeyFormState = { message?: FormMessage; done?: boolean };

const confirmValue = (formData: FormData) => (single(formData, 'confirm') ?? '').slice(0, 4096);

/** "Ajouter une clé d'accès", first half: the password or a code again, then the browser's options. */
export async function beginPasskeyRegistrationAction(formData: FormData): Promise<{ options: Options } | { message: FormMessage }> {
  const user = await requireUser('/espace');
  const confirmed = await confirmIdentity(user, confirmValue(formData), requestInfo(await headers()));
  if (!confirmed.ok) return { message: confirmed.message };
  const { options, token } = await registrationOptions(user, await challengeCookie());
  await setChallengeCookie(token);
  return { options };
}

/** Second half: the new credential, checked against this browser's challenge, kept under its name. */
export async function finishPasskeyRegistrationAction(name: string, response: string): Promise<PasskeyFormState> {
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
export async function removePasskeyAction(_previous: PasskeyFormState, formData: FormData): Promise<PasskeyFormState> {
  const user = await requireUser('/espace');
  const request = requestInfo(await headers());
  const confirmed = await confirmIdentity(user, confirmValue(formData), request);
  if (!confirmed.ok) return { message: confirmed.message };
  const removed = await removePasskey(user, single(formData, 'id') ?? '', request);
  if (!removed.ok) return { message: { key: removed.reason === 'lastFactor' ? 'secondFactor.space.lastFactor' : 'passkeys.errors.unknown' } };
  redirect('/espace?cle=retiree#passkeys-title');
}
