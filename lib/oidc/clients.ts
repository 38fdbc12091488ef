import { createHash, randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { oidcClients, oidcRecords } from '@/lib/db/schema';
import { sql } from 'drizzle-orm';

/**
 * The apps that sign people in with Sésame (its OpenID Connect clients), registered by operators
 * with `npm run accounts -- clients …` (docs/openid-connect.md). A confidential client gets a
 * secret shown once and kept as its SHA-256 (lib/oidc/client-secret.ts explains how the provider
 * compares it); a public one (a mobile or single-page app) has none and must use PKCE.
 */
export type Client = typeof oidcClients.$inferSelect;
export type NewClient = {
  name: string;
  redirectUris: string[];
  public?: boolean;
  backChannelLogoutUri?: string | null;
  postLogoutRedirectUris?: string[];
  requireSecondFactor?: boolean;
  /** Someone else's app: people are asked, on a consent page, before it learns anything. */
  thirdParty?: boolean;
};

export class ClientProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientProblem';
  }
}

/** The stored form of a secret: its SHA-256, hex. Secrets are 256 random bits: nothing to guess. */
export const hashClientSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

const newSecret = () => randomBytes(32).toString('base64url');
const newId = () => randomBytes(12).toString('base64url');

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A redirect URI as the provider will compare it: exactly, character for character. HTTPS, or
 * HTTP on this machine only (a developer's app); no fragment, no wildcard, no credentials.
 */
export function checkRedirectUri(raw: string, what = 'redirect URI'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ClientProblem(`${what} "${raw}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new ClientProblem(`${what} "${raw}" must use https:// (http:// only for localhost or 127.0.0.1)`);
  }
  if (url.hash || raw.includes('#')) throw new ClientProblem(`${what} "${raw}" must not have a fragment (#…)`);
  if (url.username || url.password) throw new ClientProblem(`${what} "${raw}" must not hold a user name or password`);
  if (raw.includes('*')) throw new ClientProblem(`${what} "${raw}" must not hold a wildcard: each address is compared exactly`);
  return raw;
}

export async function addClient(input: NewClient): Promise<{ client: Client; secret: string | null }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new ClientProblem('the name must have 1 to 100 characters');
  if (input.redirectUris.length === 0) throw new ClientProblem('at least one --redirect-uri is needed');
  const redirectUris = input.redirectUris.map((uri) => checkRedirectUri(uri));
  const postLogoutRedirectUris = (input.postLogoutRedirectUris ?? []).map((uri) => checkRedirectUri(uri, 'post-logout redirect URI'));
  const backChannelLogoutUri = input.backChannelLogoutUri ? checkRedirectUri(input.backChannelLogoutUri, 'back-channel logout URI') : null;
  const secret = input.public ? null : newSecret();
  const [client] = await getDb()
    .insert(oidcClients)
    .values({
      id: newId(),
      name,
      secretHash: secret ? hashClientSecret(secret) : null,
      redirectUris,
      postLogoutRedirectUris,
      backChannelLogoutUri,
      requireSecondFactor: Boolean(input.requireSecondFactor),
      thirdParty: Boolean(input.thirdParty),
    })
    .returning();
  return { client, secret };
}

export const listClients = () => getDb().select().from(oidcClients).orderBy(asc(oidcClients.name), asc(oidcClients.createdAt));

export async function findClient(id: string): Promise<Client | null> {
  const [client] = await getDb().select().from(oidcClients).where(eq(oidcClients.id, id));
  return client ?? null;
}

/** A new secret for a confidential client; the old one stops working at once. */
export async function rotateClientSecret(id: string): Promise<string> {
  const client = await findClient(id);
  if (!client) throw new ClientProblem(`no client has the id "${id}"`);
  if (!client.secretHash) throw new ClientProblem(`"${client.name}" is a public client: it has no secret`);
  const secret = newSecret();
  await getDb().update(oidcClients).set({ secretHash: hashClientSecret(secret), updatedAt: new Date() }).where(eq(oidcClients.id, id));
  return secret;
}

/** Removes a client and everything the provider issued to it (codes, tokens, grants). */
export async function removeClient(id: string): Promise<Client> {
  return getDb().transaction(async (tx) => {
    const [client] = await tx.delete(oidcClients).where(eq(oidcClients.id, id)).returning();
    if (!client) throw new ClientProblem(`no client has the id "${id}"`);
    await tx.delete(oidcRecords).where(sql`${oidcRecords.payload}->>'clientId' = ${id}`);
    return client;
  });
}
