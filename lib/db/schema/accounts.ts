import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, updatedAt } from '@/lib/db/schema/columns';

/** People who may sign in. They are created by operators, never by the public. */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    identifier: text('identifier').notNull().unique(),
    kind: text('kind', { enum: ['licence', 'client'] }).notNull(),
    // Not unique: one parent may hold the licences of a whole family.
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    role: text('role', { enum: ['member', 'admin'] }).notNull().default('member'),
    status: text('status', { enum: ['pending', 'active', 'disabled'] }).notNull().default('pending'),
    passwordHash: text('password_hash'),
    // A hash imported from the site Sésame replaces (WordPress, PHP; lib/crypto/legacy-hashes.ts),
    // until its holder's first sign-in turns it into `password_hash`. Never shown, exported or logged.
    importedPasswordHash: text('imported_password_hash'),
    // When the imported hash was written: `expire-imported-hashes --older-than` reads it.
    passwordImportedAt: at('password_imported_at'),
    locale: text('locale', { enum: ['fr', 'en'] }).notNull().default('fr'),
    // The language the member chose for their emails in /espace; null: `locale`, the one the
    // organisation set (an import never overwrites the member's choice). See lib/accounts/email-locale.ts.
    emailLocale: text('email_locale', { enum: ['fr', 'en'] }),
    invitedAt: at('invited_at'),
    activatedAt: at('activated_at'),
    lastSignInAt: at('last_sign_in_at'),
    passwordChangedAt: at('password_changed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('accounts_email_idx').on(t.email),
    // Customer service's lists: by status, and invited before a date, both in identifier order.
    index('accounts_status_identifier_idx').on(t.status, t.identifier),
    index('accounts_invited_at_idx').on(t.invitedAt),
    check(
      'accounts_active_has_password',
      sql`${t.status} <> 'active' or ${t.passwordHash} is not null or ${t.importedPasswordHash} is not null`,
    ),
    // The transition's remaining accounts, for /admin's count and the expiry command.
    index('accounts_password_imported_at_idx').on(t.passwordImportedAt).where(sql`${t.importedPasswordHash} is not null`),
  ],
);
