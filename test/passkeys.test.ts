import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveSession } from '@/lib/sessions/sessions';
import { advanceClock } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, passkeys } from '@/lib/db/schema';
import { CHALLENGE_TTL_MS } from '@/lib/passkeys/challenges';
import { authenticationOptions, finishRegistration, registrationOptions, removePasskey, verifyPasskey } from '@/lib/passkeys/passkeys';
import { relyingParty } from '@/lib/passkeys/relying-party';
import { signInWithPasskey } from '@/lib/sign-in/passkey';
import { refusalCode, refusalFromCode } from '@/lib/sign-in/refusal-code';
import { removeTotp } from '@/lib/second-factor/factors';
import { request, resetDatabase } from './database';
import { enrolApp } from './enrol-app';
import { SoftwareAuthenticator } from './software-authenticator';

async function holder(identifier: string) {
  const [row] = await getDb().select().from(accounts).where(eq(accounts.identifier, identifier));
  return row;
}

/** A passkey made for an account as /espace makes it; returns the authenticator holding it. */
async function register(identifier: string) {
  const account = await holder(identifier);
  const { rpID, origin } = relyingParty();
  const authenticator = new SoftwareAuthenticator(rpID, origin);
  const { options, token } = await registrationOptions(account);
  const result = await finishRegistration(account, 'Téléphone', authenticator.register(options), token, request);
  expect(result).toEqual({ ok: true, id: authenticator.id });
  return { account, authenticator };
}

async function storedKey(id: string) {
  const [row] = await getDb().select().from(passkeys).where(eq(passkeys.id, id));
  return row;
}

beforeEach(resetDatabase);
afterAll(closeDb);

