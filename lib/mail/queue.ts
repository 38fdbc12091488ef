import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { MINUTE, now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { getConfig } from '@/lib/config';
import { emailOutbox } from '@/lib/db/schema';
import { seal, unseal, UnreadableBody } from '@/lib/crypto/sealed';
import { sendEmail, type SendResult } from '@/lib/mail/transport';

/**
 * Every email is written to the outbox first, then delivered by the worker (or the cron route) and
 * retried with backoff until the provider accepts it: no reset link is lost while Resend is down.
 * Bodies are stored sealed (see sealed.ts) and emptied once Resend has the message, so the table
 * keeps who was sent what kind of email and when, never a usable link.
 */
export type QueuedEmail = {
  /** Which email it is: a template's name ('password_reset', 'invitation'…). */
  template: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  accountId?: string | null;
  idempotencyKey: string;
};

export type DeliveryCounts = { sent: number; failed: number; retried: number };

export const MAX_ATTEMPTS = 10;
export const MAX_RETRY_DELAY_MINUTES = 60;
// A claimed row is hidden from other instances this long; a crash mid-batch delays it, never loses it.
const CLAIM_MS = 5 * MINUTE;
// Stop sending before the claim runs out, so another instance cannot pick up a row we still hold.
const BATCH_BUDGET_MS = 4 * MINUTE;

/** Wait before the next try, after `attempts` failed ones: 1, 2, 4 … minutes, at most 60. */
export const retryDelayMinutes = (attempts: number) => Math.min(2 ** (attempts - 1), MAX_RETRY_DELAY_MINUTES);

/** Queues one email. The same idempotency key twice queues it once. */
export async function enqueueEmail(email: QueuedEmail): Promise<void> {
  const at = now();
  await getDb()
    .insert(emailOutbox)
    .values({
      ...email,
      html: seal(email.html),
      text: seal(email.text),
      accountId: email.accountId ?? null,
      nextAttemptAt: at,
      createdAt: at,
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey });
}

/** Sends the pending emails that are due; safe to run on several instances at once. */
export async function deliverDueEmails(limit = 25): Promise<DeliveryCounts> {
  const db = getDb();
  const startedAt = Date.now();
  const claimedAt = now();
  // One statement claims the rows: locked rows are skipped, and the claim pushes next_attempt_at
  // out of the "due" window, so two instances never send the same row.
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, claimedAt)))
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(emailOutbox)
    .set({ nextAttemptAt: new Date(claimedAt.getTime() + CLAIM_MS) })
    .where(inArray(emailOutbox.id, due))
    .returning();

  // Without a Resend key the outbox is the mailbox itself: /dev/outbox reads the bodies there.
  const emptied = getConfig().resendApiKey ? { html: '', text: '' } : {};
  const counts: DeliveryCounts = { sent: 0, failed: 0, retried: 0 };
  const rows = claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const [index, row] of rows.entries()) {
    // Rows left over keep their claim and are picked up again when it runs out.
    if (Date.now() - startedAt > BATCH_BUDGET_MS) break;
    const result = await send(row);
    const attempts = row.attempts + 1;
    const at = now();

    if (result.ok) {
      await db
        .update(emailOutbox)
        .set({ status: 'sent', attempts, sentAt: at, providerId: result.providerId, lastError: null, ...emptied })
        .where(eq(emailOutbox.id, row.id));
      counts.sent += 1;
    } else if (attempts >= MAX_ATTEMPTS || result.final) {
      await db
        .update(emailOutbox)
        .set({ status: 'failed', attempts, lastError: result.error.slice(0, 500), ...emptied })
        .where(eq(emailOutbox.id, row.id));
      counts.failed += 1;
    } else {
      // The backoff, or longer when Resend asked for longer (Retry-After): never sooner.
      const waitMs = Math.max(retryDelayMinutes(attempts) * MINUTE, (result.retryAfterSeconds ?? 0) * 1000);
      const nextAttemptAt = new Date(at.getTime() + waitMs);
      await db
        .update(emailOutbox)
        .set({ attempts, nextAttemptAt, lastError: result.error.slice(0, 500) })
        .where(eq(emailOutbox.id, row.id));
      counts.retried += 1;
      // Rate limited: the whole account waits, so the rest of the batch is not tried now. Those
      // rows were not attempted: they keep their count and wait as long.
      if (result.rateLimited) {
        const rest = rows.slice(index + 1).map((r) => r.id);
        if (rest.length > 0) await db.update(emailOutbox).set({ nextAttemptAt }).where(inArray(emailOutbox.id, rest));
        break;
      }
    }
  }
  return counts;
}

/** A send's outcome; `final` when trying again cannot help. */
type Attempt = SendResult;

type StoredBody = Pick<typeof emailOutbox.$inferSelect, 'html' | 'text'>;
const unsealBody = (row: StoredBody) => ({ html: unseal(row.html), text: unseal(row.text) });

async function send(row: typeof emailOutbox.$inferSelect): Promise<Attempt> {
  let body: { html: string; text: string };
  try {
    body = unsealBody(row);
  } catch (error) {
    if (error instanceof UnreadableBody) return { ok: false, error: error.message, final: true };
    throw error;
  }
  return sendEmail({ to: row.to, subject: row.subject, ...body, idempotencyKey: row.idempotencyKey }).catch(
    (error: unknown): SendResult => ({ ok: false, error: `transport threw: ${errorName(error)}` }),
  );
}

/** The body of a queued email, for the local outbox page and tests. */
export function openedBody(row: StoredBody): { html: string; text: string } {
  try {
    return unsealBody(row);
  } catch {
    return { html: '', text: '' };
  }
}

// Only the error's class: a thrown message could quote the email it was sending.
const errorName = (error: unknown) => (error instanceof Error ? error.name : typeof error);
