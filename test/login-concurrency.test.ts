import bcrypt from 'bcryptjs';
import { eq, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearAccountThrottles } from '@/lib/accounts/staff';
import { bcryptCompare, closeHashPool, hashPoolState, openHashPool } from '@/lib/crypto/hash-pool';
import { signInWithPassword, type SignInResult } from '@/lib/sign-in/password';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, throttles } from '@/lib/db/schema';
import { createPasswordLink, consumeLinkAndSetPassword } from '@/lib/password-links/tokens';
import { request, resetDatabase } from './database';

const attempt = (identifier: string, password: string, ip = request.ip) => signInWithPassword({ identifier, password, remember: false }, { ...request, ip });
const checked = (results: SignInResult[]) => results.filter((r) => !r.ok && r.reason === 'invalid').length;
const throttleRows = () => getDb().select().from(throttles).where(like(throttles.key, 'login:%'));

beforeEach(resetDatabase);
afterEach(closeHashPool);
afterAll(closeDb);

describe('sign-ins posted at once', () => {
  it('checks no more wrong passwords for one identifier than when they come one after another', async () => {
    const sequential: SignInResult[] = [];
    for (let i = 0; i < 20; i += 1) sequential.push(await attempt('00013579', 'wrong-password'));
    const comparisonsBefore = hashPoolState().completed;
    // From twenty addresses: one address gets no more than its share of the hashing pool at once.
    const parallel = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt('00024680', 'wrong-password', `198.51.100.${i}`)));

    // The 5th consecutive failure starts the first wait: five checks, then only waits.
    expect(checked(sequential)).toBe(5);
    expect(checked(parallel)).toBe(checked(sequential));
    expect(parallel.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(15);
    expect(hashPoolState().completed - comparisonsBefore).toBe(5);
  });

  it('answers a throttled attempt without any bcrypt, known identifier or not', async () => {
    for (const identifier of ['00123456', '00999999']) {
      for (let i = 0; i < 5; i += 1) await attempt(identifier, 'wrong-password', `198.51.100.${identifier.length + i}`);
    }
    const before = hashPoolState().completed;
    const answers = await Promise.all([attempt('00123456', 'Sesame-Demo-2026'), attempt('00999999', 'Sesame-Demo-2026', '198.51.100.99')]);
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ ok: false, reason: 'throttled' });
    expect(hashPoolState().completed).toBe(before);
  });

  it('treats a burst of right passwords like any burst: the first five get in, the others wait, nothing stays counted', async () => {
    // While a password is being checked nobody knows it is right: an attempt in flight counts.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt('00123456', 'Sesame-Demo-2026', `203.0.113.${i}`)));
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(5);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'throttled')).toBe(true);
    expect((await throttleRows()).map((r) => r.key)).not.toContain('login:id:00123456');
  });
});

describe('a full hashing pool', () => {
  it('answers "busy" at once and counts nothing against the account or the address', async () => {
    await closeHashPool();
    openHashPool({ threads: 1, maxQueue: 1 });
    const slow = await bcrypt.hash('slow', 10);
    // One comparison running, one waiting: the queue is full.
    const running = [bcryptCompare('slow', slow), bcryptCompare('slow', slow)];

    expect(await attempt('00123456', 'Sesame-Demo-2026')).toEqual({ ok: false, reason: 'busy' });
    // Answered before any database work: not even a reservation to give back.
    expect(await throttleRows()).toEqual([]);

    await Promise.all(running);
    expect((await attempt('00123456', 'Sesame-Demo-2026')).ok).toBe(true);
  });

  it('answers "busy" when the tasks already queued would make the check wait too long, however short the queue', async () => {
    await closeHashPool();
    openHashPool({ threads: 1, maxQueue: 64, maxWaitMs: 1 });
    const slow = await bcrypt.hash('slow', 12);
    // One task teaches the pool how long a task takes (far more than 1 ms).
    await bcryptCompare('slow', slow);
    expect(hashPoolState().taskMs).toBeGreaterThan(1);
    // One running and one waiting (accepted: nothing was queued ahead of it); the next would wait.
    const running = [bcryptCompare('slow', slow), bcryptCompare('slow', slow)];
    expect(hashPoolState().queued).toBeGreaterThan(0);

    expect(await attempt('00123456', 'Sesame-Demo-2026')).toEqual({ ok: false, reason: 'busy' });
    expect(await throttleRows()).toEqual([]);

    await Promise.all(running);
    expect((await attempt('00123456', 'Sesame-Demo-2026')).ok).toBe(true);
  });
});

describe("an account's two keys, its number and its email", () => {
  const email = 'marie.dupont@example.org';
  const keys = async () => (await throttleRows()).map((r) => r.key).sort();

  it('are both forgotten after a successful sign-in', async () => {
    for (let i = 0; i < 3; i += 1) {
      await attempt(email, 'wrong-password');
      await attempt('00123456', 'wrong-password');
    }
    expect(await keys()).toEqual(['login:id:00123456', `login:id:${email}`, `login:ip:${request.ip}`]);
    expect((await attempt('00123456', 'Sesame-Demo-2026')).ok).toBe(true);
    expect(await keys()).toEqual([`login:ip:${request.ip}`]);
  });

  it('are both forgotten by a reset, and by the staff button', async () => {
    const [marie] = await getDb().select().from(accounts).where(eq(accounts.identifier, '00123456'));
    for (let i = 0; i < 6; i += 1) await attempt(email, 'wrong-password', `192.0.2.${i}`);
    expect(await attempt(email, 'Sesame-Demo-2026', '192.0.2.99')).toMatchObject({ reason: 'throttled' });

    const { token } = await createPasswordLink(marie.id, 'reset');
    await consumeLinkAndSetPassword(token, marie.passwordHash!);
    expect((await attempt(email, 'Sesame-Demo-2026', '192.0.2.99')).ok).toBe(true);

    for (let i = 0; i < 6; i += 1) await attempt(email, 'wrong-password', `192.0.2.${i}`);
    await clearAccountThrottles(marie.id, { id: marie.id, request });
    expect((await attempt(email, 'Sesame-Demo-2026', '192.0.2.99')).ok).toBe(true);
  });
});

describe('per-address limits', () => {
  it('count an IPv6 /64 as one address', async () => {
    for (let i = 1; i <= 30; i += 1) await attempt(String(30_000_000 + i), 'wrong-password', `2001:db8:1:2::${i.toString(16)}`);
    expect(await attempt('00123456', 'Sesame-Demo-2026', '2001:db8:1:2:ffff::1')).toMatchObject({ reason: 'throttled' });
    expect((await attempt('00123456', 'Sesame-Demo-2026', '2001:db8:1:3::1')).ok).toBe(true);
  });
});
