import { eq, like } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { findAccountByNumber } from '@/lib/accounts/queries';
import { hashPassword } from '@/lib/crypto/password-hash';
import { signInWithPassword } from '@/lib/sign-in/password';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, emailOutbox, throttles } from '@/lib/db/schema';
import { processResetRequest } from '@/lib/accounts/reset-request';
import { request, resetDatabase } from './database';

/**
 * Five digits with both kinds enabled (the default): the client code when an account has it, else
 * the licence number with its zeros restored, at sign-in and for reset requests alike.
 */
const LICENCE = { identifier: '00012345', email: 'licence-12345@example.org', password: 'Licence-douze-345' };
const CLIENT = { identifier: '12345', email: 'client-12345@example.org', password: 'Client-douze-345' };

async function addAccount(kind: 'licence' | 'client', holder: typeof LICENCE) {
  const at = new Date();
  await getDb()
    .insert(accounts)
    .values({
      identifier: holder.identifier,
      kind,
      email: holder.email,
      name: `Titulaire ${holder.identifier}`,
      locale: 'fr',
      role: 'member',
      status: 'active',
      passwordHash: await hashPassword(holder.password),
      activatedAt: at,
      createdAt: at,
      updatedAt: at,
    });
}

const signIn = (identifier: string, password: string, ip = request.ip) => signInWithPassword({ identifier, password, remember: false }, { ...request, ip });
const outboxTo = (address: string) => getDb().select().from(emailOutbox).where(eq(emailOutbox.to, address));
const identifierCounts = async () =>
  Object.fromEntries((await getDb().select().from(throttles).where(like(throttles.key, 'login:id:%'))).map((r) => [r.key, r.count]));

beforeEach(resetDatabase);
afterAll(closeDb);

describe('five digits for a licence number, no client code 12345', () => {
  beforeEach(() => addAccount('licence', LICENCE));

  it('signs in the licence holder, typed with or without its zeros', async () => {
    for (const typed of ['12345', '12 345', '00012345']) {
      expect(await signIn(typed, LICENCE.password), typed).toMatchObject({ ok: true, identifier: LICENCE.identifier });
    }
  });

  it('sends the licence holder a reset link', async () => {
    await processResetRequest({ identifier: '12345', email: '' }, request);
    expect(await outboxTo(LICENCE.email)).toHaveLength(1);
  });

  it('counts a failure against both readings, so the licence cannot be guessed past its own throttle', async () => {
    for (let i = 0; i < 5; i += 1) expect(await signIn('12345', 'wrong-password', `192.0.2.${i}`)).toEqual({ ok: false, reason: 'invalid' });
    expect(await identifierCounts()).toEqual({ 'login:id:12345': 5, 'login:id:00012345': 5 });
    expect(await signIn('00012345', LICENCE.password, '192.0.2.99')).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('is refused while the licence waits, even typed as five digits', async () => {
    for (let i = 0; i < 5; i += 1) await signIn('00012345', 'wrong-password', `192.0.2.${i}`);
    expect(await signIn('12345', LICENCE.password, '192.0.2.99')).toMatchObject({ ok: false, reason: 'throttled' });
    // The refusal took nothing from the five-digit key it did not use.
    expect((await identifierCounts())['login:id:12345'] ?? 0).toBe(0);
  });

  it('forgets the licence failures on success and leaves nothing counted against the client code', async () => {
    for (let i = 0; i < 3; i += 1) await signIn('12345', 'wrong-password');
    expect(await signIn('12345', LICENCE.password)).toMatchObject({ ok: true });
    expect(await identifierCounts()).toEqual({ 'login:id:12345': 3 });
  });
});

describe('five digits when client code 12345 and licence 00012345 both exist', () => {
  beforeEach(async () => {
    await addAccount('licence', LICENCE);
    await addAccount('client', CLIENT);
  });

  it('names the client code; the licence is reached with its zeros', async () => {
    expect(await signIn('12345', CLIENT.password)).toMatchObject({ ok: true, identifier: CLIENT.identifier });
    expect(await signIn('12345', LICENCE.password)).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn('00012345', LICENCE.password)).toMatchObject({ ok: true, identifier: LICENCE.identifier });
    expect(await signIn('012345', LICENCE.password)).toMatchObject({ ok: true, identifier: LICENCE.identifier });
  });

  it('sends the reset link to the client code holder only', async () => {
    await processResetRequest({ identifier: '12345', email: '' }, request);
    expect(await outboxTo(CLIENT.email)).toHaveLength(1);
    expect(await outboxTo(LICENCE.email)).toHaveLength(0);
  });

  it('never counts the client code holder’s sign-ins against the licence', async () => {
    for (let i = 0; i < 8; i += 1) expect((await signIn('12345', CLIENT.password)).ok).toBe(true);
    expect(await identifierCounts()).toEqual({ 'login:id:00012345': 0 });
    expect((await signIn('00012345', LICENCE.password)).ok).toBe(true);
  });
});

describe('one lookup, whatever the kinds enabled', () => {
  beforeEach(() => addAccount('licence', LICENCE));

  it('reads five digits as a client code only when licences are off', async () => {
    const typed = { type: 'client' as const, value: '12345' };
    expect((await findAccountByNumber(typed, ['licence', 'client']))?.identifier).toBe(LICENCE.identifier);
    expect(await findAccountByNumber(typed, ['client'])).toBeNull();
    expect((await findAccountByNumber({ type: 'client', value: '10005' }, ['client']))?.identifier).toBe('10005');
  });

  it('with licences only, five digits are the licence', async () => {
    const { parseIdentifier } = await import('@/lib/identifiers/parse');
    const parsed = parseIdentifier('12345', ['licence']);
    expect(parsed).toEqual({ ok: true, type: 'licence', value: '00012345' });
    expect((await findAccountByNumber(parsed as { type: 'licence'; value: string }, ['licence']))?.identifier).toBe(LICENCE.identifier);
  });
});
