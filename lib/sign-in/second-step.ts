import 'server-only';
import { revalidatePath } from 'next/cache';
import { completeSecondFactor } from '@/lib/sessions/sessions';

/**
 * The second step of a sign-in is done (a code, a passkey, or an admin's enrolment), from a server
 * action. The session changed in the database while no cookie changed, so Next would keep the
 * layouts it drew before: the header would say "Connexion" until a reload. They are drawn again.
 */
export async function finishSecondStep(sessionId: string): Promise<void> {
  await completeSecondFactor(sessionId);
  revalidatePath('/', 'layout');
}

/** Where a session waiting for its second factor goes next, then back to `returnTo`. */
export function secondFactorPath(state: 'pending' | 'enrol', returnTo: string): string {
  const page = state === 'pending' ? '/connexion/code' : '/espace/double-authentification';
  return `${page}?callbackUrl=${encodeURIComponent(returnTo)}`;
}
