import { createHash, timingSafeEqual } from 'node:crypto';
import { log } from '@/lib/logger';
import { deliverDueEmails } from '@/lib/mail/queue';
import { purgeIfDue } from '@/lib/retention/purge';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Vercel Cron drains the email queue here, and runs the daily retention purge, (see vercel.json), with `Authorization: Bearer
 * $CRON_SECRET`. Without CRON_SECRET the route does not exist.
 */
export async function GET(request: Request) {
  const secret = process.env.CRON_SECRET;
  if (!secret) return new Response('Not Found', { status: 404, headers: NO_STORE });
  // Hashing first makes the comparison constant-time whatever the header's length.
  const given = request.headers.get('authorization') ?? '';
  if (!timingSafeEqual(digest(given), digest(`Bearer ${secret}`))) {
    return Response.json({ error: 'unauthorized' }, { status: 401, headers: NO_STORE });
  }
  try {
    const counts = await deliverDueEmails(100);
    // The daily retention purge rides on the same schedule; it runs once a day whoever calls.
    await purgeIfDue().catch((error: unknown) => log.error('retention purge failed', error));
    return Response.json(counts, { headers: NO_STORE });
  } catch (error) {
    log.error('outbox cron failed', error);
    return Response.json({ error: 'delivery failed' }, { status: 500, headers: NO_STORE });
  }
}
