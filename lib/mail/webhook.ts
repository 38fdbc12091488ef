import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { emailEvents } from '@/lib/db/schema';

/**
 * Resend's delivery events, sent through Svix: each request carries `svix-id`, `svix-timestamp`
 * (seconds) and `svix-signature` ("v1,<base64>" entries separated by spaces), the HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` under the endpoint's secret (`whsec_` then base64). A request is
 * believed only when one signature matches, its timestamp is within 5 minutes of our clock (an
 * old request replayed fails there) and its id was never seen (a fresh replay fails there).
 * https://docs.svix.com/receiving/verifying-payloads/how-manual
 */
export const TOLERANCE_SECONDS = 5 * 60;
const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

export type SvixHeaders = { id: string | null; timestamp: string | null; signature: string | null };
export type Verification = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'forged' };

export function isWebhookSecret(secret: string): boolean {
  return SECRET.test(secret) && Buffer.from(SECRET.exec(secret)![1], 'base64').length >= 16;
}

export function svixSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

export function verifySvix(secret: string, headers: SvixHeaders, body: string, nowSeconds = Math.floor(Date.now() / 1000)): Verification {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || id.length > 200 || signature.length > 2000) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(svixSignature(secret, id, timestamp, body));
  const matches = signature
    .split(' ')
    .map((entry) => entry.split(','))
    .some(([version, value]) => version === 'v1' && value !== undefined && value.length === expected.length && timingSafeEqual(Buffer.from(value), expected));
  return matches ? { ok: true } : { ok: false, reason: 'forged' };
}

/** The email events customer service sees; the others (opened, clicked…) are acknowledged and dropped. */
export const TRACKED_EVENTS = ['email.sent', 'email.delivered', 'email.delivery_delayed', 'email.bounced', 'email.complained', 'email.failed', 'email.suppressed'] as const;
export type TrackedEvent = (typeof TRACKED_EVENTS)[number];

const payloadSchema = z.object({
  type: z.string().max(100),
  created_at: z.string().max(100),
  data: z
    .object({
      email_id: z.string().min(1).max(200).optional(),
      bounce: z.object({ message: z.string().optional(), type: z.string().optional(), subType: z.string().optional() }).partial().optional(),
      failed: z.object({ reason: z.string().optional() }).partial().optional(),
      suppressed: z.object({ message: z.string().optional(), type: z.string().optional() }).partial().optional(),
    })
    .loose(),
});

export type EventOutcome = 'recorded' | 'ignored' | 'replayed' | 'malformed';

/** Records one verified event, once: a second request with the same Svix id changes nothing. */
export async function recordEmailEvent(svixId: string, body: string): Promise<EventOutcome> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'malformed';
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return 'malformed';
  const { type, created_at: createdAt, data } = parsed.data;
  const tracked = (TRACKED_EVENTS as readonly string[]).includes(type);
  const occurredAt = new Date(createdAt);
  if (!tracked || !data.email_id || Number.isNaN(occurredAt.getTime())) return 'ignored';

  const bounce = data.bounce ? [data.bounce.type, data.bounce.subType, data.bounce.message].filter(Boolean).join(' — ') : '';
  const detail = bounce || data.failed?.reason || data.suppressed?.message || null;
  const inserted = await getDb()
    .insert(emailEvents)
    .values({ svixId, providerId: data.email_id, type, detail: detail?.slice(0, 500) ?? null, occurredAt })
    .onConflictDoNothing({ target: emailEvents.svixId })
    .returning({ svixId: emailEvents.svixId });
  return inserted.length === 1 ? 'recorded' : 'replayed';
}
