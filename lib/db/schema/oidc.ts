import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { at, createdAt, updatedAt } from '@/lib/db/schema/columns';

/**
 * Sésame as the OpenID Connect provider of the organisation's other apps (lib/oidc/).
 */

/** The apps that may sign people in with Sésame, registered by operators (`npm run accounts -- clients`). */
export const oidcClients = pgTable('oidc_clients', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  // SHA-256 of the secret, shown once when made; null for a public client (PKCE only). Secrets are
  // 256 random bits, so a fast hash is enough: nothing to guess from it.
  secretHash: text('secret_hash'),
  redirectUris: jsonb('redirect_uris').$type<string[]>().notNull(),
  postLogoutRedirectUris: jsonb('post_logout_redirect_uris').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  backChannelLogoutUri: text('back_channel_logout_uri'),
  // Its own sign-ins need a second factor, whatever the account's role.
  requireSecondFactor: boolean('require_second_factor').notNull().default(false),
  // An app of someone else than the organisation: people are asked before it learns anything.
  thirdParty: boolean('third_party').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * The provider's own records (authorization codes, grants, refresh tokens, sessions,
 * interactions…), one row each, as oidc-provider's adapter interface stores them: lib/oidc/adapter.ts.
 */
export const oidcRecords = pgTable(
  'oidc_records',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    uid: text('uid'),
    accountId: text('account_id'),
    expiresAt: at('expires_at'),
    consumedAt: at('consumed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('oidc_records_grant_idx').on(t.grantId),
    index('oidc_records_uid_idx').on(t.uid),
    index('oidc_records_account_idx').on(t.accountId),
    index('oidc_records_expires_idx').on(t.expiresAt),
  ],
);

/**
 * The keys that sign ID tokens, private parts sealed with AUTH_SECRET (lib/crypto/sealed.ts). When
 * each one is published, signs, and is dropped follows from the creation dates alone
 * (lib/oidc/keys.ts), so that a rotation never breaks a token already issued.
 */
export const oidcKeys = pgTable('oidc_keys', {
  kid: text('kid').primaryKey(),
  sealedJwk: text('sealed_jwk').notNull(),
  createdAt: createdAt(),
});
