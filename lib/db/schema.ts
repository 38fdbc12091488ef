import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });

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
    check('accounts_active_has_password', sql`${t.status} <> 'active' or ${t.passwordHash} is not null`),
  ],
);

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
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

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
    /** Why a link was revoked before use: see lib/password-links/revoke.ts. */
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

/** Counters for throttles and rate limits, shared by every instance through the database. */
export const throttles = pgTable('throttles', {
  key: text('key').primaryKey(),
  count: integer('count').notNull().default(0),
  windowStartedAt: at('window_started_at').notNull().defaultNow(),
  blockedUntil: at('blocked_until'),
  updatedAt: updatedAt(),
});

/** Every email is written here first and sent from here, so none is lost while the provider is down. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    kind: text('kind').notNull(),
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

/**
 * An authenticator app (TOTP, RFC 6238), at most one per account. The secret is sealed with a key
 * derived from AUTH_SECRET; it is usable once `confirmed_at` is set, after a first right code.
 * `last_used_step` is the 30-second step of the last accepted code: no code of that step or an
 * earlier one is accepted again.
 */
export const totpFactors = pgTable('totp_factors', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  confirmedAt: at('confirmed_at'),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  lastUsedAt: at('last_used_at'),
  createdAt: createdAt(),
});

/** Single-use recovery codes, ten at a time; only a keyed hash of each is kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_account_idx').on(t.accountId)],
);

/** WebAuthn credentials (passkeys). `id` is the credential id, base64url. */
export const passkeys = pgTable(
  'passkeys',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>(),
    deviceType: text('device_type', { enum: ['singleDevice', 'multiDevice'] }).notNull(),
    backedUp: boolean('backed_up').notNull(),
    createdAt: createdAt(),
    lastUsedAt: at('last_used_at'),
  },
  (t) => [index('passkeys_account_idx').on(t.accountId)],
);

/**
 * WebAuthn challenges, single-use and valid 5 minutes. The browser holds a random token in a
 * cookie; the row is found by that token's SHA-256, so a challenge only works in the browser it
 * was given to.
 */
export const webauthnChallenges = pgTable('webauthn_challenges', {
  tokenHash: text('token_hash').primaryKey(),
  challenge: text('challenge').notNull(),
  purpose: text('purpose', { enum: ['register', 'authenticate'] }).notNull(),
  accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
  expiresAt: at('expires_at').notNull(),
  createdAt: createdAt(),
});

export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
export type Session = typeof sessions.$inferSelect;
export type EmailChangeLink = typeof emailChangeLinks.$inferSelect;
export type Passkey = typeof passkeys.$inferSelect;
