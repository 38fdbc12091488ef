import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/crypto/password-hash';
import { findUsableLink, consumeLinkAndSetPassword } from '@/lib/password-links/tokens';
import { processResetRequest } from '@/lib/accounts/reset-request';
import { resolveSession } from '@/lib/sessions/sessions';
import { signInWithPassword } from '@/lib/sign-in/password';
import { advanceClock } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, emailOutbox, passwordLinks } from '@/lib/db/schema';
import { openedBody } from '@/lib/mail/queue';
import { request, resetDatabase } from './database';

const HOUR = 3_600_000;
const TOKEN = /\/reinitialisation\/([A-Za-z0-9_-]{43})/g;

async function emailsTo(address: string) {
  return getDb().select().from(emailOutbox).where(eq(emailOutbox.to, address)).orderBy(emailOutbox.createdAt);
}

/** Asks for a link as the form does and returns the tokens of the email that arrived. */
async function requestTokens(input: { identifier?: string; email?: string }, address: string, ip = request.ip): Promise<string[]> {
  const before = (await emailsTo(address)).length;
  await processResetRequest({ identifier: input.identifier ?? '', email: input.email ?? '' }, { ...request, ip });
  const emails = await emailsTo(address);
  if (emails.length === before) return [];
  return [...openedBody(emails.at(-1)!).text.matchAll(TOKEN)].map((m) => m[1]);
}

const setPassword = async (token: string, password: string) => (await consumeLinkAndSetPassword(token, await hashPassword(password)))?.account ?? null;

beforeEach(resetDatabase);
afterAll(closeDb);

