import 'server-only';
import { currentUser } from '@/lib/auth/guards';
import type { SessionUser } from '@/lib/sessions/sessions';
import { plainPage } from '@/lib/http/plain-page';

/**
 * requireAdmin() for route handlers (downloads, uploads), which answer a Response rather than
 * render a page: a signed-out visitor is sent to sign in and back, anyone else gets a 404 that
 * says nothing of the route.
 */
export async function adminOrResponse(returnTo: string): Promise<{ admin: SessionUser } | { response: Response }> {
  const user = await currentUser();
  if (!user) {
    return { response: new Response(null, { status: 303, headers: { Location: `/connexion?callbackUrl=${encodeURIComponent(returnTo)}`, 'Cache-Control': 'no-store' } }) };
  }
  if (user.role !== 'admin') {
    const page = plainPage([
      { lang: 'fr', title: 'Page introuvable', paragraphs: ['Cette page n’existe pas.'], link: { href: '/', label: 'Retour à l’accueil' } },
      { lang: 'en', title: 'Page not found', paragraphs: ['This page does not exist.'], link: { href: '/', label: 'Back to the home page' } },
    ]);
    return { response: new Response(page, { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } }) };
  }
  return { admin: user };
}
