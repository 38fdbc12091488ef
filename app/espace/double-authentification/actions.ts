'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { audit } from '@/lib/audit';
import { requireUser, secondFactorPath, sessionUser } from '@/lib/auth/guards';
import { finishSecondStep } from '@/lib/auth/second-step';
import { single } from '@/lib/forms/form-data';
import { requestInfo } from '@/lib/http/request-info';
import { confirmIdentity } from '@/lib/second-factor/confirm-identity';
import { confirmTotp, removeTotp, replaceRecoveryCodes } from '@/lib/second-factor/factors';
import { MAX_CODE_INPUT, refusalMessage, type CodeFormState } from '@/lib/second-factor/form-state';

const ENROL_PATH = '/espace/double-authentification';

/** Confirms an enrolment with a first code; staff waiting for it are signed in fully. */
export async function confirmEnrolmentAction(_previous: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const user = await sessionUser();
  if (!user) return { message: { key: 'secondFactor.errors.expired', href: '/connexion' } };
  if (user.secondFactor === 'pending') redirect(secondFactorPath('pending', ENROL_PATH));
  const code = (single(formData, 'code') ?? '').trim();
  if (code === '') return { message: { key: 'secondFactor.errors.required' } };
  if (code.length > MAX_CODE_INPUT) return { message: { key: 'secondFactor.errors.wrong' } };
  const result = await confirmTotp(user, code, requestInfo(await headers()));
  if (!result.ok) return { message: result.reason === 'none' ? { key: 'secondFactor.errors.none' } : refusalMessage(result) };
  if (user.secondFactor === 'enrol') await finishSecondStep(user.sessionId);
  return { done: true, recoveryCodes: result.recoveryCodes };
}

/** "Désactiver", after the password or a code again. Refused for staff's last factor. */
export async function disableTotpAction(_previous: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const user = await requireUser('/espace');
  const request = requestInfo(await headers());
  const confirmed = await confirmIdentity(user, (single(formData, 'confirm') ?? '').slice(0, 4096), request);
  if (!confirmed.ok) return { message: confirmed.message };
  const removed = await removeTotp(user, request);
  if (!removed.ok && removed.reason === 'lastFactor') return { message: { key: 'secondFactor.space.lastFactor' } };
  redirect('/espace?facteur=retire');
}

/** Ten new recovery codes, after the password or a code again. */
export async function renewRecoveryCodesAction(_previous: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const user = await requireUser('/espace');
  const request = requestInfo(await headers());
  const confirmed = await confirmIdentity(user, (single(formData, 'confirm') ?? '').slice(0, 4096), request);
  if (!confirmed.ok) return { message: confirmed.message };
  const codes = await replaceRecoveryCodes(user.id);
  await audit({ type: 'recovery_codes_renewed', accountId: user.id, identifier: user.identifier, request });
  return { done: true, recoveryCodes: codes };
}
