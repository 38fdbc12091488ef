import { count, desc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { emailOutbox } from '@/lib/db/schema';

/** For staff: the queue's counts, and the emails that failed with Resend's reason (never a body). */
export async function outboxSummary(): Promise<{ pending: number; failed: number }> {
  const rows = await getDb().select({ status: emailOutbox.status, n: count() }).from(emailOutbox).groupBy(emailOutbox.status);
  const of = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { pending: of('pending'), failed: of('failed') };
}

export function failedEmails(limit = 50) {
  return getDb()
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      template: emailOutbox.template,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.status, 'failed'))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}
