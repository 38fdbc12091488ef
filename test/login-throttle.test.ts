import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearLoginFailures } from '@/lib/throttles/login';
import { signInWithPassword } from '@/lib/sign-in/password';
import { advanceClock } from '@/lib/clock';
import { closeDb } from '@/lib/db/client';
import { request, resetDatabase } from './database';

const MINUTE = 60_000;
const attempt = (identifier: string, password: string, ip = request.ip) =>
  signInWithPassword({ identifier, password, remember: false }, { ...request, ip });

beforeEach(resetDatabase);
afterAll(closeDb);

describe('login throttles', () => {
  it('waits 1, 2, 4, 8 then 15 minutes from the 5th consecutive failure', async () => {
    for (let i = 0; i < 4; i += 1) expect(await attempt('00123456', 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt('00123456', 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
    for (const minutes of [1, 2, 4, 8, 15, 15]) {
      expect(await attempt('00123456', 'Sesame-Demo-2026')).toEqual({ ok: false, reason: 'throttled', retryAfterMinutes: minutes, untilReset: false });
      advanceClock(minutes * MINUTE - 1000);
      expect((await attempt('00123456', 'Sesame-Demo-2026')).ok).toBe(false);
      advanceClock(1000);
      expect(await attempt('00123456', 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('answers the same for a known and an unknown identifier', async () => {
    for (let i = 0; i < 5; i += 1) {
      await attempt('00123456', 'wrong-password');
      await attempt('00999999', 'wrong-password', '198.51.100.1');
    }
    expect(await attempt('00123456', 'x-password')).toEqual(await attempt('00999999', 'x-password', '198.51.100.1'));
  });

  it('forgets the failures after a successful sign-in', async () => {
    for (let i = 0; i < 4; i += 1) await attempt('00123456', 'wrong-password');
    expect((await attempt('00123456', 'Sesame-Demo-2026')).ok).toBe(true);
    for (let i = 0; i < 4; i += 1) await attempt('00123456', 'wrong-password');
    expect((await attempt('00123456', 'Sesame-Demo-2026')).ok).toBe(true);
  });

  it('stops accepting the password after 100 failures until a reset clears them', async () => {
    for (let i = 0; i < 100; i += 1) {
      await attempt('00123456', 'wrong-password', `192.0.2.${i % 3}`);
      advanceClock(16 * MINUTE);
    }
    const refused = await attempt('00123456', 'Sesame-Demo-2026');
    // Said as it is: waiting will not help, a reset (or a passkey) will.
    expect(refused).toMatchObject({ ok: false, reason: 'throttled', untilReset: true });
    advanceClock(24 * 60 * MINUTE);
    expect(await attempt('00123456', 'Sesame-Demo-2026')).toMatchObject({ ok: false, reason: 'throttled' });
    await clearLoginFailures('00123456');
    expect((await attempt('00123456', 'Sesame-Demo-2026')).ok).toBe(true);
  });

  it('throttles an address after 30 failures in 15 minutes, across identifiers', async () => {
    for (let i = 0; i < 30; i += 1) await attempt(String(20000000 + i), 'wrong-password');
    expect(await attempt('00123456', 'Sesame-Demo-2026')).toEqual({ ok: false, reason: 'throttled', retryAfterMinutes: 15, untilReset: false });
    expect((await attempt('00123456', 'Sesame-Demo-2026', '198.51.100.9')).ok).toBe(true);
    advanceClock(15 * MINUTE);
    expect((await attempt('00123456', 'Sesame-Demo-2026')).ok).toBe(true);
  });

  it('counts the identifier once whatever its spelling', async () => {
    for (const spelling of ['123456', '00123456', '0012 3456', '00.123.456', '123-456']) await attempt(spelling, 'wrong-password');
    expect(await attempt('00123456', 'Sesame-Demo-2026')).toMatchObject({ ok: false, reason: 'throttled' });
  });
});
