import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, updatedAt } from '@/lib/db/schema/columns';
import { accounts } from '@/lib/db/schema/accounts';

/**
 * One row per signed-in browser. The JWT only carries the row's id, so the server can end a
 * session (sign-out, password reset, disabled account, idle time) at the next request.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    remember: boolean('remember').notNull(),
    createdAt: createdAt(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    endedAt: at('ended_at'),
    endReason: text('end_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    // Set while the session waits for its second factor ('pending') or, for staff without one, for
    // its enrolment ('enrol'): such a session opens nothing but the page that completes it.
    secondFactor: text('second_factor', { enum: ['pending', 'enrol'] }),
    // How the session was opened: a password, or a passkey (which counts as two factors).
    method: text('method', { enum: ['password', 'passkey'] }).notNull().default('password'),
    // When a second factor was given (a code of the app, a recovery code, or the enrolment's first
    // code): what the OpenID Connect provider tells apps in `amr` (lib/oidc/claims.ts).
    secondFactorAt: at('second_factor_at'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** Counters for throttles and rate limits, shared by every instance through the database. */
export const throttles = pgTable('throttles', {
  key: text('key').primaryKey(),
  count: integer('count').notNull().default(0),
  windowStartedAt: at('window_started_at').notNull().defaultNow(),
  blockedUntil: at('blocked_until'),
  updatedAt: updatedAt(),
});
