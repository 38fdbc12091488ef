import { and, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { importAccounts } from '@/lib/accounts/import';
import { setAccountDisabled, updateAccountProfile } from '@/lib/accounts/staff';
import { hashPassword } from '@/lib/crypto/password-hash';
import { advanceClock, HOUR } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, emailOutbox, passwordLinks } from '@/lib/db/schema';
import { confirmEmailChange, findUsableEmailChange } from '@/lib/email-change/links';
import { requestEmailChange } from '@/lib/email-change/request';
import { emailChangeSchema } from '@/lib/email-change/schema';
import { revokeEmailedSecrets } from '@/lib/emailed-secrets/revoke';
import { openedBody } from '@/lib/mail/queue';
import { consumeLinkAndSetPassword, createPasswordLink, findUsableLink } from '@/lib/password-links/tokens';
import { resolveSession } from '@/lib/sessions/sessions';
import { signInWithPassword } from '@/lib/sign-in/password';
import { request, resetDatabase } from './database';

/**
 * An account's outstanding emailed links, password and address-change links alike, are revoked
 * when its email changes (staff, import), when it is disabled and whenever staff set its status;
 * enabling never revives one.
 */
let admin: { id: string; request: typeof request };
let marie: string;
let paul: string;

const idOf = async (identifier: string) => (await getDb().select({ id: accounts.id }).from(accounts).where(eq(accounts.identifier, identifier)))[0].id;
const revokedEvents = (accountId: string) =>
  getDb().select().from(auditEvents).where(and(eq(auditEvents.type, 'links_revoked'), eq(auditEvents.accountId, accountId)));
/** Whether the link still sets a password: read, then used. */
const stillWorks = async (token: string) => (await findUsableLink(token)) !== null || (await consumeLinkAndSetPassword(token, await hashPassword('Un-mot-de-passe-neuf'))) !== null;

beforeEach(async () => {
  await resetDatabase();
  admin = { id: await idOf('00000001'), request };
  marie = await idOf('00123456');
  paul = await idOf('00067890');
});
afterAll(closeDb);

describe('a changed email revokes the links sent to the old one', () => {
  it('when staff change it, with an audit event saying why and how many', async () => {
    const links = [await createPasswordLink(paul, 'activation'), await createPasswordLink(paul, 'activation')];
    expect(await updateAccountProfile(paul, { email: 'paul.corrige@example.org', name: 'Paul Martin' }, admin)).toBe(true);
    for (const { token } of links) expect(await stillWorks(token)).toBe(false);
    const [event] = await revokedEvents(paul);
    expect(event).toMatchObject({ actorId: admin.id, details: { reason: 'email_changed', passwordLinks: 2, emailChangeLinks: 0 } });
    const rows = await getDb().select().from(passwordLinks).where(eq(passwordLinks.accountId, paul));
    expect(rows.map((r) => [r.revokedReason, r.revokedAt?.getTime() === r.usedAt?.getTime()])).toEqual([
      ['email_changed', true],
      ['email_changed', true],
    ]);
    // A link sent to the corrected address works.
    const { token } = await createPasswordLink(paul, 'activation');
    expect(await stillWorks(token)).toBe(true);
  });

  it('but not when staff change only the name', async () => {
    const [row] = await getDb().select().from(accounts).where(eq(accounts.id, paul));
    const { token } = await createPasswordLink(paul, 'activation');
    await updateAccountProfile(paul, { email: row.email, name: 'Paul Martin-Durand' }, admin);
    expect(await revokedEvents(paul)).toHaveLength(0);
    expect(await stillWorks(token)).toBe(true);
  });

  it('when a re-import changes it, and only for the accounts whose address changed', async () => {
    const paulLink = await createPasswordLink(paul, 'activation');
    const marieLink = await createPasswordLink(marie, 'reset');
    const file = [
      'identifier;kind;email;name',
      '00067890;licence;paul.bonne-adresse@example.org;Paul Martin',
      '00123456;licence;marie.dupont@example.org;Marie Dupont-Renommée',
    ].join('\n');
    const report = await importAccounts(file);
    expect(report).toMatchObject({ updated: 2, errors: [] });
    expect(await stillWorks(paulLink.token)).toBe(false);
    expect(await stillWorks(marieLink.token)).toBe(true);
    const [event] = await revokedEvents(paul);
    expect(event).toMatchObject({ actorId: null, details: { reason: 'email_changed', passwordLinks: 1 } });
    expect(await revokedEvents(marie)).toHaveLength(0);
  });

  it('not in a dry run', async () => {
    const { token } = await createPasswordLink(paul, 'activation');
    await importAccounts('identifier,kind,email,name\n00067890,licence,ailleurs@example.org,Paul Martin', { dryRun: true });
    expect(await stillWorks(token)).toBe(true);
  });
});

