import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listRequests, updateAccountRequest } from '@/lib/account-requests/queue';
import { requestUpdateSchema } from '@/lib/account-requests/schema';
import { createAccountByAdmin } from '@/lib/accounts/create';
import { adminCounters, escapeLike, recentAccountEvents, searchAccounts } from '@/lib/accounts/queries';
import { accountSchema } from '@/lib/accounts/schema';
import { clearAccountThrottles, sendAccountLink, setAccountDisabled, updateAccountProfile } from '@/lib/accounts/staff';
import { loginThrottle, recordLoginFailure } from '@/lib/throttles/login';
import { resolveSession } from '@/lib/sessions/sessions';
import { signInWithPassword } from '@/lib/sign-in/password';
import { closeDb, getDb } from '@/lib/db/client';
import { accountRequests, accounts, auditEvents, emailOutbox, passwordLinks } from '@/lib/db/schema';
import { openedBody } from '@/lib/mail/queue';
import { request, resetDatabase } from './database';

const KINDS = ['licence', 'client'] as const;
let admin: { id: string; request: typeof request };

async function accountId(identifier: string): Promise<string> {
  const [row] = await getDb().select({ id: accounts.id }).from(accounts).where(eq(accounts.identifier, identifier));
  return row.id;
}

async function newRequest(values: Partial<typeof accountRequests.$inferInsert> = {}): Promise<string> {
  const [row] = await getDb()
    .insert(accountRequests)
    .values({ name: 'Jeanne Martin', email: 'jeanne@example.test', message: 'Bonjour,\nun compte svp.', identifier: '00777001', locale: 'en', ...values })
    .returning({ id: accountRequests.id });
  return row.id;
}

const values = (identifier: string, extra: Record<string, string> = {}) => {
  const parsed = accountSchema(KINDS).safeParse({ identifier, kind: 'licence', email: 'Jeanne@Example.test ', name: ' Jeanne Martin ', locale: 'en', role: 'member', ...extra });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};

const typesOf = async (id: string) => (await recentAccountEvents(id)).map((e) => e.type);

beforeEach(async () => {
  await resetDatabase();
  admin = { id: await accountId('00000001'), request };
});
afterAll(closeDb);

describe('admin account form schema', () => {
  it('normalises the identifier for its kind and refuses the others', () => {
    expect(values('777 001').identifier).toBe('00777001');
    expect(values('12345', { kind: 'client' }).identifier).toBe('12345');
    const wrong = accountSchema(KINDS).safeParse({ identifier: '1234', kind: 'client', email: 'a@b.fr', name: '', locale: 'fr', role: 'member' });
    expect(wrong.success || wrong.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['identifier', 'admin.errors.identifierClient']]);
    // Every field's error at once, the identifier's included while the email is wrong too.
    const both = accountSchema(KINDS).safeParse({ identifier: 'x@y.fr', kind: 'licence', email: 'nope', name: '', locale: 'fr', role: 'member' });
    expect(both.success || Object.fromEntries(both.error.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      email: 'opening.emailFormat',
      identifier: 'admin.errors.identifierLicence',
    });
  });
});

