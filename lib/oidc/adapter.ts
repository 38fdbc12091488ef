import { and, eq, isNull, or } from 'drizzle-orm';
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { oidcRecords } from '@/lib/db/schema';
import { findClient } from '@/lib/oidc/clients';

/**
 * Where oidc-provider keeps what it issues (authorization codes, refresh tokens, grants, its own
 * sessions and interactions): one row per record in `oidc_records`, shared by every process and
 * instance, purged once expired (lib/oidc/retention.ts). Clients are read from `oidc_clients`,
 * which operators fill (lib/oidc/clients.ts).
 */
export class DatabaseAdapter implements Adapter {
  constructor(private readonly model: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const expiresAt = expiresIn ? new Date(now().getTime() + expiresIn * 1000) : null;
    const row = {
      model: this.model,
      id,
      payload: payload as Record<string, unknown>,
      grantId: payload.grantId ?? null,
      uid: payload.uid ?? null,
      accountId: payload.accountId ?? null,
      expiresAt,
    };
    await getDb()
      .insert(oidcRecords)
      .values(row)
      .onConflictDoUpdate({ target: [oidcRecords.model, oidcRecords.id], set: { payload: row.payload, grantId: row.grantId, uid: row.uid, accountId: row.accountId, expiresAt } });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') return clientMetadata(id);
    const [row] = await getDb()
      .select()
      .from(oidcRecords)
      .where(and(eq(oidcRecords.model, this.model), eq(oidcRecords.id, id)));
    return row && live(row);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const [row] = await getDb()
      .select()
      .from(oidcRecords)
      .where(and(eq(oidcRecords.model, this.model), eq(oidcRecords.uid, uid)));
    return row && live(row);
  }

  // Device flow only, which Sésame does not offer.
  async findByUserCode(): Promise<undefined> {
    return undefined;
  }

  /**
   * Marks a code (or a rotated refresh token) used, once. oidc-provider reads it unused, then
   * consumes it: two requests at once would both pass that read. Only the one whose write finds it
   * still unused goes on; the other is what a replay is, and is treated as oidc-provider treats
   * one: everything issued under the grant is revoked (the grant with it, so that tokens the first
   * request is still writing open nothing), and the answer is invalid_grant.
   */
  async consume(id: string): Promise<void> {
    const db = getDb();
    const mine = and(eq(oidcRecords.model, this.model), eq(oidcRecords.id, id));
    const [used] = await db.update(oidcRecords).set({ consumedAt: now() }).where(and(mine, isNull(oidcRecords.consumedAt))).returning({ id: oidcRecords.id });
    if (used) return;
    const [row] = await db.select({ grantId: oidcRecords.grantId }).from(oidcRecords).where(mine);
    if (row?.grantId) {
      await db.delete(oidcRecords).where(or(eq(oidcRecords.grantId, row.grantId), and(eq(oidcRecords.model, 'Grant'), eq(oidcRecords.id, row.grantId))));
    }
    throw new errors.InvalidGrant(`${this.model === 'RefreshToken' ? 'refresh token' : 'authorization code'} already consumed`);
  }

  async destroy(id: string): Promise<void> {
    await getDb()
      .delete(oidcRecords)
      .where(and(eq(oidcRecords.model, this.model), eq(oidcRecords.id, id)));
  }

  /** Everything issued under a grant, whatever its model: a replayed code or a revocation ends it all. */
  async revokeByGrantId(grantId: string): Promise<void> {
    await getDb().delete(oidcRecords).where(eq(oidcRecords.grantId, grantId));
  }
}

/** The payload, unless it has expired (the purge may not have run yet); `consumed` as oidc-provider reads it. */
function live(row: typeof oidcRecords.$inferSelect): AdapterPayload | undefined {
  if (row.expiresAt && row.expiresAt.getTime() <= now().getTime()) return undefined;
  const payload = row.payload as AdapterPayload;
  return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
}

/**
 * A registered client as oidc-provider reads its metadata. Confidential clients authenticate with
 * HTTP Basic only; what they send is hashed before the provider compares it with the stored hash
 * (lib/oidc/client-secret.ts). Only the code flow, with refresh tokens for those that ask.
 */
async function clientMetadata(id: string): Promise<AdapterPayload | undefined> {
  const client = await findClient(id);
  if (!client) return undefined;
  return {
    client_id: client.id,
    client_name: client.name,
    ...(client.secretHash ? { client_secret: client.secretHash, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    id_token_signed_response_alg: 'RS256',
    ...(client.backChannelLogoutUri ? { backchannel_logout_uri: client.backChannelLogoutUri, backchannel_logout_session_required: true } : {}),
    // Read by lib/oidc/provider.ts: a second factor for every sign-in of this client.
    sesame_require_second_factor: client.requireSecondFactor,
    sesame_third_party: client.thirdParty,
  };
}
