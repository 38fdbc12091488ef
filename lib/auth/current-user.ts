import 'server-only';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import type { SessionUser } from '@/lib/auth/sessions';

/** The signed-in account, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  return session?.user?.sessionId ? session.user : null;
}

/** The signed-in account; sends everyone else to the sign-in page, then back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/connexion?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