describe('registration', () => {
  it('keeps the credential with its counter and backup flags; a challenge serves once', async () => {
    const account = await holder('00123456');
    const { rpID, origin } = relyingParty();
    const authenticator = new SoftwareAuthenticator(rpID, origin);
    const { options, token } = await registrationOptions(account);
    expect(options.rp.id).toBe(new URL(origin).hostname);
    const answer = authenticator.register(options);
    expect(await finishRegistration(account, '  Téléphone de Marie  ', answer, token, request)).toEqual({ ok: true, id: authenticator.id });
    expect(await storedKey(authenticator.id)).toMatchObject({ accountId: account.id, name: 'Téléphone de Marie', counter: 0, backedUp: false, deviceType: 'singleDevice' });
    expect(await finishRegistration(account, 'Encore', answer, token, request)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses an answer for another origin, another account’s challenge, or an expired challenge', async () => {
    const marie = await holder('00123456');
    const lea = await holder('00024680');
    const { rpID, origin } = relyingParty();
    const authenticator = new SoftwareAuthenticator(rpID, origin);

    const first = await registrationOptions(marie);
    expect(await finishRegistration(marie, 'x', authenticator.register(first.options, 'https://evil.test'), first.token, request)).toEqual({ ok: false, reason: 'refused' });
    const second = await registrationOptions(marie);
    expect(await finishRegistration(lea, 'x', authenticator.register(second.options), second.token, request)).toEqual({ ok: false, reason: 'otherAccount' });
    const third = await registrationOptions(marie);
    advanceClock(CHALLENGE_TTL_MS);
    expect(await finishRegistration(marie, 'x', authenticator.register(third.options), third.token, request)).toEqual({ ok: false, reason: 'expired' });
    expect(await getDb().select().from(passkeys)).toEqual([]);
  });

  it('offers EdDSA, ES256 and RS256 whatever the runtime (the library’s default adds ML-DSA where WebCrypto has it)', async () => {
    const account = await holder('00123456');
    const { options } = await registrationOptions(account);
    expect(options.pubKeyCredParams.map((p) => p.alg)).toEqual([-8, -7, -257]);
  });
});

describe('signing in with a passkey', () => {
  it('opens a full session (two factors), moves the counter, and audits the use', async () => {
    const { account, authenticator } = await register('00123456');
    const { options, token } = await authenticationOptions(null);
    const result = await signInWithPasskey(authenticator.assert(options), token, request);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const user = await resolveSession(result.sessionId);
    expect(user).toMatchObject({ id: account.id, secondFactor: null, method: 'passkey' });
    expect(await storedKey(authenticator.id)).toMatchObject({ counter: 1 });
    expect((await storedKey(authenticator.id)).lastUsedAt).not.toBeNull();
    const types = (await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, account.id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['passkey_added', 'passkey_used', 'sign_in']));
  });

  it('an admin signs in with a passkey alone, straight to a full session', async () => {
    const { authenticator } = await register('00000001');
    const { options, token } = await authenticationOptions(null);
    const result = await signInWithPasskey(authenticator.assert(options), token, request);
    expect(result.ok && (await resolveSession(result.sessionId))?.secondFactor).toBeNull();
  });

  it('an admin’s passkey must check who holds it: without user verification the sign-in is refused, audited, and opens no session', async () => {
    const { account, authenticator } = await register('00000001');
    const { options, token } = await authenticationOptions(null);
    expect(await signInWithPasskey(authenticator.assert(options, { userVerified: false }), token, request)).toEqual({ ok: false, reason: 'unverified' });
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, account.id));
    expect(events.map((e) => e.type)).not.toContain('sign_in');
    expect(events.find((e) => e.type === 'passkey_failed')?.details).toMatchObject({ reason: 'unverified', during: 'sign_in' });
    // Nothing was spent: the counter stays, and the same passkey with its PIN signs in.
    expect(await storedKey(authenticator.id)).toMatchObject({ counter: 0 });
    const again = await authenticationOptions(null);
    expect((await signInWithPasskey(authenticator.assert(again.options), again.token, request)).ok).toBe(true);
    // As the second step after a password, possession is what is asked: the flag does not matter.
    const step = await authenticationOptions(account.id);
    expect(await verifyPasskey(authenticator.assert(step.options, { userVerified: false }), step.token, account.id, request)).toMatchObject({ ok: true });
    // The refusal crosses Auth.js as itself, so the page names it (passkeys.errors.unverified).
    expect(refusalFromCode(refusalCode({ reason: 'passkey', passkey: 'unverified' }))).toEqual({ reason: 'passkey', passkey: 'unverified' });
  });

  it('a member’s passkey without user verification still signs in (preferred, not required: security keys without a PIN)', async () => {
    const { authenticator } = await register('00123456');
    const { options, token } = await authenticationOptions(null);
    expect((await signInWithPasskey(authenticator.assert(options, { userVerified: false }), token, request)).ok).toBe(true);
  });

  it('accepts signatures whose r or s is under 32 bytes (about one real sign-in in 128)', async () => {
    const { authenticator } = await register('00123456');
    for (const short of ['r', 's'] as const) {
      const { options, token } = await authenticationOptions(null);
      expect((await signInWithPasskey(authenticator.assert(options, { short }), token, request)).ok).toBe(true);
    }
  });

  it('refuses, changing nothing: a reused challenge, a replayed assertion, an expired challenge, another origin or a frame in one, a counter going back', async () => {
    const { authenticator } = await register('00123456');
    const first = await authenticationOptions(null);
    const assertion = authenticator.assert(first.options);
    expect((await signInWithPasskey(assertion, first.token, request)).ok).toBe(true);
    // The same challenge again, then the same assertion once the browser holds a new challenge:
    // it signed the spent one, and finds it gone.
    expect(await signInWithPasskey(assertion, first.token, request)).toEqual({ ok: false, reason: 'expired' });
    const second = await authenticationOptions(null, first.token);
    expect(await signInWithPasskey(assertion, second.token, request)).toEqual({ ok: false, reason: 'expired' });

    const third = await authenticationOptions(null);
    advanceClock(CHALLENGE_TTL_MS);
    expect(await signInWithPasskey(authenticator.assert(third.options), third.token, request)).toEqual({ ok: false, reason: 'expired' });

    const fourth = await authenticationOptions(null);
    expect(await signInWithPasskey(authenticator.assert(fourth.options, { origin: 'https://evil.test' }), fourth.token, request)).toEqual({ ok: false, reason: 'refused' });

    // Asked from a frame inside another site's page: this site's origin, but not at the top.
    const framed = await authenticationOptions(null);
    expect(await signInWithPasskey(authenticator.assert(framed.options, { topOrigin: 'https://evil.test' }), framed.token, request)).toEqual({ ok: false, reason: 'refused' });

    const fifth = await authenticationOptions(null);
    expect(await signInWithPasskey(authenticator.assert(fifth.options, { counter: 1 }), fifth.token, request)).toEqual({ ok: false, reason: 'refused' });
    expect(await storedKey(authenticator.id)).toMatchObject({ counter: 1 });
    // A challenge given to another browser does not go with this one's answer.
    const mine = await authenticationOptions(null);
    const theirs = await authenticationOptions(null);
    expect(await signInWithPasskey(authenticator.assert(theirs.options), mine.token, request)).toEqual({ ok: false, reason: 'expired' });
  });

  it('one answer posted 20 times at once signs in once', async () => {
    const { authenticator } = await register('00123456');
    const { options, token } = await authenticationOptions(null);
    const assertion = authenticator.assert(options);
    const results = await Promise.all(Array.from({ length: 20 }, () => signInWithPasskey(assertion, token, request)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'expired')).toBe(true);
  });

  it('one browser may hold two challenges at once (the autofill request and the button): each serves once', async () => {
    const { authenticator } = await register('00123456');
    const autofill = await authenticationOptions(null);
    const button = await authenticationOptions(null, autofill.token);
    expect(button.token).toBe(autofill.token);
    // The button's answer first, as when a person clicks while the autofill request waits.
    expect((await signInWithPasskey(authenticator.assert(button.options), button.token, request)).ok).toBe(true);
    expect((await signInWithPasskey(authenticator.assert(autofill.options), autofill.token, request)).ok).toBe(true);
    expect(await signInWithPasskey(authenticator.assert(button.options), button.token, request)).toEqual({ ok: false, reason: 'expired' });
    // A key the browser did not get from us starts afresh.
    expect((await authenticationOptions(null, 'short')).token).not.toBe('short');
  });

  it('names the account by its id’s bytes, as passkeys made earlier do, and refuses an answer naming another', async () => {
    const { account, authenticator } = await register('00123456');
    // What the browser holds and hands back: the account id's UTF-8 bytes, in base64url.
    expect(authenticator.userHandle).toBe(Buffer.from(account.id).toString('base64url'));
    const first = await authenticationOptions(null);
    expect((await signInWithPasskey(authenticator.assert(first.options), first.token, request)).ok).toBe(true);
    const lea = await holder('00024680');
    authenticator.userHandle = Buffer.from(lea.id).toString('base64url');
    const second = await authenticationOptions(null);
    expect(await signInWithPasskey(authenticator.assert(second.options), second.token, request)).toEqual({ ok: false, reason: 'otherAccount' });
  });

  it('refuses a removed passkey, and one of another account as a second step', async () => {
    const marie = await register('00123456');
    const admin = await register('00000001');
    // The admin's second step asks for the admin's own passkeys: Marie's is refused.
    const step = await authenticationOptions(admin.account.id);
    expect(await verifyPasskey(marie.authenticator.assert(step.options), step.token, admin.account.id, request)).toEqual({ ok: false, reason: 'otherAccount' });
    // A sign-in challenge is no second step, and the other way round.
    const signIn = await authenticationOptions(null);
    expect(await verifyPasskey(admin.authenticator.assert(signIn.options), signIn.token, admin.account.id, request)).toEqual({ ok: false, reason: 'otherAccount' });

    expect(await removePasskey(marie.account, marie.authenticator.id, request)).toEqual({ ok: true });
    const after = await authenticationOptions(null);
    expect(await signInWithPasskey(marie.authenticator.assert(after.options), after.token, request)).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('an admin’s last factor', () => {
  it('stays: the passkey goes only while the app is there, and the app only while a passkey is', async () => {
    const { account, authenticator } = await register('00000001');
    expect(await removePasskey(account, authenticator.id, request)).toEqual({ ok: false, reason: 'lastFactor' });
    await enrolApp(account, 'Sesame-Admin-2026');
    expect(await removePasskey(account, authenticator.id, request)).toEqual({ ok: true });
    expect(await removeTotp(account, request)).toEqual({ ok: false, reason: 'lastFactor' });
  });
});
