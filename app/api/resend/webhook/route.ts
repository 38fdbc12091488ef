import { log } from '@/lib/logger';
import { isWebhookSecret, recordEmailEvent, verifySvix } from '@/lib/mail/webhook';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };
const answer = (status: number, body: Record<string, string>) => Response.json(body, { status, headers: NO_STORE });

/**
 * Resend's delivery events (delivered, bounced, marked as spam…), signed by Svix with
 * RESEND_WEBHOOK_SECRET. Without the secret the route does not exist. A forged, stale or replayed
 * request is refused and changes nothing; the answer never says more than which of the three.
 */
export async function POST(request: Request) {
  const secret = process.env.RESEND_WEBHOOK_SECRET ?? '';
  if (!isWebhookSecret(secret)) return new Response('Not Found', { status: 404, headers: NO_STORE });

  const body = await request.text();
  const headers = {
    id: request.headers.get('svix-id'),
    timestamp: request.headers.get('svix-timestamp'),
    signature: request.headers.get('svix-signature'),
  };
  const verified = verifySvix(secret, headers, body);
  if (!verified.ok) {
    log.warn('resend webhook refused', { reason: verified.reason });
    return answer(verified.reason === 'stale' ? 400 : 401, { error: verified.reason });
  }
  const outcome = await recordEmailEvent(headers.id!, body);
  if (outcome === 'malformed') return answer(400, { error: 'malformed' });
  if (outcome === 'replayed') {
    log.warn('resend webhook refused', { reason: 'replayed' });
    return answer(409, { error: 'replayed' });
  }
  return answer(200, { status: outcome });
}
