import { readFileSync } from 'node:fs';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResendStub } from '../e2e/helpers/resend-stub.mjs';
import { expireImportedHashes, parseAge } from '@/lib/accounts/expire-imported';
import { importAccounts } from '@/lib/accounts/import';
import { invitePending } from '@/lib/accounts/invite';
import { advanceClock, DAY } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, sessions } from '@/lib/db/schema';
import { createSession } from '@/lib/sessions/sessions';
import { request, resetDatabase } from './database';
import { useResendStub } from './resend';

/** Hashes written by WordPress's and PHP's own code (test/fixtures/wordpress-hashes.php). */
type Fixture = { password: string; hash: string; format: 'phpass' | 'wordpress-bcrypt' | 'bcrypt' };
const FIXTURES: Fixture[] = JSON.parse(readFileSync('test/fixtures/wordpress-hashes.json', 'utf8')).hashes;
const fixture = (format: Fixture['format'], prefix = '') => FIXTURES.find((f) => f.format === format && f.hash.startsWith(prefix))!;
const PHPASS = fixture('phpass', '$P$');
const PHPBB = fixture('phpass', '$H$');
const WP68 = fixture('wordpress-bcrypt');
const BCRYPT = fixture('bcrypt', '$2y$');

const account = async (identifier: string) => (await getDb().select().from(accounts).where(eq(accounts.identifier, identifier)))[0];
const lines = (...rows: string[]) => rows.join('\n');
const auditOf = async (type: string) => getDb().select().from(auditEvents).where(eq(auditEvents.type, type));

let stub: ResendStub;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ stub, stop } = await useResendStub());
});
beforeEach(async () => {
  await resetDatabase();
  stub.reset();
  vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  await stop();
  await closeDb();
});

