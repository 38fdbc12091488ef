import { and, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { setEmailLocale } from '@/lib/accounts/email-locale';
import { importAccounts } from '@/lib/accounts/import';
import { endAllOtherSessions, openSessions, resolveSession, type SessionUser } from '@/lib/sessions/sessions';
import { signInWithPassword } from '@/lib/sign-in/password';
import { advanceClock } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, emailChangeLinks, emailOutbox } from '@/lib/db/schema';
import { confirmEmailChange, findUsableEmailChange, pendingEmailChange } from '@/lib/email-change/links';
import { EMAIL_CHANGE_LIMITS, requestEmailChange } from '@/lib/email-change/request';
import { emailChangeSchema } from '@/lib/email-change/schema';
import { identifierKey } from '@/lib/throttles/login';
import { emailLocaleOf } from '@/lib/mail/account-email';
import { openedBody } from '@/lib/mail/queue';
import { composeLinkEmail } from '@/lib/password-links/emails';
import { processResetRequest } from '@/lib/accounts/reset-request';
import { revokeEmailedSecrets } from '@/lib/emailed-secrets/revoke';
import { createPasswordLink, findUsableLink } from '@/lib/password-links/tokens';
import { changePassword } from '@/lib/passwords/change';
import { notifyPasswordChanged } from '@/lib/passwords/changed-notice';
import { throttles } from '@/lib/db/schema';
import { request, resetDatabase } from './database';

const HOUR = 3_600_000;
const MARIE = { identifier: '00123456', password: 'Sesame-Demo-2026', email: 'marie.dupont@example.org' };
const CHANGE_TOKEN = /\/espace\/email\/([A-Za-z0-9_-]{43})/;

async function signIn(identifier = MARIE.identifier, password = MARIE.password, ip = request.ip): Promise<SessionUser> {
  const result = await signInWithPassword({ identifier, password, remember: true }, { ...request, ip });
  if (!result.ok) throw new Error('sign-in failed');
  return (await resolveSession(result.sessionId))!;
}

const emailsTo = (address: string) => getDb().select().from(emailOutbox).where(eq(emailOutbox.to, address)).orderBy(emailOutbox.createdAt);
const account = async (identifier = MARIE.identifier) => (await getDb().select().from(accounts).where(eq(accounts.identifier, identifier)))[0];
const eventsOf = async (type: string) => getDb().select().from(auditEvents).where(eq(auditEvents.type, type));

/** Asks for a change as the form does and returns the token the new address received. */
async function askChange(user: SessionUser, email: string, current = MARIE.password): Promise<string> {
  // Through the form's schema, as the server action does.
  const values = emailChangeSchema(user.email).parse({ email, current });
  const result = await requestEmailChange(user, values, request);
  expect(result.outcome).toBe('sent');
  const [message] = (await emailsTo(values.email)).slice(-1);
  return openedBody(message).text.match(CHANGE_TOKEN)![1];
}

beforeEach(resetDatabase);
afterAll(closeDb);

describe('"Fermer toutes mes autres sessions"', () => {
  it('ends every other session of the account in one step and keeps the current one', async () => {
    const current = await signIn();
    const others = [await signIn(), await signIn(), await signIn()];
    const lea = await signIn('00024680', 'Durand-Lea-2026');

    expect(await endAllOtherSessions(current, request)).toBe(3);
    expect(await resolveSession(current.sessionId)).not.toBeNull();
    for (const other of others) expect(await resolveSession(other.sessionId)).toBeNull();
    // Another account's sessions are not the person's to close.
    expect(await resolveSession(lea.sessionId)).not.toBeNull();
    expect((await openSessions(current.id)).map((s) => s.id)).toEqual([current.sessionId]);

    const [event] = await eventsOf('other_sessions_ended');
    expect(event).toMatchObject({ accountId: current.id, identifier: MARIE.identifier, ip: request.ip, details: { sessionsEnded: 3 } });
    // Nothing left to close: it says none.
    expect(await endAllOtherSessions(current, request)).toBe(0);
  });
});

describe('the language of emails', () => {
  it('follows the account’s language until the holder chooses one, which every email then uses', async () => {
    const marie = await account();
    expect(emailLocaleOf(marie)).toBe('fr');
    await setEmailLocale(marie, 'en', request);
    const chosen = await account();
    expect(chosen).toMatchObject({ locale: 'fr', emailLocale: 'en' });
    expect(emailLocaleOf(chosen)).toBe('en');
    expect(await eventsOf('email_locale_changed')).toHaveLength(1);

    // Reset links (the public form, staff and invitations share this composer).
    const link = await composeLinkEmail([chosen]);
    expect(link.subject).toBe('Reset your Sésame password');
    expect(link.html).toContain('<html lang="en"');
    await processResetRequest({ identifier: MARIE.identifier, email: '' }, request);
    expect((await emailsTo(MARIE.email)).at(-1)!.subject).toBe('Reset your Sésame password');

    // The "password changed" notice.
    await notifyPasswordChanged(chosen, 'change', request, { sessionsEnded: 0 });
    expect((await emailsTo(MARIE.email)).at(-1)!.subject).toBe('Your password has been changed');

    // Back to French, by the holder.
    await setEmailLocale(chosen, 'fr', request);
    expect((await composeLinkEmail([await account()])).subject).toBe('Réinitialisation de votre mot de passe Sésame');
  });

  it('is not overwritten by an import that sets the account’s language', async () => {
    await setEmailLocale(await account(), 'en', request);
    const report = await importAccounts(`identifier,kind,email,name,locale\n${MARIE.identifier},licence,${MARIE.email},Marie Dupont,fr\n`);
    expect(report.errors).toEqual([]);
    expect(emailLocaleOf(await account())).toBe('en');
  });

  it('applies to the change-of-address emails', async () => {
    await setEmailLocale(await account(), 'en', request);
    await askChange(await signIn(), 'marie.new@example.org');
    expect((await emailsTo('marie.new@example.org'))[0].subject).toBe('Confirm your new Sésame email address');
    expect((await emailsTo(MARIE.email))[0].subject).toBe('Request to change the email address of your Sésame account');
  });
});

