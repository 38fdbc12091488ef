import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSession, endSession } from '@/lib/sessions/sessions';
import { FAILURES_UNTIL_RESET, identifierKey, recordLoginFailure } from '@/lib/throttles/login';
import { advanceClock, DAY, HOUR, now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accountImports, accountRequests, accounts, auditEvents, emailChangeLinks, emailEvents, emailOutbox, oidcRecords, passwordLinks, sessions, throttles } from '@/lib/db/schema';
import { createEmailChangeLink } from '@/lib/email-change/links';
import { deliverDueEmails, enqueueEmail } from '@/lib/mail/queue';
import { createPasswordLink } from '@/lib/password-links/tokens';
import { hit } from '@/lib/throttles/rate-limit';
import { issueChallenge } from '@/lib/passkeys/challenges';
import { purgeExpired, purgeIfDue, type PurgeCounts } from '@/lib/retention/purge';
import { request, resetDatabase } from './database';

const NOTHING: PurgeCounts = {
  sessions: 0,
  passwordLinks: 0,
  throttles: 0,
  emails: 0,
  auditEvents: 0,
  accountRequests: 0,
  emailChangeLinks: 0,
  emailEvents: 0,
  accountImports: 0,
  webauthnChallenges: 0,
  oidcRecords: 0,
};
const idOf = async (identifier: string) => (await getDb().select({ id: accounts.id }).from(accounts).where(eq(accounts.identifier, identifier)))[0].id;
const keys = async () => (await getDb().select({ key: throttles.key }).from(throttles)).map((r) => r.key).sort();
const email = (n: number) => ({ template: 'test', to: `r${n}@example.org`, subject: `s${n}`, html: 'h', text: 't', idempotencyKey: `retention:${n}` });
const requestRow = (status: 'new' | 'in_progress' | 'done' | 'rejected', name: string) => ({ name, email: `${name}@example.org`, message: 'm', status, updatedAt: now(), createdAt: now() });

beforeEach(async () => {
  await resetDatabase();
  // The demo's seeding leaves nothing to purge; audit rows of other tests are gone with the truncate.
});