describe('a password_hash column', () => {
  const file = lines(
    'identifier,kind,email,name,password_hash',
    `20000001,licence,a@example.org,Anne,${PHPASS.hash}`,
    `20000002,licence,b@example.org,Bruno,${WP68.hash}`,
    `20000003,licence,c@example.org,Chloé,${BCRYPT.hash}`,
    `20000004,licence,d@example.org,Denis,${PHPBB.hash}`,
    '20000005,licence,e@example.org,Emma,md5:5f4dcc3b5aa765d61d8327deb882cf99',
    '20000006,licence,f@example.org,Fanny,',
  );

  it('counts each format in a dry run, names the unrecognised lines and writes nothing', async () => {
    const report = await importAccounts(file, { dryRun: true });
    expect(report.passwords).toEqual({ formats: { phpass: 2, 'wordpress-bcrypt': 1, bcrypt: 1 }, unrecognised: 1, empty: 1, replaced: 0 });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([{ line: 6, message: expect.stringContaining('not a hash Sésame can check') }]);
    expect(report.created).toBe(6);
    expect(await account('20000001')).toBeUndefined();
  });

  it('refuses hashes that ask for more work than a sign-in may spend, saying so', async () => {
    const costly = lines(
      'identifier,kind,email,name,password_hash',
      // phpass with 2^20 rounds ('I'), and bcrypt at cost 16: known formats, beyond what is checked.
      `20000051,licence,g@example.org,Gilles,$P$I${PHPASS.hash.slice(4)}`,
      `20000052,licence,h@example.org,Hugo,$2y$16$${BCRYPT.hash.slice(7)}`,
    );
    const report = await importAccounts(costly);
    expect(report.passwords).toMatchObject({ formats: { phpass: 0, 'wordpress-bcrypt': 0, bcrypt: 0 }, unrecognised: 2 });
    expect(report.warnings).toEqual([
      { line: 2, message: expect.stringContaining('more rounds than a sign-in may spend') },
      { line: 3, message: expect.stringContaining('more rounds than a sign-in may spend') },
    ]);
    expect(await account('20000051')).toMatchObject({ status: 'pending', importedPasswordHash: null });
  });

  it('makes accounts with a recognised hash active at once, the others pending', async () => {
    const report = await importAccounts(file);
    expect(report.created).toBe(6);
    for (const [identifier, fixture] of [['20000001', PHPASS], ['20000002', WP68], ['20000003', BCRYPT], ['20000004', PHPBB]] as const) {
      const row = await account(identifier);
      expect(row).toMatchObject({ status: 'active', passwordHash: null, importedPasswordHash: fixture.hash });
      expect(row.passwordImportedAt).toBeInstanceOf(Date);
      expect(row.activatedAt).toBeInstanceOf(Date);
    }
    for (const identifier of ['20000005', '20000006']) {
      expect(await account(identifier)).toMatchObject({ status: 'pending', importedPasswordHash: null, passwordImportedAt: null });
    }
    // Running the same file again changes nothing.
    expect(await importAccounts(file)).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
  });

  it('never quotes a hash in its report or its audit events', async () => {
    const report = await importAccounts(file);
    const events = await getDb().select().from(auditEvents);
    const written = JSON.stringify(report) + JSON.stringify(events);
    for (const f of [PHPASS, WP68, BCRYPT, PHPBB]) expect(written).not.toContain(f.hash.slice(4));
    expect(written).not.toContain('5f4dcc3b5aa765d61d8327deb882cf99');
    expect(events.find((e) => e.type === 'accounts_imported')?.details).toMatchObject({ importedHashes: 4 });
  });

  it('gives a pending account its imported hash and makes it active', async () => {
    const report = await importAccounts(lines('identifier,kind,email,name,password_hash', `00067890,licence,paul.martin@example.org,Paul Martin,${PHPASS.hash}`));
    expect(report).toMatchObject({ updated: 1, errors: [] });
    expect(await account('00067890')).toMatchObject({ status: 'active', importedPasswordHash: PHPASS.hash, passwordHash: null });
  });

  it('refuses to replace a password chosen in Sésame, unless asked; then the sessions end', async () => {
    const marie = await account('00123456');
    await createSession(marie.id, true, request);
    const row = `00123456,licence,marie.dupont@example.org,Marie Dupont,${WP68.hash}`;

    const refused = await importAccounts(lines('identifier,kind,email,name,password_hash', row));
    expect(refused.errors).toEqual([{ line: 2, message: expect.stringContaining('already has a password chosen in Sésame') }]);
    expect(refused).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(await account('00123456')).toMatchObject({ passwordHash: marie.passwordHash, importedPasswordHash: null });

    const replaced = await importAccounts(lines('identifier,kind,email,name,password_hash', row), { replacePasswords: true });
    expect(replaced).toMatchObject({ updated: 1, errors: [], passwords: { replaced: 1 } });
    expect(await account('00123456')).toMatchObject({ status: 'active', passwordHash: null, importedPasswordHash: WP68.hash });
    const open = await getDb().select().from(sessions).where(sql`${sessions.accountId} = ${marie.id} and ${sessions.endedAt} is null`);
    expect(open).toEqual([]);
    expect(await auditOf('password_replaced_by_import')).toEqual([expect.objectContaining({ accountId: marie.id, details: { sessionsEnded: 1 } })]);
  });

  it('keeps a disabled account disabled', async () => {
    await getDb().update(accounts).set({ status: 'disabled' }).where(eq(accounts.identifier, '00067890'));
    await importAccounts(lines('identifier,kind,email,name,password_hash', `00067890,licence,paul.martin@example.org,Paul Martin,${PHPASS.hash}`));
    expect(await account('00067890')).toMatchObject({ status: 'disabled', importedPasswordHash: PHPASS.hash });
  });
});

