import { findUsableEmailChange } from '@/lib/email-change/links';
import { openEmailedLink } from '@/lib/emailed-secrets/open-link';

/** The link emailed to a new address: to the page with the confirm button (lib/emailed-secrets/open-link.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return openEmailedLink(request, token, {
    cookie: 'emailChange',
    page: '/espace/email',
    usable: findUsableEmailChange,
    invalidEvent: 'email_change_link_invalid',
  });
}
