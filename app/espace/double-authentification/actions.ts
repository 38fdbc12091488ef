'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { audit } from '@/lib/audit';
import { requireUser, secondStepSession } from '@/lib/auth/guards';
import { validatedAction } from '@/lib/forms/action';
import { single } from '@/lib/forms/form-data';
import type { FormState } from '@/lib/forms/state';
import { requestInfo } from '@/lib/http/request-info';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { codeForm, type CodeField } from '@/lib/second-factor/code-schema';
import { confirmIdentity } from '@/lib/second-factor/confirm-identity';
import { confirmIdentityForm, type ConfirmField } from '@/lib/second-factor/confirm-identity-schema';
import { confirmEnrolment, startEnrolment } from '@/lib/second-factor/enrolment';
import { clearEnrolmentCookie, enrolmentCookie, setEnrolmentCookie } from '@/lib/second-factor/enrolment-cookie';
import { removeTotp, replaceRecoveryCodes } from '@/lib/second-factor/factors';
import { refusalMessage, type RecoveryCodesShown } from '@/lib/second-factor/form-state';
import { finishSecondStep, secondFactorPath } from '@/lib/sign-in/second-step';

const ENROL_PATH = '/espace/double-authentification';
// A session that still owes its sign-in's code gives it first, then comes back here.
const enrolling = () => secondStepSession('enrolment', secondFactorPath('pending', ENROL_PATH));

/**
 * "Afficher le QR code": the password again (not for staff finishing their sign-in), then a new
 * secret for this browser's session only (lib/second-factor/enrolment.ts), and back to the page,
 * which shows it.
 */
export const startEnrolmentAction = validatedAction(
  { guard: enrolling, ...confirmIdentityForm },
  async ({ confirm }, user, formData): Promise<FormState<ConfirmField>> => {
    const started = await startEnrolment(user, confirm, requestInfo(await headers()));
    if (!started.ok) return { message: started.message };
    await setEnrolmentCookie(started.enrolment);
    const callbackUrl = single(formData, 'callbackUrl');
    redirect(callbackUrl ? `${ENROL_PATH}?callbackUrl=${encodeURIComponent(safeRedirectPath(callbackUrl))}` : ENROL_PATH);
  },
);

/** Confirms this session's enrolment with a first code; staff waiting for it are signed in fully. */
export const confirmEnrolmentAction = validatedAction(
  { guard: enrolling, ...codeForm },
  async ({ code }, user): Promise<FormState<CodeField, RecoveryCodesShown>> => {
    const result = await confirmEnrolment(user, await enrolmentCookie(), code, requestInfo(await headers()));
    if (!result.ok) return { message: result.reason === 'none' ? { key: 'secondFactor.errors.none' } : refusalMessage(result) };
    await clearEnrolmentCookie();
    if (user.secondFactor === 'enrol') await finishSecondStep(user.sessionId);
    return { done: true, extra: { recoveryCodes: result.recoveryCodes } };
  },
);

/** The password or a code again (lib/second-factor/confirm-identity.ts), from a signed-in account. */
const confirmingIdentity = { guard: () => requireUser('/espace'), ...confirmIdentityForm };

/** "Désactiver", after the password or a code again. Refused for staff's last factor. */
export const disableTotpAction = validatedAction(confirmingIdentity, async ({ confirm }, user): Promise<FormState<ConfirmField, RecoveryCodesShown>> => {
  const request = requestInfo(await headers());
  const confirmed = await confirmIdentity(user, confirm, request);
  if (!confirmed.ok) return { message: confirmed.message };
  const removed = await removeTotp(user, request);
  if (!removed.ok && removed.reason === 'lastFactor') return { message: { key: 'secondFactor.space.lastFactor' } };
  redirect('/espace?facteur=retire');
});

/** Ten new recovery codes, after the password or a code again. */
export const renewRecoveryCodesAction = validatedAction(confirmingIdentity, async ({ confirm }, user): Promise<FormState<ConfirmField, RecoveryCodesShown>> => {
  const request = requestInfo(await headers());
  const confirmed = await confirmIdentity(user, confirm, request);
  if (!confirmed.ok) return { message: confirmed.message };
  const codes = await replaceRecoveryCodes(user.id);
  await audit({ type: 'recovery_codes_renewed', accountId: user.id, identifier: user.identifier, request });
  return { done: true, extra: { recoveryCodes: codes } };
});
