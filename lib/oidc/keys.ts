import { asc, inArray } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { MINUTE, DAY, now } from '@/lib/clock';
import { sealer } from '@/lib/crypto/sealed';
import { getDb } from '@/lib/db/client';
import { oidcKeys } from '@/lib/db/schema';

/**
 * The keys that sign ID tokens, kept in the database so that every process and instance signs
 * with the same one, their private parts sealed with AUTH_SECRET.
 *
 * A rotation (`npm run accounts -- clients rotate-keys`) adds a key; nothing else changes at
 * once. From the creation dates alone:
 * - a new key is published at once but signs only after PUBLISH_LEAD, once every process has
 *   reloaded the key set (they do every minute, lib/oidc/provider.ts) and relying parties that
 *   cache the JWKS can find it;
 * - the newest key old enough signs (the very first key signs at once: nothing to break);
 * - an older key stays published for KEEP after its successor started signing, longer than any
 *   token it signed lives (ID tokens: one hour), then is dropped.
 */
export const PUBLISH_LEAD = 10 * MINUTE;
export const KEEP = DAY;
const ALG = 'RS256';

const keySealer = sealer('oidc-signing-keys');

export type StoredKey = { kid: string; createdAt: Date };
export type KeyPlan = { signer: string; published: string[]; dropped: string[] };

/** Which key signs, which are published and which can go, at `at`. Keys in creation order. */
export function planKeys(keys: readonly StoredKey[], at: Date): KeyPlan | null {
  if (keys.length === 0) return null;
  const ready = keys.filter((k) => k.createdAt.getTime() <= at.getTime() - PUBLISH_LEAD);
  const signerIndex = ready.length > 0 ? keys.indexOf(ready[ready.length - 1]) : 0;
  const published: string[] = [];
  const dropped: string[] = [];
  keys.forEach((key, i) => {
    // An older key: kept while its successor has signed for less than KEEP.
    const successorSigningSince = i < signerIndex ? keys[i + 1].createdAt.getTime() + PUBLISH_LEAD : Infinity;
    (successorSigningSince < at.getTime() - KEEP ? dropped : published).push(key.kid);
  });
  return { signer: keys[signerIndex].kid, published, dropped };
}

async function newKey(): Promise<{ kid: string; sealedJwk: string }> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, sealedJwk: keySealer.seal(JSON.stringify({ ...jwk, kid, alg: ALG, use: 'sig' })) };
}

/** Adds a key (the first one, or a rotation); the kid. */
export async function addSigningKey(at = now()): Promise<string> {
  const key = await newKey();
  await getDb().insert(oidcKeys).values({ ...key, createdAt: at });
  return key.kid;
}

/** The signer first, then the other published keys: what oidc-provider takes as `jwks`. Makes the first key when there is none. */
export async function signingKeys(at = now()): Promise<{ keys: JWK[]; fingerprint: string }> {
  const db = getDb();
  let rows = await db.select().from(oidcKeys).orderBy(asc(oidcKeys.createdAt), asc(oidcKeys.kid));
  if (rows.length === 0) {
    await addSigningKey(at);
    rows = await db.select().from(oidcKeys).orderBy(asc(oidcKeys.createdAt), asc(oidcKeys.kid));
  }
  const plan = planKeys(rows, at)!;
  const byKid = new Map(rows.map((r) => [r.kid, r]));
  const order = [plan.signer, ...plan.published.filter((kid) => kid !== plan.signer)];
  const keys = order.map((kid) => JSON.parse(keySealer.unseal(byKid.get(kid)!.sealedJwk)) as JWK);
  return { keys, fingerprint: order.join(',') };
}

/** Deletes the keys no token can need any more (called by the daily purge). */
export async function dropOldKeys(at = now()): Promise<number> {
  const db = getDb();
  const rows = await db.select({ kid: oidcKeys.kid, createdAt: oidcKeys.createdAt }).from(oidcKeys).orderBy(asc(oidcKeys.createdAt), asc(oidcKeys.kid));
  const plan = planKeys(rows, at);
  if (!plan || plan.dropped.length === 0) return 0;
  await db.delete(oidcKeys).where(inArray(oidcKeys.kid, plan.dropped));
  return plan.dropped.length;
}
