import { busyResponse } from '@/lib/http/busy';
import { getLocale } from '@/lib/http/locale';

export const dynamic = 'force-dynamic';

/** Where a sign-in goes when too many passwords are being checked at once: a 503 with Retry-After. */
export async function GET() {
  return busyResponse(await getLocale());
}