describe('disabling and enabling', () => {
  it('disabling revokes; enabling again revives nothing', async () => {
    const { token } = await createPasswordLink(marie, 'reset');
    expect(await setAccountDisabled(marie, true, admin)).toBe('ok');
    expect(await setAccountDisabled(marie, false, admin)).toBe('ok');
    expect(await stillWorks(token)).toBe(false);
    expect((await revokedEvents(marie)).map((e) => e.details)).toEqual([{ reason: 'account_disabled', passwordLinks: 1, emailChangeLinks: 0 }]);
  });

  it('enabling revokes a link a disabled account kept from before revocation existed', async () => {
    // Disabled the old way: the status alone, its link only hidden.
    await getDb().update(accounts).set({ status: 'disabled' }).where(eq(accounts.id, paul));
    const { token } = await createPasswordLink(paul, 'activation');
    expect(await findUsableLink(token)).toBeNull();
    expect(await setAccountDisabled(paul, false, admin)).toBe('ok');
    expect(await stillWorks(token)).toBe(false);
    expect((await revokedEvents(paul)).map((e) => e.details)).toEqual([{ reason: 'account_enabled', passwordLinks: 1, emailChangeLinks: 0 }]);
  });

  it('leaves expired links as they were, and audits nothing when there was nothing to revoke', async () => {
    await createPasswordLink(marie, 'reset');
    advanceClock(9 * HOUR);
    await setAccountDisabled(marie, true, admin);
    expect(await revokedEvents(marie)).toHaveLength(0);
    const [link] = await getDb().select().from(passwordLinks).where(eq(passwordLinks.accountId, marie));
    expect(link).toMatchObject({ usedAt: null, revokedAt: null });
  });
});

