import { and, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { emailEvents, emailOutbox } from '@/lib/db/schema';

/**
 * What became of each email sent to an account, for customer service: from the outbox (queued,
 * being retried, refused by Resend) and from Resend's delivery events (delivered, bounced, marked
 * as spam…). When several events arrived, the most telling one wins, whatever their order.
 */
export const HISTORY_LIMIT = 30;
export type EmailState = 'queued' | 'retrying' | 'sent' | 'delayed' | 'delivered' | 'failed' | 'bounced' | 'complained';
export type EmailHistoryEntry = {
  id: string;
  template: string;
  to: string;
  subject: string;
  createdAt: Date;
  sentAt: Date | null;
  state: EmailState;
  /** The refusal, the bounce or the failure as Resend worded it. */
  detail: string | null;
  /** When the state was reached, for states that come from an event. */
  stateAt: Date | null;
};

const EVENT_STATE: Record<string, EmailState> = {
  'email.sent': 'sent',
  'email.delivery_delayed': 'delayed',
  'email.delivered': 'delivered',
  'email.failed': 'failed',
  'email.suppressed': 'failed',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
};
// A complaint or a bounce is final news, whatever came before or after it.
const RANK: Record<EmailState, number> = { queued: 0, retrying: 0, sent: 1, delayed: 2, delivered: 3, failed: 4, bounced: 5, complained: 6 };

export async function emailHistory(accountId: string): Promise<EmailHistoryEntry[]> {
  const db = getDb();
  const rows = await db
    .select({
      id: emailOutbox.id,
      template: emailOutbox.template,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      providerId: emailOutbox.providerId,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.accountId, accountId))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(HISTORY_LIMIT);
  const providerIds = rows.map((r) => r.providerId).filter((id): id is string => Boolean(id));
  const events = providerIds.length
    ? await db.select().from(emailEvents).where(and(inArray(emailEvents.providerId, providerIds)))
    : [];

  return rows.map((row) => {
    const base = { id: row.id, template: row.template, to: row.to, subject: row.subject, createdAt: row.createdAt, sentAt: row.sentAt };
    if (row.status === 'pending') return { ...base, state: row.attempts === 0 ? 'queued' : 'retrying', detail: row.lastError, stateAt: null };
    if (row.status === 'failed') return { ...base, state: 'failed', detail: row.lastError, stateAt: null };
    let best: EmailHistoryEntry = { ...base, state: 'sent', detail: null, stateAt: row.sentAt };
    for (const event of events) {
      const state = EVENT_STATE[event.type];
      if (event.providerId !== row.providerId || !state) continue;
      if (RANK[state] > RANK[best.state] || (RANK[state] === RANK[best.state] && best.stateAt && event.occurredAt > best.stateAt)) {
        best = { ...base, state, detail: event.detail, stateAt: event.occurredAt };
      }
    }
    return best;
  });
}
