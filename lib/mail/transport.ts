import 'server-only';
import { randomUUID } from 'node:crypto';
import { Resend } from 'resend';
import { getConfig } from '@/lib/config';

export type OutgoingEmail = { to: string; subject: string; html: string; text: string; idempotencyKey: string };
export type SendResult = { ok: true; providerId: string } | { ok: false; error: string };

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

  // The SDK never throws: a network failure comes back as an error with statusCode null.
  const { data, error } = await resend(resendApiKey, resendBaseUrl).emails.send(
    { from: mailFrom, to: message.to, subject: message.subject, html: message.html, text: message.text },
    { idempotencyKey: message.idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
  );
  if (error) return { ok: false, error: `resend ${error.statusCode ?? 'network'} ${error.name}: ${error.message}`.slice(0, 500) };
  if (!data?.id) return { ok: false, error: 'resend: answer without an id' };
  return { ok: true, providerId: data.id };
}

function printToLocalOutbox(message: OutgoingEmail): SendResult {
  console.info(
    ['── local outbox (no RESEND_API_KEY) ──', `To: ${message.to}`, `Subject: ${message.subject}`, '', message.text, '──'].join('\n'),
  );
  return { ok: true, providerId: `outbox:${randomUUID()}` };
}