describe('reset requests', () => {
  it('sends an active account a reset link and a pending one a first-connection link', async () => {
    expect(await requestTokens({ identifier: '123456' }, 'marie.dupont@example.org')).toHaveLength(1);
    expect((await emailsTo('marie.dupont@example.org'))[0].template).toBe('reset');
    expect(await requestTokens({ identifier: '00067890' }, 'paul.martin@example.org')).toHaveLength(1);
    expect((await emailsTo('paul.martin@example.org'))[0].template).toBe('activation');
  });

  it('matches by email alone, case-insensitively, and lists every account of a shared address once', async () => {
    expect(await requestTokens({ email: 'Marie.Dupont@EXAMPLE.org' }, 'marie.dupont@example.org')).toHaveLength(1);
    const tokens = await requestTokens({ email: 'famille.durand@example.org' }, 'famille.durand@example.org');
    expect(tokens).toHaveLength(2);
    expect(await emailsTo('famille.durand@example.org')).toHaveLength(1);
    const owners = await Promise.all(tokens.map(async (t) => (await findUsableLink(t))?.identifier));
    expect(owners.sort()).toEqual(['00013579', '00024680']);
  });

  it('sends nothing for unknown or disabled accounts', async () => {
    expect(await requestTokens({ identifier: '00999999' }, 'marie.dupont@example.org')).toEqual([]);
    await getDb().update(accounts).set({ status: 'disabled' }).where(eq(accounts.identifier, '00123456'));
    expect(await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org')).toEqual([]);
    expect(await getDb().select().from(emailOutbox)).toHaveLength(0);
  });

  it('with RESET_MATCH=both needs the identifier and the email of one account', async () => {
    const { accountsForReset } = await import('@/lib/accounts/reset-matching');
    const id = { ok: true as const, type: 'licence' as const, value: '00123456' };
    expect(await accountsForReset(id, 'marie.dupont@example.org', 'both')).toHaveLength(1);
    expect(await accountsForReset(id, 'paul.martin@example.org', 'both')).toHaveLength(0);
    expect(await accountsForReset(id, null, 'both')).toHaveLength(0);
    expect(await accountsForReset(null, 'marie.dupont@example.org', 'both')).toHaveLength(0);
  });

  it('sends at most 3 emails per account per hour and 10 per day, silently', async () => {
    for (let i = 0; i < 3; i += 1) expect(await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org', `192.0.2.${i}`)).toHaveLength(1);
    expect(await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org', '192.0.2.9')).toEqual([]);
    for (let hour = 1; hour <= 3; hour += 1) {
      advanceClock(HOUR);
      for (let i = 0; i < 3; i += 1) await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org', `192.0.2.${hour * 10 + i}`);
    }
    expect(await emailsTo('marie.dupont@example.org')).toHaveLength(10);
    advanceClock(HOUR);
    expect(await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org', '192.0.2.99')).toEqual([]);
  });

  it('accepts at most 10 requests per address per hour', async () => {
    const identifiers = ['00123456', '00067890', '00024680', '00013579', '10005', '10006', '00000001'];
    for (let i = 0; i < 10; i += 1) await processResetRequest({ identifier: identifiers[i % 7], email: '' }, request);
    const sent = (await getDb().select().from(emailOutbox)).length;
    expect(sent).toBe(10);
    await processResetRequest({ identifier: '00123456', email: '' }, { ...request });
    expect((await getDb().select().from(emailOutbox)).length).toBe(10);
  });

  it('stores only the SHA-256 of the token', async () => {
    const [token] = await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org');
    const rows = await getDb().select().from(passwordLinks);
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe('using a link', () => {
  it('activates a pending account, which can then sign in', async () => {
    const [token] = await requestTokens({ identifier: '00067890' }, 'paul.martin@example.org');
    const account = await setPassword(token, 'Paul a choisi un mot de passe');
    expect(account).toMatchObject({ identifier: '00067890', status: 'active' });
    expect((await signInWithPassword({ identifier: '0067890', password: 'Paul a choisi un mot de passe', remember: false }, request)).ok).toBe(true);
  });

  it('is never used by reading it, works until it is used, and only once', async () => {
    const [token] = await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org');
    for (let i = 0; i < 3; i += 1) expect(await findUsableLink(token)).not.toBeNull();
    expect(await setPassword(token, 'Nouveau mot de passe 1')).not.toBeNull();
    expect(await findUsableLink(token)).toBeNull();
    expect(await setPassword(token, 'Nouveau mot de passe 2')).toBeNull();
  });

  it('every link sent in the window works until one is used', async () => {
    const [first] = await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org');
    advanceClock(HOUR);
    const [second] = await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org');
    expect(await findUsableLink(first)).not.toBeNull();
    expect(await findUsableLink(second)).not.toBeNull();
    expect(await setPassword(first, 'Le premier lien a servi')).not.toBeNull();
    expect(await findUsableLink(second)).toBeNull();
  });

  it('expires after RESET_TOKEN_TTL_HOURS (8)', async () => {
    const [token] = await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org');
    advanceClock(8 * HOUR - 60_000);
    expect(await findUsableLink(token)).not.toBeNull();
    advanceClock(60_000);
    expect(await findUsableLink(token)).toBeNull();
    expect(await setPassword(token, 'Trop tard pour ce lien')).toBeNull();
  });

  it('two submissions of one link at the same time: exactly one succeeds', async () => {
    const [token] = await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org');
    const [hashA, hashB] = await Promise.all([hashPassword('Premier onglet'), hashPassword('Second onglet')]);
    const results = await Promise.all([consumeLinkAndSetPassword(token, hashA), consumeLinkAndSetPassword(token, hashB)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('ends every session, and clears the login throttle', async () => {
    const signedIn = await signInWithPassword({ identifier: '00123456', password: 'Sesame-Demo-2026', remember: true }, request);
    if (!signedIn.ok) throw new Error('sign-in failed');
    for (let i = 0; i < 6; i += 1) await signInWithPassword({ identifier: '00123456', password: 'wrong-password', remember: false }, request);
    expect(await signInWithPassword({ identifier: '00123456', password: 'Sesame-Demo-2026', remember: false }, request)).toMatchObject({ reason: 'throttled' });

    const [token] = await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org');
    await setPassword(token, 'Apres la reinitialisation');
    expect(await resolveSession(signedIn.sessionId)).toBeNull();
    expect((await signInWithPassword({ identifier: '00123456', password: 'Apres la reinitialisation', remember: false }, request)).ok).toBe(true);
  });

  it('refuses a link of an account disabled since', async () => {
    const [token] = await requestTokens({ identifier: '00123456' }, 'marie.dupont@example.org');
    await getDb().update(accounts).set({ status: 'disabled' }).where(eq(accounts.identifier, '00123456'));
    expect(await findUsableLink(token)).toBeNull();
    expect(await setPassword(token, 'Compte desactive entre-temps')).toBeNull();
  });
});
