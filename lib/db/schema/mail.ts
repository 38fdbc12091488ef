import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from '@/lib/db/schema/columns';
import { accounts } from '@/lib/db/schema/accounts';

/** Every email is written here first and sent from here, so none is lost while the provider is down. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    // Which email it is (a template's name: 'password_reset', 'invitation'…); the column keeps its first name.
    template: text('kind').notNull(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    providerId: text('provider_id'),
    createdAt: createdAt(),
    sentAt: at('sent_at'),
  },
  (t) => [
    index('email_outbox_due_idx').on(t.status, t.nextAttemptAt),
    // An account's email history, and a delivery event's email by Resend's id.
    index('email_outbox_account_idx').on(t.accountId, t.createdAt),
    index('email_outbox_provider_idx').on(t.providerId),
  ],
);

/**
 * Resend's delivery events (delivered, bounced, marked as spam…), received through its signed
 * webhook. The Svix message id is the key: a replayed event is refused, never applied twice.
 */
export const emailEvents = pgTable(
  'email_events',
  {
    svixId: text('svix_id').primaryKey(),
    providerId: text('provider_id').notNull(),
    type: text('type').notNull(),
    // The bounce message or the failure reason Resend gives, when it gives one.
    detail: text('detail'),
    occurredAt: at('occurred_at').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [index('email_events_provider_idx').on(t.providerId, t.occurredAt)],
);
