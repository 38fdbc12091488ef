import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advanceClock, MINUTE } from '@/lib/clock';
import { closeHashPool, openHashPool } from '@/lib/crypto/hash-pool';
import { hashPassword } from '@/lib/crypto/password-hash';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { checkCurrentPassword } from '@/lib/passwords/current-password';
import { signInWithPassword, type SignInResult } from '@/lib/sign-in/password';
import { THROTTLE_POLICIES } from '@/lib/throttles/policies';
import { request, resetDatabase } from './database';

const attempt = (identifier: string, password: string, ip: string) => signInWithPassword({ identifier, password, remember: false }, { ...request, ip });
const outcome = (result: SignInResult) => (result.ok ? 'ok' : result.reason);

beforeEach(resetDatabase);
afterEach(closeHashPool);
afterAll(closeDb);

describe("one address's share of the hashing pool", () => {
  it('leaves room for another address while one address sends more checks than the pool takes', async () => {
    await closeHashPool();
    // One thread and 8 places in the queue: an address may have 2 checks in flight.
    openHashPool({ threads: 1, maxQueue: 8, maxWaitMs: 600_000 });
    const looping = Array.from({ length: 16 }, (_, i) => attempt(String(40_000_000 + i), 'any-password', '198.51.100.7'));
    const others = [
      attempt('00123456', 'Sesame-Demo-2026', '203.0.113.50'),
      attempt('00024680', 'Durand-Lea-2026', '203.0.113.50'),
    ];
    const loopOutcomes = (await Promise.all(looping)).map(outcome);
    expect((await Promise.all(others)).map(outcome)).toEqual(['ok', 'ok']);
    // The looping address had its share checked; the rest were told at once to come back.
    expect(loopOutcomes.filter((o) => o === 'invalid')).toHaveLength(2);
    expect(loopOutcomes.filter((o) => o === 'busy')).toHaveLength(14);
  });
});

describe('budgets of password checks, right passwords included', () => {
  it("stop a loop signing in to one's own account: 30 checks per identifier per 15 minutes, from any address", async () => {
    const { limit, windowMs } = THROTTLE_POLICIES.passwordChecksIdentifier;
    for (let i = 0; i < limit; i += 1) expect(outcome(await attempt('00123456', 'Sesame-Demo-2026', `198.51.100.${i}`))).toBe('ok');
    expect(await attempt('00123456', 'Sesame-Demo-2026', '192.0.2.1')).toEqual({ ok: false, reason: 'throttled', retryAfterMinutes: 15, untilReset: false });
    // Another account from the same address is not concerned, and the window ends.
    expect(outcome(await attempt('00024680', 'Durand-Lea-2026', '192.0.2.1'))).toBe('ok');
    advanceClock(windowMs);
    expect(outcome(await attempt('00123456', 'Sesame-Demo-2026', '192.0.2.1'))).toBe('ok');
  });

  it('stop one address: 200 checks per 15 minutes across accounts, then the address waits and others do not', async () => {
    const { limit } = THROTTLE_POLICIES.passwordChecksAddress;
    const passwordHash = await hashPassword('Budget-Test-2026');
    const identifiers = Array.from({ length: 10 }, (_, i) => String(30_000_100 + i));
    await getDb()
      .insert(accounts)
      .values(identifiers.map((identifier) => ({ identifier, kind: 'licence' as const, email: `${identifier}@example.test`, name: identifier, status: 'active' as const, passwordHash })));
    for (let i = 0; i < limit; i += 1) expect(outcome(await attempt(identifiers[i % 10], 'Budget-Test-2026', '198.51.100.7'))).toBe('ok');
    expect(await attempt('00123456', 'Sesame-Demo-2026', '198.51.100.7')).toMatchObject({ ok: false, reason: 'throttled' });
    expect(outcome(await attempt('00123456', 'Sesame-Demo-2026', '198.51.100.8'))).toBe('ok');
  });

  it('count the current password asked again of a signed-in person', async () => {
    const [marie] = await getDb().select().from(accounts).where(eq(accounts.identifier, '00123456'));
    const { limit } = THROTTLE_POLICIES.passwordChecksIdentifier;
    const check = () => checkCurrentPassword({ identifier: marie.identifier, passwordHash: marie.passwordHash! }, 'Sesame-Demo-2026', request);
    for (let i = 0; i < limit; i += 1) expect(await check()).toEqual({ ok: true });
    expect(await check()).toMatchObject({ ok: false, reason: 'throttled' });
  });
});

describe('IPv6', () => {
  it('counts the failures of a /48 across its /64s, so that a spray from one site stops', async () => {
    const { limit } = THROTTLE_POLICIES.loginNetwork;
    // Each failure from its own /64 of 2001:db8:7::/48, against its own identifier.
    for (let i = 0; i < limit; i += 1) expect(outcome(await attempt(String(50_000_000 + i), 'wrong', `2001:db8:7:${i.toString(16)}::1`))).toBe('invalid');
    expect(await attempt('00123456', 'Sesame-Demo-2026', '2001:db8:7:ffff::1')).toMatchObject({ ok: false, reason: 'throttled' });
    // Another /48 is not concerned, and the window ends.
    expect(outcome(await attempt('00123456', 'Sesame-Demo-2026', '2001:db8:8::1'))).toBe('ok');
    advanceClock(15 * MINUTE);
    expect(outcome(await attempt('00024680', 'Durand-Lea-2026', '2001:db8:7:ffff::1'))).toBe('ok');
  });
});
