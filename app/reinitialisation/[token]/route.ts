import { openEmailedLink } from '@/lib/emailed-secrets/open-link';
import { findUsableLink } from '@/lib/password-links/tokens';

/** The emailed reset or first-connection link: to the password form (lib/emailed-secrets/open-link.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return openEmailedLink(request, token, {
    cookie: 'reset',
    page: '/reinitialisation',
    usable: findUsableLink,
    invalidEvent: 'reset_link_invalid',
  });
}
