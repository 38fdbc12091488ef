import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINUTE, HOUR, DAY } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { oidcClients, oidcKeys, oidcRecords } from '@/lib/db/schema';
import { addClient, checkRedirectUri, ClientProblem, listClients, removeClient, rotateClientSecret } from '@/lib/oidc/clients';
import { hashBasicSecret } from '@/lib/oidc/client-secret';
import { addSigningKey, dropOldKeys, planKeys, signingKeys } from '@/lib/oidc/keys';
import { resetDatabase } from './database';

beforeEach(async () => {
  await resetDatabase();
  vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  await closeDb();
});

describe('clients', () => {
  it('keeps only the hash of a confidential client\'s secret, and none for a public one', async () => {
    const { client, secret } = await addClient({ name: 'Boutique', redirectUris: ['https://boutique.example/cb'] });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await getDb().select().from(oidcClients);
    expect(row.secretHash).toBe(createHash('sha256').update(secret!).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    const mobile = await addClient({ name: 'Appli', redirectUris: ['http://localhost:8080/cb'], public: true });
    expect(mobile.secret).toBeNull();
    expect((await listClients()).map((c) => c.name)).toEqual(['Appli', 'Boutique']);
    expect(client.id).not.toBe(mobile.client.id);
  });

  it('takes exact https redirect URIs only (http on this machine)', () => {
    expect(checkRedirectUri('https://boutique.example/cb?x=1')).toBe('https://boutique.example/cb?x=1');
    expect(checkRedirectUri('http://127.0.0.1:8080/cb')).toBe('http://127.0.0.1:8080/cb');
    for (const bad of ['http://boutique.example/cb', 'https://boutique.example/cb#x', 'https://*.example/cb', 'https://u:p@boutique.example/cb', '/cb', 'javascript:alert(1)']) {
      expect(() => checkRedirectUri(bad), bad).toThrow(ClientProblem);
    }
  });

  it('rotates a secret (the old one no longer matches) and removes a client with what it was given', async () => {
    const { client, secret } = await addClient({ name: 'Boutique', redirectUris: ['https://boutique.example/cb'] });
    const next = await rotateClientSecret(client.id);
    const [row] = await getDb().select().from(oidcClients);
    expect(row.secretHash).toBe(createHash('sha256').update(next).digest('hex'));
    expect(row.secretHash).not.toBe(createHash('sha256').update(secret!).digest('hex'));
    await getDb().insert(oidcRecords).values([
      { model: 'RefreshToken', id: 'of-boutique', payload: { clientId: client.id } },
      { model: 'RefreshToken', id: 'of-another', payload: { clientId: 'another' } },
    ]);
    await removeClient(client.id);
    expect(await listClients()).toEqual([]);
    expect((await getDb().select({ id: oidcRecords.id }).from(oidcRecords)).map((r) => r.id)).toEqual(['of-another']);
    await expect(removeClient(client.id)).rejects.toThrow(ClientProblem);
  });

  it('hashes the secret of HTTP Basic credentials before the provider compares it', () => {
    const request = { headers: { authorization: `Basic ${Buffer.from('client%20id:s%3Acret+x').toString('base64')}` } } as never as import('node:http').IncomingMessage;
    hashBasicSecret(request);
    const [id, hashed] = Buffer.from(String(request.headers.authorization).slice(6), 'base64').toString().split(':');
    expect(decodeURIComponent(id)).toBe('client id');
    expect(hashed).toBe(createHash('sha256').update('s:cret x').digest('hex'));
  });
});

describe('signing keys', () => {
  const key = (kid: string, createdAt: number) => ({ kid, createdAt: new Date(createdAt) });
  const t0 = Date.UTC(2026, 0, 1);

  it('signs with the first key at once, with a new one only after it was published 10 minutes', () => {
    expect(planKeys([key('a', t0)], new Date(t0))).toEqual({ signer: 'a', published: ['a'], dropped: [] });
    const keys = [key('a', t0), key('b', t0 + DAY)];
    expect(planKeys(keys, new Date(t0 + DAY + 5 * MINUTE))).toEqual({ signer: 'a', published: ['a', 'b'], dropped: [] });
    expect(planKeys(keys, new Date(t0 + DAY + 10 * MINUTE))).toEqual({ signer: 'b', published: ['a', 'b'], dropped: [] });
    // The old key stays published a day after its successor started signing, then goes.
    expect(planKeys(keys, new Date(t0 + 2 * DAY + 9 * MINUTE))).toEqual({ signer: 'b', published: ['a', 'b'], dropped: [] });
    expect(planKeys(keys, new Date(t0 + 2 * DAY + 11 * MINUTE))).toEqual({ signer: 'b', published: ['b'], dropped: ['a'] });
  });

  it('keeps its keys sealed in the database, the signer first, and drops the ones nothing needs', async () => {
    const first = await signingKeys(new Date(t0));
    expect(first.keys).toHaveLength(1);
    const [row] = await getDb().select().from(oidcKeys);
    expect(row.sealedJwk).not.toContain('"d"');
    const second = await addSigningKey(new Date(t0 + HOUR));
    const soon = await signingKeys(new Date(t0 + HOUR + MINUTE));
    expect(soon.keys.map((k) => k.kid)).toEqual([first.keys[0].kid, second]);
    const later = await signingKeys(new Date(t0 + HOUR + 11 * MINUTE));
    expect(later.keys.map((k) => k.kid)).toEqual([second, first.keys[0].kid]);
    expect(await dropOldKeys(new Date(t0 + HOUR + DAY))).toBe(0);
    expect(await dropOldKeys(new Date(t0 + HOUR + DAY + 11 * MINUTE))).toBe(1);
    expect((await signingKeys(new Date(t0 + 2 * DAY))).keys.map((k) => k.kid)).toEqual([second]);
  });
});
