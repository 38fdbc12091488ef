import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { endAccountSessions, openSessions, resolveSession } from '@/lib/sessions/sessions';
import { signInWithPassword } from '@/lib/sign-in/password';
import { advanceClock } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { request, resetDatabase } from './database';

const HOUR = 3_600_000;

async function openSession(remember: boolean, identifier = '00123456', password = 'Sesame-Demo-2026') {
  const result = await signInWithPassword({ identifier, password, remember }, request);
  if (!result.ok) throw new Error('sign-in failed');
  return result.sessionId;
}

beforeEach(resetDatabase);
afterAll(closeDb);

describe('sessions the server can end', () => {
  it('resolves an open session to its account', async () => {
    const sid = await openSession(false);
    expect(await resolveSession(sid)).toMatchObject({ identifier: '00123456', name: 'Marie Dupont', sessionId: sid });
  });

  it('ends every session of an account at the next request (what a password reset does)', async () => {
    const first = await openSession(false);
    const second = await openSession(true);
    expect(await endAccountSessions((await resolveSession(first))!.id, 'password_reset')).toBe(2);
    expect(await resolveSession(first)).toBeNull();
    expect(await resolveSession(second)).toBeNull();
  });

  it('can keep the current session while ending the others (what a password change does)', async () => {
    const current = await openSession(false);
    const other = await openSession(true);
    const accountId = (await resolveSession(current))!.id;
    await endAccountSessions(accountId, 'password_changed', current);
    expect(await resolveSession(current)).not.toBeNull();
    expect(await resolveSession(other)).toBeNull();
  });

  it('ends the sessions of a disabled account', async () => {
    const sid = await openSession(true);
    await getDb().update(accounts).set({ status: 'disabled' }).where(eq(accounts.identifier, '00123456'));
    expect(await resolveSession(sid)).toBeNull();
    await getDb().update(accounts).set({ status: 'active' }).where(eq(accounts.identifier, '00123456'));
    expect(await resolveSession(sid)).toBeNull();
  });

  it('ends a browser session after 2 hours without a request', async () => {
    const sid = await openSession(false);
    advanceClock(HOUR + 59 * 60_000);
    expect(await resolveSession(sid)).not.toBeNull();
    advanceClock(HOUR + 59 * 60_000);
    expect(await resolveSession(sid)).not.toBeNull();
    advanceClock(2 * HOUR);
    expect(await resolveSession(sid)).toBeNull();
  });

  it('ends a browser session after 12 hours even when it is used', async () => {
    const sid = await openSession(false);
    for (let hour = 0; hour < 11; hour += 1) {
      advanceClock(HOUR);
      expect(await resolveSession(sid), `after ${hour + 1} h`).not.toBeNull();
    }
    advanceClock(HOUR);
    expect(await resolveSession(sid)).toBeNull();
  });

  it('keeps a remembered session through idle days, for 30 days', async () => {
    const sid = await openSession(true);
    advanceClock(10 * 24 * HOUR);
    expect(await resolveSession(sid)).not.toBeNull();
    advanceClock(19 * 24 * HOUR);
    expect(await resolveSession(sid)).not.toBeNull();
    advanceClock(24 * HOUR);
    expect(await resolveSession(sid)).toBeNull();
  });

  it('lists only the open sessions of the account', async () => {
    const a = await openSession(false);
    const b = await openSession(true);
    await openSession(false, '10005', 'Sesame-Pro-2026');
    const accountId = (await resolveSession(a))!.id;
    expect((await openSessions(accountId)).map((s) => s.id).sort()).toEqual([a, b].sort());
  });

  it('does not resolve a made-up session id', async () => {
    expect(await resolveSession('made-up')).toBeNull();
  });
});