describe('revokeEmailedSecrets, for other callers', () => {
  it('revokes inside the caller’s transaction, and nothing if it rolls back', async () => {
    const { token } = await createPasswordLink(marie, 'reset');
    await getDb()
      .transaction(async (tx) => {
        expect(await revokeEmailedSecrets(tx, marie, 'email_changed')).toEqual({ accountId: marie, reason: 'email_changed', passwordLinks: 1, emailChangeLinks: 0 });
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await stillWorks(token)).toBe(true);
    expect(await revokeEmailedSecrets(getDb(), marie, 'email_changed')).toEqual({ accountId: marie, reason: 'email_changed', passwordLinks: 1, emailChangeLinks: 0 });
    expect(await stillWorks(token)).toBe(false);
  });
});

describe('address-change links go with the password links', () => {
  const MARIE = { identifier: '00123456', password: 'Sesame-Demo-2026', email: 'marie.dupont@example.org' };
  const CHANGE_TOKEN = /\/espace\/email\/([A-Za-z0-9_-]{43})/;

  /** Marie asks from /espace for her address to become `newEmail`: the token the new address received. */
  async function askChange(newEmail = 'marie.ailleurs@example.org'): Promise<string> {
    const signedIn = await signInWithPassword({ identifier: MARIE.identifier, password: MARIE.password, remember: false }, request);
    if (!signedIn.ok) throw new Error('sign-in failed');
    const user = (await resolveSession(signedIn.sessionId))!;
    const result = await requestEmailChange(user, emailChangeSchema(user.email).parse({ email: newEmail, current: MARIE.password }), request);
    expect(result.outcome).toBe('sent');
    const [message] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.to, newEmail));
    return openedBody(message).text.match(CHANGE_TOKEN)![1];
  }
  /** Whether the link still changes the address: read, then used. */
  const stillConfirms = async (token: string) => (await findUsableEmailChange(token)) !== null || (await confirmEmailChange(token)) !== null;
  const emailOf = async (accountId: string) => (await getDb().select({ email: accounts.email }).from(accounts).where(eq(accounts.id, accountId)))[0].email;

  it('a disabled spell voids a pending change: enabling the account again never revives its link', async () => {
    const token = await askChange();
    expect(await setAccountDisabled(marie, true, admin)).toBe('ok');
    expect(await setAccountDisabled(marie, false, admin)).toBe('ok');
    expect(await stillConfirms(token)).toBe(false);
    expect(await emailOf(marie)).toBe(MARIE.email);
    expect((await revokedEvents(marie)).map((e) => e.details)).toEqual([{ reason: 'account_disabled', passwordLinks: 0, emailChangeLinks: 1 }]);
  });

  it('enabling revokes a link an account disabled the old way kept', async () => {
    const token = await askChange();
    await getDb().update(accounts).set({ status: 'disabled' }).where(eq(accounts.id, marie));
    expect(await setAccountDisabled(marie, false, admin)).toBe('ok');
    expect(await stillConfirms(token)).toBe(false);
    expect((await revokedEvents(marie)).map((e) => e.details)).toEqual([{ reason: 'account_enabled', passwordLinks: 0, emailChangeLinks: 1 }]);
  });

  it('staff changing the address voids it, even once the old address is put back', async () => {
    const token = await askChange();
    const { token: resetToken } = await createPasswordLink(marie, 'reset');
    expect(await updateAccountProfile(marie, { email: 'marie.corrigee@example.org', name: 'Marie Dupont' }, admin)).toBe(true);
    expect(await updateAccountProfile(marie, { email: MARIE.email, name: 'Marie Dupont' }, admin)).toBe(true);
    expect(await stillConfirms(token)).toBe(false);
    expect(await stillWorks(resetToken)).toBe(false);
    expect(await emailOf(marie)).toBe(MARIE.email);
    const [event] = await revokedEvents(marie);
    expect(event).toMatchObject({ actorId: admin.id, details: { reason: 'email_changed', passwordLinks: 1, emailChangeLinks: 1 } });
  });

  it('a re-import changing the address voids it, even once a later file puts the old one back', async () => {
    const token = await askChange();
    await importAccounts(`identifier,kind,email,name\n${MARIE.identifier},licence,marie.importee@example.org,Marie Dupont`);
    await importAccounts(`identifier,kind,email,name\n${MARIE.identifier},licence,${MARIE.email},Marie Dupont`);
    expect(await stillConfirms(token)).toBe(false);
    expect(await emailOf(marie)).toBe(MARIE.email);
    expect((await revokedEvents(marie)).map((e) => e.details)).toEqual([{ reason: 'email_changed', passwordLinks: 0, emailChangeLinks: 1 }]);
  });

  it('but staff correcting only the name leave it working', async () => {
    const token = await askChange();
    expect(await updateAccountProfile(marie, { email: MARIE.email, name: 'Marie Dupont-Renommée' }, admin)).toBe(true);
    expect(await findUsableEmailChange(token)).not.toBeNull();
    expect((await confirmEmailChange(token))?.account.email).toBe('marie.ailleurs@example.org');
  });
});
