import 'server-only';
import { randomUUID } from 'node:crypto';
import { Resend } from 'resend';
import { getConfig } from '@/lib/config';

export type OutgoingEmail = { to: string; subject: string; html: string; text: string; idempotencyKey: string };
export type SendResult =
  | { ok: true; providerId: string }
  | {
      ok: false;
      error: string;
      /** Trying again cannot help: Resend refused the message itself (400, 422). */
      final?: boolean;
      /** Resend said how long to wait (429 or 503 with Retry-After), in seconds. */
      retryAfterSeconds?: number;
      /** 429: every send waits, not only this one. */
      rateLimited?: boolean;
    };

/** Statuses by which Resend refuses the message itself: a validation error is not retried. */
const REFUSED_MESSAGE = new Set([400, 422]);

/** Retry-After in seconds (a number of seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(value: string | undefined | null, at = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds > 0 ? seconds : undefined;
  const date = Date.parse(value);
  return Number.isFinite(date) && date > at ? Math.ceil((date - at) / 1000) : undefined;
}

const SEND_TIMEOUT_MS = 15_000;

// `new Resend()` throws without a key, so the client is made on the first send, not at import.
let client: Resend | undefined;
function resend(apiKey: string, baseUrl: string | undefined): Resend {
  client ??= new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return client;
}

/**
 * Sends one message: through Resend when RESEND_API_KEY is set, else to the local outbox (the
 * console, and /dev/outbox reads the queue). Production refuses to start without a key.
 * Never throws; the error text never contains the message itself.
 */
export async function sendEmail(message: OutgoingEmail): Promise<SendResult> {
  const { resendApiKey, resendBaseUrl, mailFrom } = getConfig();
  if (!resendApiKey) return printToLocalOutbox(message);

  // The SDK never throws: a network failure comes back as an error with statusCode null. The
  // idempotency key makes a retry of a send whose answer was lost a no-op at Resend.
  const { data, error, headers } = await resend(resendApiKey, resendBaseUrl).emails.send(
    { from: mailFrom, to: message.to, subject: message.subject, html: message.html, text: message.text },
    { idempotencyKey: message.idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
  );
  if (error) {
    const status = error.statusCode ?? null;
    const wait = retryAfterSeconds(headers?.['retry-after']);
    return {
      ok: false,
      error: `resend ${status ?? 'network'} ${error.name}: ${error.message}`.slice(0, 500),
      ...(status !== null && REFUSED_MESSAGE.has(status) ? { final: true } : {}),
      ...(wait ? { retryAfterSeconds: wait } : {}),
      ...(status === 429 ? { rateLimited: true } : {}),
    };
  }
  if (!data?.id) return { ok: false, error: 'resend: answer without an id' };
  return { ok: true, providerId: data.id };
}

function printToLocalOutbox(message: OutgoingEmail): SendResult {
  console.info(
    ['── local outbox (no RESEND_API_KEY) ──', `To: ${message.to}`, `Subject: ${message.subject}`, '', message.text, '──'].join('\n'),
  );
  return { ok: true, providerId: `outbox:${randomUUID()}` };
}

export type BatchEmail = Omit<OutgoingEmail, 'idempotencyKey'>;
export type BatchResult =
  | { ok: true; providerIds: string[] }
  | { ok: false; error: string; statusCode: number | null; name: string; retryAfterSeconds?: number };

const BATCH_TIMEOUT_MS = 30_000;
export const MAX_BATCH_SIZE = 100;

/**
 * Sends up to 100 messages in one Resend batch request (all accepted or none), under one
 * idempotency key. Without RESEND_API_KEY each message goes to the local outbox instead.
 * Never throws; the error text never contains the messages.
 */
export async function sendBatch(messages: BatchEmail[], idempotencyKey: string): Promise<BatchResult> {
  if (messages.length === 0 || messages.length > MAX_BATCH_SIZE) throw new Error(`A batch holds 1 to ${MAX_BATCH_SIZE} messages`);
  const { resendApiKey, resendBaseUrl, mailFrom } = getConfig();
  if (!resendApiKey) {
    const providerIds = messages.map((m, i) => {
      const printed = printToLocalOutbox({ ...m, idempotencyKey: `${idempotencyKey}/${i}` });
      return printed.ok ? printed.providerId : '';
    });
    return { ok: true, providerIds };
  }

  const { data, error, headers } = await resend(resendApiKey, resendBaseUrl)
    .batch.send(
      messages.map((m) => ({ from: mailFrom, to: m.to, subject: m.subject, html: m.html, text: m.text })),
      { idempotencyKey, signal: AbortSignal.timeout(BATCH_TIMEOUT_MS) },
    )
    // A timeout rejects (the SDK rethrows aborts); the batch may or may not have been accepted.
    .catch((thrown: unknown) => ({
      data: null,
      headers: null,
      error: { statusCode: null, name: 'network_error', message: thrown instanceof Error ? thrown.name : 'request failed' },
    }));
  if (error) {
    const retryAfter = Number(headers?.['retry-after']);
    return {
      ok: false,
      statusCode: error.statusCode ?? null,
      name: error.name,
      error: `resend ${error.statusCode ?? 'network'} ${error.name}: ${error.message}`.slice(0, 500),
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    };
  }
  const ids = data?.data.map((d) => d.id) ?? [];
  if (ids.length !== messages.length) {
    return { ok: false, statusCode: null, name: 'bad_answer', error: `resend: ${ids.length} ids for ${messages.length} messages` };
  }
  return { ok: true, providerIds: ids };
}