describe('retention purge', () => {
  it('deletes WebAuthn challenges nobody came back for, once they have expired', async () => {
    await issueChallenge('authenticate', null, 'challenge-left-behind');
    await issueChallenge('register', await idOf('00123456'), 'challenge-of-marie');
    expect(await purgeExpired()).toEqual(NOTHING);
    advanceClock(6 * 60_000);
    expect(await purgeExpired()).toEqual({ ...NOTHING, webauthnChallenges: 2 });
  });

  it('deletes what the OpenID Connect provider issued a day after it expired', async () => {
    const at = (ms: number) => new Date(Date.now() + ms);
    await getDb()
      .insert(oidcRecords)
      .values([
        { model: 'AuthorizationCode', id: 'expired-two-days-ago', payload: {}, expiresAt: at(-2 * DAY) },
        { model: 'RefreshToken', id: 'expired-an-hour-ago', payload: {}, expiresAt: at(-HOUR) },
        { model: 'Grant', id: 'still-valid', payload: {}, expiresAt: at(DAY) },
      ]);
    expect(await purgeExpired()).toEqual({ ...NOTHING, oidcRecords: 1 });
    expect((await getDb().select({ id: oidcRecords.id }).from(oidcRecords)).map((r) => r.id).sort()).toEqual(['expired-an-hour-ago', 'still-valid']);
  });

  it('deletes nothing that is still in use', async () => {
    const marie = await idOf('00123456');
    await createSession(marie, true, request);
    await createPasswordLink(marie, 'reset');
    await hit('reset:ip:203.0.113.7', 10, HOUR);
    await enqueueEmail(email(1));
    await getDb().insert(accountRequests).values([requestRow('new', 'fresh'), requestRow('done', 'closed')]);
    expect(await purgeExpired()).toEqual(NOTHING);
  });

  it('deletes each kind of row once its time is up, and keeps the others', async () => {
    const marie = await idOf('00123456');
    const paul = await idOf('00067890');
    // Day 0.
    const ended = await createSession(marie, false, request);
    await endSession(ended, 'sign_out');
    await createSession(marie, false, request); // a browser session: expires after 12 hours
    await createSession(marie, true, request); // remembered: 30 days
    const used = await createPasswordLink(paul, 'activation');
    await getDb().update(passwordLinks).set({ usedAt: now() }).where(eq(passwordLinks.accountId, paul));
    await hit('reset:ip:203.0.113.7', 10, HOUR);
    for (let i = 0; i < 3; i += 1) await recordLoginFailure('00999999', '198.51.100.1');
    await getDb().insert(throttles).values({ key: identifierKey('00888888'), count: FAILURES_UNTIL_RESET, updatedAt: now(), windowStartedAt: now() });
    await enqueueEmail(email(1));
    await enqueueEmail(email(2));
    await deliverDueEmails();
    await getDb().update(emailOutbox).set({ status: 'failed' }).where(eq(emailOutbox.idempotencyKey, 'retention:2'));
    await getDb().insert(accountRequests).values([requestRow('done', 'done'), requestRow('rejected', 'rejected'), requestRow('new', 'waiting')]);
    await getDb().insert(auditEvents).values({ at: now(), type: 'sign_in' });
    expect(used.token).toBeTruthy();

    // Day 2: links and throttle windows are over; nothing else is old enough.
    advanceClock(2 * DAY);
    await createPasswordLink(paul, 'activation'); // still valid
    const early = await purgeExpired();
    expect(early).toMatchObject({ sessions: 0, emails: 0, auditEvents: 0, accountRequests: 0 });
    expect(early.passwordLinks).toBe(1);
    // The window of the address keys (reset, login) is over; the identifiers' failures stay.
    expect(await keys()).toEqual([identifierKey('00888888'), identifierKey('00999999')].sort());
    // reset:ip and login:ip, and the budgets of checks of the address and the identifier.
    expect(early.throttles).toBe(4);

    // Day 33: the signed-out and the browser session ended more than 30 days ago; sent and failed
    // emails are past 30 days; the identifier's 3 failures were last touched 33 days ago.
    advanceClock(31 * DAY);
    expect(await purgeExpired()).toEqual({ ...NOTHING, sessions: 2, passwordLinks: 1, throttles: 1, emails: 2 });
    expect(await getDb().select({ remember: sessions.remember }).from(sessions)).toEqual([{ remember: true }]);
    // An identifier locked until a reset is never forgotten.
    expect(await keys()).toEqual([identifierKey('00888888')]);

    // Day 366: closed requests go; one still waiting stays. Day 401: the audit event goes.
    advanceClock(333 * DAY);
    expect(await purgeExpired()).toMatchObject({ sessions: 1, accountRequests: 2, auditEvents: 0 });
    expect((await getDb().select({ name: accountRequests.name }).from(accountRequests)).map((r) => r.name)).toEqual(['waiting']);
    advanceClock(35 * DAY);
    expect(await purgeExpired()).toMatchObject({ auditEvents: 1 });
    expect(await keys()).toEqual([identifierKey('00888888')]);
  });

  it('deletes replaced and expired email-change links, delivery events after 30 days, imports after a day unconfirmed or 30 confirmed', async () => {
    const marie = { id: await idOf('00123456'), email: 'marie.dupont@example.org' };
    // Day 0: a link replaced by a second one (valid RESET_TOKEN_TTL_HOURS, 8), a delivery event,
    // an import left unconfirmed and one confirmed.
    await createEmailChangeLink(marie, 'marie.first@example.org');
    await createEmailChangeLink(marie, 'marie.second@example.org');
    await getDb().insert(emailEvents).values({ svixId: 'msg_retention', providerId: 'resend-1', type: 'email.delivered', occurredAt: now(), receivedAt: now() });
    const upload = { fileName: 'accounts.csv', content: 'sealed', dryRun: {}, createdAt: now() };
    await getDb().insert(accountImports).values([{ ...upload, fileName: 'waiting.csv' }, { ...upload, fileName: 'done.csv', confirmedAt: now(), content: '' }]);
    const newEmails = async () => (await getDb().select({ to: emailChangeLinks.newEmail }).from(emailChangeLinks)).map((r) => r.to);
    const importNames = async () => (await getDb().select({ name: accountImports.fileName }).from(accountImports)).map((r) => r.name);

    expect(await purgeExpired()).toEqual({ ...NOTHING, emailChangeLinks: 1 });
    expect(await newEmails()).toEqual(['marie.second@example.org']);

    // Day 2: the second link has expired; the unconfirmed import could only be confirmed for an hour.
    advanceClock(2 * DAY);
    expect(await purgeExpired()).toEqual({ ...NOTHING, emailChangeLinks: 1, accountImports: 1 });
    expect(await importNames()).toEqual(['done.csv']);

    // Day 29: the event and the confirmed import's report are still kept; day 31: both are gone.
    advanceClock(27 * DAY);
    expect(await purgeExpired()).toEqual(NOTHING);
    advanceClock(2 * DAY);
    expect(await purgeExpired()).toEqual({ ...NOTHING, emailEvents: 1, accountImports: 1 });
    expect(await getDb().select().from(emailEvents)).toEqual([]);
    expect(await importNames()).toEqual([]);
  });

  it('counts without deleting in a dry run', async () => {
    await getDb().insert(auditEvents).values({ at: new Date(now().getTime() - 401 * DAY), type: 'sign_in' });
    expect(await purgeExpired({ dryRun: true })).toEqual({ ...NOTHING, auditEvents: 1 });
    expect(await purgeExpired()).toEqual({ ...NOTHING, auditEvents: 1 });
    expect(await purgeExpired({ dryRun: true })).toEqual(NOTHING);
  });

  it('runs once a day whoever asks, shared through the database', async () => {
    expect(await purgeIfDue()).toEqual(NOTHING);
    expect(await Promise.all([purgeIfDue(), purgeIfDue()])).toEqual([null, null]);
    advanceClock(DAY - 1000);
    expect(await purgeIfDue()).toBeNull();
    advanceClock(1000);
    const [a, b] = await Promise.all([purgeIfDue(), purgeIfDue()]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
  });

  it('deletes 50,000 of 100,000 audit events older than AUDIT_RETENTION_DAYS (400)', async () => {
    await getDb().execute(
      sql`insert into audit_events (at, type) select now() - (i % 800) * interval '1 day' - interval '1 hour', 'sign_in' from generate_series(0, 99999) as i`,
    );
    const started = performance.now();
    const counts = await purgeExpired();
    const ms = performance.now() - started;
    expect(counts).toEqual({ ...NOTHING, auditEvents: 50_000 });
    const [left] = await getDb().select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(left.n).toBe(50_000);
    console.info(`purge of 100,000 audit events: 50,000 deleted in ${Math.round(ms)} ms`);
  });
});
