import { now } from '@/lib/clock';
import { getDb, type Db } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import { MAX_IDENTIFIER_INPUT } from '@/lib/identifiers/parse';
import { log } from '@/lib/logger';

export type AuditType =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_in_throttled'
  | 'sign_out'
  | 'session_ended'
  | 'reset_requested'
  | 'reset_throttled'
  | 'reset_completed'
  | 'reset_link_invalid'
  /** An account's outstanding emailed links revoked (its email changed, staff set its status): see lib/emailed-secrets/revoke.ts. */
  | 'links_revoked'
  /** An account's role changed, and its open sessions ended with it: see lib/accounts/role.ts. */
  | 'role_changed'
  | 'password_changed'
  /** A password imported from the old site (WordPress, PHP) hashed again at its holder's first sign-in: lib/sign-in/imported-password.ts. Details: its format, never the hash. */
  | 'password_hash_converted'
  | 'accounts_imported'
  /** An import's hash replaced a password set in Sésame (`--replace-passwords`), ending the sessions: lib/accounts/import-passwords.ts. */
  | 'password_replaced_by_import'
  /** `expire-imported-hashes`: imported hashes never used turned into first connections (lib/accounts/expire-imported.ts). */
  | 'imported_passwords_expired'
  | 'account_created'
  | 'invitation_sent'
  | 'account_request'
  | 'account_request_throttled'
  | 'admin_account_created'
  | 'admin_account_updated'
  | 'admin_account_disabled'
  | 'admin_account_enabled'
  | 'admin_link_sent'
  | 'admin_throttles_cleared'
  | 'admin_request_updated'
  // Self-service in /espace.
  | 'other_sessions_ended'
  | 'email_locale_changed'
  | 'email_change_requested'
  | 'email_change_throttled'
  | 'email_change_link_invalid'
  | 'email_changed'
  // Customer service.
  | 'admin_accounts_exported'
  | 'admin_accounts_imported'
  // Second factor and passkeys.
  | 'second_factor_enrolled'
  | 'second_factor_used'
  | 'second_factor_failed'
  | 'second_factor_throttled'
  | 'second_factor_removed'
  /** The app's codes locked after too many wrong ones in a row (lib/second-factor/lock.ts), and opened again by staff. */
  | 'second_factor_locked'
  | 'second_factor_unlocked'
  | 'recovery_codes_renewed'
  | 'passkey_added'
  | 'passkey_renamed'
  | 'passkey_removed'
  | 'passkey_used'
  | 'passkey_failed'
  // Sésame as the OpenID Connect provider of other apps (lib/oidc/).
  | 'oidc_sign_in'
  | 'oidc_sign_in_refused'
  | 'oidc_consent_given'
  | 'oidc_consent_refused'
  | 'oidc_token_issued'
  | 'oidc_token_refused'
  | 'oidc_authorization_refused';

/** Who acts (a signed-in admin) and from where; every staff action is audited with both. */
export type Actor = { id: string; request?: RequestInfo };

export type AuditInput = {
  type: AuditType;
  accountId?: string | null;
  actorId?: string | null;
  identifier?: string | null;
  request?: RequestInfo;
  details?: Record<string, unknown>;
};

/** The database, or the transaction of the change an event records (it commits with the change, or not at all). */
type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** Writes one audit row and one structured log line. Callers never pass passwords or tokens. */
export async function audit(event: AuditInput, db: DbOrTx = getDb()): Promise<void> {
  const row = {
    at: now(),
    type: event.type,
    accountId: event.accountId ?? null,
    actorId: event.actorId ?? null,
    identifier: event.identifier?.slice(0, MAX_IDENTIFIER_INPUT) ?? null,
    ip: event.request?.ip ?? null,
    userAgent: event.request?.userAgent ?? null,
    details: event.details ?? null,
  };
  log.info('audit', row);
  await db.insert(auditEvents).values(row);
}