describe('changing one’s email address', () => {
  it('sends a link to the new address, tells the old one, and changes nothing until it is confirmed', async () => {
    const user = await signIn();
    const token = await askChange(user, 'Marie.Nouvelle@Example.org ');

    expect((await account()).email).toBe(MARIE.email);
    const [confirmation] = await emailsTo('marie.nouvelle@example.org');
    expect(confirmation).toMatchObject({ template: 'email_change_confirm', subject: 'Confirmez votre nouvelle adresse e-mail Sésame' });
    expect(openedBody(confirmation).text).toContain('Ce lien est valable 8 heures.');
    const [notice] = await emailsTo(MARIE.email);
    expect(notice.template).toBe('email_change_notice');
    const noticeBody = openedBody(notice);
    for (const body of [noticeBody.text, noticeBody.html]) {
      expect(body).toContain('marie.nouvelle@example.org');
      expect(body).toContain('support@example.org');
      expect(body).toContain('/mot-de-passe-oublie');
      expect(body).not.toMatch(CHANGE_TOKEN);
    }
    expect(noticeBody.html).toContain('href="mailto:support@example.org"');
    // Only the token's hash is stored.
    const rows = await getDb().select().from(emailChangeLinks);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    // Opening the link (reading it) uses nothing; it is never a password link.
    expect(await findUsableEmailChange(token)).toMatchObject({ link: { newEmail: 'marie.nouvelle@example.org' }, account: { identifier: MARIE.identifier } });
    expect(await findUsableLink(token)).toBeNull();
    expect(await pendingEmailChange(user.id)).toMatchObject({ newEmail: 'marie.nouvelle@example.org' });

    const confirmed = await confirmEmailChange(token);
    expect(confirmed).toMatchObject({ oldEmail: MARIE.email, account: { email: 'marie.nouvelle@example.org' } });
    expect((await account()).email).toBe('marie.nouvelle@example.org');
    expect(await confirmEmailChange(token)).toBeNull();
    expect(await pendingEmailChange(user.id)).toBeNull();
    // The sessions stay: the person changed their own address.
    expect(await resolveSession(user.sessionId)).toMatchObject({ email: 'marie.nouvelle@example.org' });
  });

  it('revokes the password links sent to the old address when it is confirmed', async () => {
    const { token: resetToken } = await createPasswordLink((await account()).id, 'reset');
    const token = await askChange(await signIn(), 'marie.b@example.org');
    expect(await findUsableLink(resetToken)).not.toBeNull();
    expect((await confirmEmailChange(token))!.linksRevoked).toBe(1);
    expect(await findUsableLink(resetToken)).toBeNull();
  });

  it('asks for the current password, counted like a wrong password at sign-in', async () => {
    const user = await signIn();
    const wrong = await requestEmailChange(user, { email: 'x@example.org', current: 'not-my-password' }, request);
    expect(wrong).toEqual({ outcome: 'refused', errors: { current: 'password.wrongCurrent' } });
    expect(await emailsTo('x@example.org')).toHaveLength(0);
    expect(await emailsTo(MARIE.email)).toHaveLength(0);
    const [throttle] = await getDb().select().from(throttles).where(eq(throttles.key, identifierKey(MARIE.identifier)));
    expect(throttle.count).toBe(1);
    // Enough wrong ones and the account waits, as at sign-in.
    for (let i = 0; i < 4; i++) await requestEmailChange(user, { email: 'x@example.org', current: 'wrong' }, request);
    expect((await requestEmailChange(user, { email: 'x@example.org', current: MARIE.password }, request)).outcome).toBe('throttled');
  });

  it('refuses the account’s own address and accepts one that another account uses', async () => {
    const user = await signIn();
    expect(await requestEmailChange(user, { email: MARIE.email, current: MARIE.password }, request)).toEqual({
      outcome: 'refused',
      errors: { email: 'selfService.email.same' },
    });
    // One parent may hold several licences: the Durands' address can become Marie's too.
    const token = await askChange(user, 'famille.durand@example.org');
    expect((await confirmEmailChange(token))!.account.email).toBe('famille.durand@example.org');
  });

  it('expires after RESET_TOKEN_TTL_HOURS', async () => {
    const token = await askChange(await signIn(), 'later@example.org');
    advanceClock(8 * HOUR + 1000);
    expect(await findUsableEmailChange(token)).toBeNull();
    expect(await confirmEmailChange(token)).toBeNull();
    expect((await account()).email).toBe(MARIE.email);
  });

  it('is void once the password changes (how a holder cancels it), the address changes otherwise, or the account is disabled', async () => {
    const user = await signIn();
    const first = await askChange(user, 'one@example.org');
    advanceClock(1000);
    const changed = await changePassword(user, { current: MARIE.password, password: 'Un tout autre mot de passe', confirmation: 'Un tout autre mot de passe' }, request);
    expect(changed.outcome).toBe('changed');
    expect(await confirmEmailChange(first)).toBeNull();

    const second = await askChange(user, 'two@example.org', 'Un tout autre mot de passe');
    await getDb().update(accounts).set({ email: 'staff-typed@example.org' }).where(eq(accounts.id, user.id));
    expect(await findUsableEmailChange(second)).toBeNull();
    expect(await confirmEmailChange(second)).toBeNull();
    expect((await account()).email).toBe('staff-typed@example.org');

    await getDb().update(accounts).set({ email: MARIE.email }).where(eq(accounts.id, user.id));
    const third = await askChange((await resolveSession(user.sessionId))!, 'three@example.org', 'Un tout autre mot de passe');
    await getDb().update(accounts).set({ status: 'disabled' }).where(eq(accounts.id, user.id));
    expect(await confirmEmailChange(third)).toBeNull();
    expect((await account()).email).toBe(MARIE.email);
  });

  it('keeps only the last request’s link', async () => {
    const user = await signIn();
    const first = await askChange(user, 'first@example.org');
    const second = await askChange(user, 'second@example.org');
    expect(await confirmEmailChange(first)).toBeNull();
    expect((await confirmEmailChange(second))!.account.email).toBe('second@example.org');
  });

  it('confirms once when the same link is posted twice at once', async () => {
    const token = await askChange(await signIn(), 'race@example.org');
    const results = await Promise.all([confirmEmailChange(token), confirmEmailChange(token), confirmEmailChange(token)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it(`sends at most ${EMAIL_CHANGE_LIMITS.perAccountHour} links an hour`, async () => {
    const user = await signIn();
    for (let i = 0; i < EMAIL_CHANGE_LIMITS.perAccountHour; i++) await askChange(user, `n${i}@example.org`);
    expect(await requestEmailChange(user, { email: 'more@example.org', current: MARIE.password }, request)).toEqual({ outcome: 'tooMany' });
    expect(await emailsTo('more@example.org')).toHaveLength(0);
    expect(await eventsOf('email_change_throttled')).toHaveLength(1);
    advanceClock(HOUR + 1000);
    await askChange(user, 'after-an-hour@example.org');
  });

  it('never takes an address with invisible characters or of the wrong shape', async () => {
    const schema = emailChangeSchema(MARIE.email);
    const errorOf = (email: string) => {
      const parsed = schema.safeParse({ email, current: 'x' });
      return parsed.success ? null : parsed.error.issues.map((i) => i.message);
    };
    expect(errorOf('')).toEqual(['selfService.email.required']);
    expect(errorOf('marie')).toEqual(['selfService.email.format']);
    expect(errorOf('a b@example.org')).toEqual(['selfService.email.format']);
    expect(errorOf('evil\u202e@example.org')).toEqual(['selfService.email.format']);
    expect(errorOf(`${'a'.repeat(250)}@example.org`)).toEqual(['selfService.email.tooLong']);
    expect(errorOf(' MARIE.DUPONT@example.org ')).toEqual(['selfService.email.same']);
    // What a hostile form may post: a clear message, nothing stored.
    expect(errorOf(`${'x'.repeat(100_000)}@example.org`)).toEqual(['selfService.email.tooLong']);
    expect(errorOf('a@example.org\r\nBcc: victim@example.org')).toEqual(['selfService.email.format']);
    expect(schema.safeParse({ email: 'ok@example.org', current: '' }).error?.issues.map((i) => i.message)).toEqual(['fields.required']);
    expect(schema.parse({ email: ' New@Example.ORG ', current: 'x' }).email).toBe('new@example.org');
  });

  it('revokeEmailedSecrets takes a transaction or the database', async () => {
    const id = (await account()).id;
    await createPasswordLink(id, 'reset');
    await createPasswordLink(id, 'reset');
    expect(await getDb().transaction((tx) => revokeEmailedSecrets(tx, id, 'email_changed'))).toMatchObject({ passwordLinks: 2, emailChangeLinks: 0 });
    expect(await revokeEmailedSecrets(getDb(), id, 'email_changed')).toMatchObject({ passwordLinks: 0, emailChangeLinks: 0 });
    expect(await getDb().select().from(emailChangeLinks).where(and(eq(emailChangeLinks.accountId, id)))).toHaveLength(0);
  });
});
