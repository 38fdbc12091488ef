/**
 * The app of e2e/openid-connect.spec.ts, registered with a known id and secret (what
 * `npm run accounts -- clients add` does with random ones): OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
 * OIDC_REDIRECT_URI.
 */
import { closeDb, getDb } from '@/lib/db/client';
import { oidcClients } from '@/lib/db/schema';
import { hashClientSecret } from '@/lib/oidc/clients';

const { OIDC_CLIENT_ID: id, OIDC_CLIENT_SECRET: secret, OIDC_REDIRECT_URI: redirectUri } = process.env;
if (!id || !secret || !redirectUri) throw new Error('OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI are needed');
await getDb()
  .insert(oidcClients)
  .values({ id, name: 'Boutique (Apache)', secretHash: hashClientSecret(secret), redirectUris: [redirectUri] })
  .onConflictDoNothing();
await closeDb();