describe('creating accounts', () => {
  it('creates a pending account from a request, links and closes the request, and queues the first-connection email', async () => {
    const requestId = await newRequest();
    const result = await createAccountByAdmin(values('777001'), admin, { sendLink: true, requestId });
    if (!result.ok) throw new Error(result.reason);
    expect(result.linkSent).toBe(true);
    expect(result.account).toMatchObject({ identifier: '00777001', status: 'pending', email: 'jeanne@example.test', name: 'Jeanne Martin', locale: 'en', passwordHash: null });

    const [linked] = await getDb().select().from(accountRequests).where(eq(accountRequests.id, requestId));
    expect(linked).toMatchObject({ accountId: result.account.id, status: 'done' });
    const mails = await getDb().select().from(emailOutbox).where(eq(emailOutbox.accountId, result.account.id));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: 'activation', to: 'jeanne@example.test' });
    expect(openedBody(mails[0]).text).toContain('00777001');
    const links = await getDb().select().from(passwordLinks).where(eq(passwordLinks.accountId, result.account.id));
    expect(links.map((l) => l.purpose)).toEqual(['activation']);
    const [account] = await getDb().select().from(accounts).where(eq(accounts.id, result.account.id));
    expect(account.invitedAt).not.toBeNull();

    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, result.account.id));
    expect(events.map((e) => e.type).sort()).toEqual(['admin_account_created', 'admin_link_sent', 'admin_request_updated']);
    expect(events.every((e) => e.actorId === admin.id && e.ip === request.ip)).toBe(true);
  });

  it('refuses an identifier already in use, names that account, and leaves the request open', async () => {
    const requestId = await newRequest({ identifier: '00123456' });
    const result = await createAccountByAdmin(values('123456'), admin, { sendLink: true, requestId });
    expect(result).toEqual({ ok: false, reason: 'exists', existingId: await accountId('00123456') });
    const [open] = await getDb().select().from(accountRequests).where(eq(accountRequests.id, requestId));
    expect(open).toMatchObject({ status: 'new', accountId: null });
    expect(await getDb().select().from(emailOutbox)).toHaveLength(0);
  });

  it('creates without an email when not asked, and refuses an unknown request', async () => {
    const created = await createAccountByAdmin(values('777002', { role: 'admin' }), admin, { sendLink: false });
    expect(created.ok && created.linkSent).toBe(false);
    expect(created.ok && created.account.role).toBe('admin');
    expect(await getDb().select().from(emailOutbox)).toHaveLength(0);
    const missing = await createAccountByAdmin(values('777003'), admin, { sendLink: true, requestId: '00000000-0000-4000-8000-000000000000' });
    expect(missing).toEqual({ ok: false, reason: 'requestNotFound' });
    expect(await getDb().select().from(accounts).where(eq(accounts.identifier, '00777003'))).toHaveLength(0);
  });
});

describe('managing accounts', () => {
  it('disabling ends every open session at once; enabling puts the account back to active', async () => {
    const signedIn = await signInWithPassword({ identifier: '00123456', password: 'Sesame-Demo-2026', remember: true }, request);
    if (!signedIn.ok) throw new Error('sign-in failed');
    const marie = await accountId('00123456');
    expect(await setAccountDisabled(marie, true, admin)).toBe('ok');
    const [disabled] = await getDb().select().from(accounts).where(eq(accounts.id, marie));
    expect(disabled.status).toBe('disabled');
    expect(await resolveSession(signedIn.sessionId)).toBeNull();
    const [event] = await getDb().select().from(auditEvents).where(eq(auditEvents.type, 'admin_account_disabled'));
    expect(event).toMatchObject({ accountId: marie, actorId: admin.id, details: { sessionsEnded: 1 } });

    expect(await sendAccountLink(marie, admin)).toBe(false);
    expect(await setAccountDisabled(marie, false, admin)).toBe('ok');
    const [enabled] = await getDb().select().from(accounts).where(eq(accounts.id, marie));
    expect(enabled.status).toBe('active');
    expect(await typesOf(marie)).toEqual(expect.arrayContaining(['admin_account_disabled', 'admin_account_enabled']));
  });

  it('enables a never-activated account back to pending, and never lets an admin disable themself', async () => {
    const paul = await accountId('00067890');
    await setAccountDisabled(paul, true, admin);
    await setAccountDisabled(paul, false, admin);
    const [row] = await getDb().select().from(accounts).where(eq(accounts.id, paul));
    expect(row.status).toBe('pending');
    expect(await setAccountDisabled(admin.id, true, admin)).toBe('self');
    const [self] = await getDb().select().from(accounts).where(eq(accounts.id, admin.id));
    expect(self.status).toBe('active');
  });

  it('sends a reset link to an active account and a first-connection link to a pending one', async () => {
    expect(await sendAccountLink(await accountId('00123456'), admin)).toBe(true);
    expect(await sendAccountLink(await accountId('10006'), admin)).toBe(true);
    const kinds = (await getDb().select().from(emailOutbox)).map((m) => [m.to, m.template]).sort();
    expect(kinds).toEqual([
      ['achats@librairie-exemple.fr', 'activation'],
      ['marie.dupont@example.org', 'reset'],
    ]);
  });

  it('clears the login throttle of the account', async () => {
    for (let i = 0; i < 6; i += 1) await recordLoginFailure('00123456', `198.51.100.${i}`);
    expect((await loginThrottle('00123456', '198.51.100.99')).blocked).toBe(true);
    await clearAccountThrottles(await accountId('00123456'), admin);
    expect((await loginThrottle('00123456', '198.51.100.99')).blocked).toBe(false);
    expect(await typesOf(await accountId('00123456'))).toContain('admin_throttles_cleared');
  });

  it('updates the email and name, and audits only a real change', async () => {
    const marie = await accountId('00123456');
    await updateAccountProfile(marie, { email: 'marie.dupont@example.org', name: 'Marie Dupont' }, admin);
    expect(await typesOf(marie)).not.toContain('admin_account_updated');
    await updateAccountProfile(marie, { email: 'marie@example.org', name: 'Marie Dupont' }, admin);
    const [row] = await getDb().select().from(accounts).where(eq(accounts.id, marie));
    expect(row.email).toBe('marie@example.org');
    const [event] = await getDb().select().from(auditEvents).where(eq(auditEvents.type, 'admin_account_updated'));
    expect(event.details).toEqual({ changed: ['email'] });
  });
});

