import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { Refused } from '@/lib/forms/action';
import type { FormMessage } from '@/lib/forms/state';
import type { SessionUser } from '@/lib/sessions/sessions';
import { secondFactorPath } from '@/lib/sign-in/second-step';

/**
 * The session of this request whatever its state, or null. A session still waiting for its
 * second factor is one: only the pages that complete it (and sign-out) use this.
 */
export async function sessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  return session?.user?.sessionId ? session.user : null;
}

/** The signed-in account, or null. A session waiting for its second factor is not signed in. */
export async function currentUser(): Promise<SessionUser | null> {
  const user = await sessionUser();
  return user && !user.secondFactor ? user : null;
}

/**
 * The signed-in account; sends everyone else to the sign-in page, then back to `returnTo`, and a
 * session still waiting for its second factor (or staff's enrolment) to the page that completes it.
 */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await sessionUser();
  if (!user) redirect(`/connexion?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (user.secondFactor) redirect(secondFactorPath(user.secondFactor, returnTo));
  return user;
}

/**
 * The signed-in admin. Signed-out people go to the sign-in page and come back; anyone else signed
 * in gets the ordinary "page not found", so the admin pages do not reveal that they exist.
 * Called by every admin page and again by every admin server action: an action is a public
 * endpoint of its own, reachable without the page.
 */
export async function requireAdmin(returnTo = '/admin'): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (user.role !== 'admin') notFound();
  return user;
}

/** The session ran out (10 minutes) or was never opened: start again from the sign-in page. */
const SIGN_IN_EXPIRED: FormMessage = { key: 'secondFactor.errors.expired', href: '/connexion' };

/**
 * The guard of the actions a session may call before its sign-in is complete, every page but
 * these being closed to it (requireUser above):
 * - `owed`: the code or passkey of a session waiting for its second step ('pending');
 * - `enrolment`: an app's first code, from any session that owes none (a member, or staff who
 *   have no factor yet).
 * Without a session the answer says to sign in again. A session in the other state is sent to
 * `elsewhere`; actions called from scripts give none, and answer as if there were no session.
 */
export async function secondStepSession(step: 'owed' | 'enrolment', elsewhere?: string): Promise<SessionUser | Refused> {
  const user = await sessionUser();
  if (!user) return new Refused(SIGN_IN_EXPIRED);
  if ((user.secondFactor === 'pending') === (step === 'owed')) return user;
  if (elsewhere) redirect(elsewhere);
  return new Refused(SIGN_IN_EXPIRED);
}
