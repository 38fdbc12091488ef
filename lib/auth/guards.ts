import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import type { SessionUser } from '@/lib/sessions/sessions';

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

/** Where a session waiting for its second factor goes next, then back to `returnTo`. */
export function secondFactorPath(state: 'pending' | 'enrol', returnTo: string): string {
  const page = state === 'pending' ? '/connexion/code' : '/espace/double-authentification';
  return `${page}?callbackUrl=${encodeURIComponent(returnTo)}`;
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