describe('search, queue and counters', () => {
  it('finds by normalised identifier, email or name, case-insensitively', async () => {
    expect((await searchAccounts('123 456', KINDS)).map((a) => a.identifier)).toEqual(['00123456']);
    expect((await searchAccounts('DURAND', KINDS)).map((a) => a.identifier)).toEqual(['00013579', '00024680']);
    expect((await searchAccounts('papeterie-exemple', KINDS)).map((a) => a.identifier)).toEqual(['10005']);
    expect(await searchAccounts('   ', KINDS)).toEqual([]);
  });

  it('takes % and _ literally', async () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    expect(await searchAccounts('%', KINDS)).toEqual([]);
    expect(await searchAccounts('_', KINDS)).toEqual([]);
    await getDb().insert(accounts).values({ identifier: '00555555', kind: 'licence', email: 'x_y@example.test', name: '100% Sport' });
    expect((await searchAccounts('x_y', KINDS)).map((a) => a.identifier)).toEqual(['00555555']);
    expect((await searchAccounts('100%', KINDS)).map((a) => a.identifier)).toEqual(['00555555']);
  });

  it('searches with NUL bytes, line breaks and SQL fragments as plain text, without an error', async () => {
    expect((await searchAccounts('00123\u0000456', KINDS)).map((a) => a.identifier)).toEqual(['00123456']);
    expect((await searchAccounts('Marie\r\nDupont', KINDS)).map((a) => a.identifier)).toEqual(['00123456']);
    expect(await searchAccounts("' OR 1=1 --", KINDS)).toEqual([]);
    expect(await searchAccounts('\u0000', KINDS)).toEqual([]);
  });

  it('keeps notes pasted with invisible control characters, without them', async () => {
    const id = await newRequest();
    const parsed = requestUpdateSchema.parse({ status: 'in_progress', notes: 'Rappel\u0000ée\r\nle 3\u000b mars\tmatin ' });
    expect(parsed.notes).toBe('Rappelée\nle 3 mars\tmatin');
    expect(await updateAccountRequest(id, parsed, admin)).toBeTruthy();
    const [row] = await getDb().select().from(accountRequests).where(eq(accountRequests.id, id));
    expect(row.notes).toBe('Rappelée\nle 3 mars\tmatin');
  });

  it('counts accounts, the activated share and the requests still to handle', async () => {
    expect(await adminCounters()).toEqual({ accounts: 7, activated: 5, activatedPercent: 71, pendingRequests: 0 });
    const a = await newRequest();
    const b = await newRequest({ email: 'b@example.test' });
    await newRequest({ email: 'c@example.test', status: 'rejected' });
    await updateAccountRequest(b, { status: 'in_progress', notes: 'Rappelée' }, admin);
    expect((await adminCounters()).pendingRequests).toBe(2);
    await updateAccountRequest(a, { status: 'done', notes: '' }, admin);
    expect((await adminCounters()).pendingRequests).toBe(1);
    expect((await listRequests('open')).map((r) => r.id)).toEqual([b]);
    expect(await listRequests('all')).toHaveLength(3);
    expect((await listRequests('done')).map((r) => r.id)).toEqual([a]);
    const [event] = await getDb().select().from(auditEvents).where(eq(auditEvents.type, 'admin_request_updated'));
    expect(event).toMatchObject({ actorId: admin.id, details: { requestId: b, status: 'in_progress' } });
  });
});
