import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, updatedAt } from '@/lib/db/schema/columns';
import { accounts } from '@/lib/db/schema/accounts';

/** "Demander une ouverture de compte": requests from people who have no account yet. */
export const accountRequests = pgTable(
  'account_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    organisation: text('organisation'),
    identifier: text('identifier'),
    email: text('email').notNull(),
    phone: text('phone'),
    message: text('message').notNull(),
    locale: text('locale', { enum: ['fr', 'en'] }).notNull().default('fr'),
    status: text('status', { enum: ['new', 'in_progress', 'done', 'rejected'] }).notNull().default('new'),
    notes: text('notes').notNull().default(''),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    ip: text('ip'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('account_requests_status_idx').on(t.status, t.createdAt)],
);

/**
 * A CSV file uploaded in /admin/comptes/import, kept sealed between its dry run and the admin's
 * confirmation (so the file imported is the file checked), then emptied once imported.
 */
export const accountImports = pgTable('account_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  actorId: uuid('actor_id').references(() => accounts.id, { onDelete: 'set null' }),
  fileName: text('file_name').notNull(),
  content: text('content').notNull(),
  dryRun: jsonb('dry_run').notNull(),
  result: jsonb('result'),
  createdAt: createdAt(),
  confirmedAt: at('confirmed_at'),
});
