import { and, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { importAccounts } from '@/lib/accounts/import';
import { setAccountDisabled, updateAccountProfile } from '@/lib/accounts/staff';
import { hashPassword } from '@/lib/crypto/password-hash';
import { advanceClock, HOUR } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, passwordLinks } from '@/lib/db/schema';
import { revokeOutstandingLinks } from '@/lib/password-links/revoke';
import { consumeLinkAndSetPassword, createPasswordLink, findUsableLink } from '@/lib/password-links/tokens';
import { request, resetDatabase } from './database';

/**
 * An account's outstanding links are revoked when its email changes (staff, import), when it is
 * disabled and whenever staff set its status; enabling never revives one.
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
    expect(event).toMatchObject({ actorId: admin.id, details: { reason: 'email_changed', count: 2 } });
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
    expect(event).toMatchObject({ actorId: null, details: { reason: 'email_changed', count: 1 } });
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
    expect((await revokedEvents(marie)).map((e) => e.details)).toEqual([{ reason: 'account_disabled', count: 1 }]);
  });

  it('enabling revokes a link a disabled account kept from before revocation existed', async () => {
    // Disabled the old way: the status alone, its link only hidden.
    await getDb().update(accounts).set({ status: 'disabled' }).where(eq(accounts.id, paul));
    const { token } = await createPasswordLink(paul, 'activation');
    expect(await findUsableLink(token)).toBeNull();
    expect(await setAccountDisabled(paul, false, admin)).toBe('ok');
    expect(await stillWorks(token)).toBe(false);
    expect((await revokedEvents(paul)).map((e) => e.details)).toEqual([{ reason: 'account_enabled', count: 1 }]);
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

describe('revokeOutstandingLinks, for other callers', () => {
  it('revokes inside the caller’s transaction, and nothing if it rolls back', async () => {
    const { token } = await createPasswordLink(marie, 'reset');
    await getDb()
      .transaction(async (tx) => {
        expect(await revokeOutstandingLinks(tx, marie, 'email_changed')).toEqual({ accountId: marie, reason: 'email_changed', count: 1 });
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await stillWorks(token)).toBe(true);
    expect(await revokeOutstandingLinks(getDb(), marie, 'email_changed')).toEqual({ accountId: marie, reason: 'email_changed', count: 1 });
    expect(await stillWorks(token)).toBe(false);
  });
});
