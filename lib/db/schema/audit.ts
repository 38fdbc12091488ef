import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at } from '@/lib/db/schema/columns';
import { accounts } from '@/lib/db/schema/accounts';

/** Who did what and when. Never a password, a token or a full link. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: at('at').notNull().defaultNow(),
    type: text('type').notNull(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    actorId: uuid('actor_id').references(() => accounts.id, { onDelete: 'set null' }),
    identifier: text('identifier'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_events_account_idx').on(t.accountId, t.at), index('audit_events_type_idx').on(t.type, t.at)],
);
