import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from '@/lib/db/schema/columns';
import { accounts } from '@/lib/db/schema/accounts';

/** Emailed reset and first-connection links. Only the SHA-256 of the token is kept. */
export const passwordLinks = pgTable(
  'password_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose', { enum: ['activation', 'reset'] }).notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    /** Used, or revoked (then `revokedAt` and `revokedReason` say so): either way it opens nothing. */
    usedAt: at('used_at'),
    revokedAt: at('revoked_at'),
    /** Why a link was revoked before use: see lib/emailed-secrets/revoke.ts. */
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('password_links_account_idx').on(t.accountId)],
);

/**
 * Emailed links that confirm a new address chosen in /espace ("Modifier mon adresse e-mail").
 * Apart from password links on purpose: such a token can never set a password. Only the SHA-256
 * of the token is kept; the address changes only when the link is confirmed.
 */
export const emailChangeLinks = pgTable(
  'email_change_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    // The address when the change was asked: a link is void once the address changed otherwise.
    oldEmail: text('old_email').notNull(),
    newEmail: text('new_email').notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [index('email_change_links_account_idx').on(t.accountId)],
);