describe('a WordPress export', () => {
  // What `wp user list --fields=user_login,user_email,display_name,user_pass --format=csv` writes.
  const wordpress = lines(
    'user_login,user_email,display_name,user_pass',
    `20000011,anne@example.org,"Anne Martin",${PHPASS.hash}`,
    `30001,"contact@boutique.example","Boutique Exemple",${WP68.hash}`,
    `1234567,court@example.org,Court,${BCRYPT.hash}`,
    `jdupont,jean@example.org,"Jean Dupont",${PHPASS.hash}`,
    `20000012,pas-une-adresse,"Sans adresse",${PHPASS.hash}`,
  );

  it('is recognised by its header: the kind follows from the digits, bad rows are reported by line', async () => {
    const report = await importAccounts(wordpress);
    expect(report.source).toBe('wordpress');
    expect(report.created).toBe(3);
    expect(await account('20000011')).toMatchObject({ kind: 'licence', name: 'Anne Martin', status: 'active', importedPasswordHash: PHPASS.hash });
    expect(await account('30001')).toMatchObject({ kind: 'client', email: 'contact@boutique.example', importedPasswordHash: WP68.hash });
    expect(await account('01234567')).toMatchObject({ kind: 'licence', importedPasswordHash: BCRYPT.hash });
    expect(report.warnings).toEqual([{ line: 4, message: expect.stringContaining('padded to "01234567"') }]);
    expect(report.errors).toEqual([
      { line: 5, message: expect.stringMatching(/"jdupont" is not made of digits.*--identifier-column/) },
      { line: 6, message: expect.stringContaining('"pas-une-adresse" is not a valid address') },
    ]);
  });

  it('takes the identifier from the column --identifier-column names', async () => {
    const withMeta = lines(
      'user_login,user_email,display_name,user_pass,numero_licence',
      `jdupont,jean@example.org,"Jean Dupont",${PHPASS.hash},20000021`,
      `mlefevre,marc@example.org,"Marc Lefèvre",${WP68.hash},`,
    );
    const report = await importAccounts(withMeta, { from: 'wordpress', identifierColumn: 'numero_licence' });
    expect(report.created).toBe(1);
    expect(await account('20000021')).toMatchObject({ email: 'jean@example.org', importedPasswordHash: PHPASS.hash });
    expect(report.errors).toEqual([{ line: 3, message: 'identifier is empty' }]);
    const missing = await importAccounts(withMeta, { identifierColumn: 'licence' });
    expect(missing.errors).toEqual([{ line: 1, message: 'the header has no column "licence", which --identifier-column names' }]);
  });

  it('takes every identifier as one kind with --kind', async () => {
    const report = await importAccounts(lines('user_login,user_email,display_name,user_pass', `12345,x@example.org,X,${PHPASS.hash}`), { kind: 'licence' });
    expect(report.created).toBe(1);
    expect(await account('00012345')).toMatchObject({ kind: 'licence' });
  });

  it('never reads WordPress roles: an export makes nobody an administrator', async () => {
    const report = await importAccounts(lines('user_login,user_email,display_name,user_pass,roles', `20000031,w@example.org,W,${PHPASS.hash},administrator`));
    expect(report.warnings).toEqual([{ line: 1, message: 'column "roles" is not known and was ignored' }]);
    expect(await account('20000031')).toMatchObject({ role: 'member' });
  });
});

describe('expire-imported-hashes', () => {
  it('parses an age in days', () => {
    expect(parseAge('180d')).toBe(180);
    expect(parseAge(' 7 D ')).toBe(7);
    for (const bad of ['180', '0d', '-3d', '1.5d', 'd', '6m']) expect(parseAge(bad)).toBeNull();
  });

  it('turns hashes unused past the age into first connections, invited once even when run again', async () => {
    await importAccounts(lines('identifier,kind,email,name,password_hash', `20000041,licence,old@example.org,Old,${PHPASS.hash}`, `20000042,licence,old2@example.org,Old 2,${WP68.hash}`));
    advanceClock(100 * DAY);
    await importAccounts(lines('identifier,kind,email,name,password_hash', `20000043,licence,recent@example.org,Recent,${BCRYPT.hash}`));
    advanceClock(81 * DAY);

    expect(await expireImportedHashes({ olderThanDays: 180, dryRun: true })).toBe(2);
    expect(await account('20000041')).toMatchObject({ status: 'active', importedPasswordHash: PHPASS.hash });

    expect(await expireImportedHashes({ olderThanDays: 180 })).toBe(2);
    for (const identifier of ['20000041', '20000042']) {
      expect(await account(identifier)).toMatchObject({ status: 'pending', importedPasswordHash: null, activatedAt: null });
    }
    expect(await account('20000043')).toMatchObject({ status: 'active', importedPasswordHash: BCRYPT.hash });
    expect(await auditOf('imported_passwords_expired')).toEqual([expect.objectContaining({ details: { accounts: 2, olderThanDays: 180 } })]);

    // Only the expired imports are invited, not the demo's other pending accounts; a second run
    // (after an interruption) finds nothing to expire and nobody left to invite.
    const report = await invitePending({ expiredImports: true, minIntervalMs: 0 });
    expect(report).toMatchObject({ invited: 2, failedBatches: [], remaining: 0 });
    expect(stub.messages().flatMap((m) => m.to).sort()).toEqual(['old2@example.org', 'old@example.org']);
    expect(await expireImportedHashes({ olderThanDays: 180 })).toBe(0);
    expect(await invitePending({ expiredImports: true, minIntervalMs: 0 })).toMatchObject({ invited: 0, remaining: 0 });
    const invited = await getDb().select().from(accounts).where(inArray(accounts.identifier, ['00067890', '10006']));
    expect(invited.every((a) => a.invitedAt === null)).toBe(true);
  });
});
