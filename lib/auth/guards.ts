import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import type { SessionUser } from '@/lib/auth/sessions';

/** The signed-in account, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  return session?.user?.sessionId ? session.user : null;
}

/** The signed-in account; sends everyone else to the sign-in page, then back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/connexion?callbackUrl=${encodeURIComponent(returnTo)}`);
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
