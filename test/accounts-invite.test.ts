import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResendStub, StubMessage } from '../e2e/helpers/resend-stub.mjs';
import { invitePending } from '@/lib/accounts/invite';
import { findUsableLink } from '@/lib/password-links/tokens';
import { advanceClock } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts, auditEvents, type NewAccount } from '@/lib/db/schema';
import { resetDatabase } from './database';
import { useResendStub } from './resend';

const HOUR = 3_600_000;
let stub: ResendStub;
let batchRequests: number;

/** `count` pending accounts; every third one reads English. The demo's pending accounts are left out. */
async function pendingAccounts(count: number, extra: Partial<NewAccount> = {}) {
  const rows: NewAccount[] = Array.from({ length: count }, (_, i) => ({
    identifier: String(60_000_000 + i),
    kind: 'licence',
    email: `member${String(i).padStart(4, '0')}@example.org`,
    name: `Member ${i}`,
    locale: i % 3 === 0 ? 'en' : 'fr',
    ...extra,
  }));
  await getDb().insert(accounts).values(rows);
}
const invitedIdentifiers = async () =>
  (await getDb().select({ identifier: accounts.identifier }).from(accounts).where(sql`${accounts.invitedAt} is not null and ${accounts.status} = 'pending'`)).map(
    (r) => r.identifier,
  );
const recipients = (messages: StubMessage[]) => messages.flatMap((m) => m.to);
const keysOf = (messages: StubMessage[]) => [...new Set(messages.map((m) => m.idempotencyKey))];
const tokensIn = (message: StubMessage) => [...(message.text ?? '').matchAll(/\/reinitialisation\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]);

let stop: () => Promise<void>;
beforeAll(async () => {
  ({ stub, stop } = await useResendStub());
});
beforeEach(async () => {
  await resetDatabase();
  // The demo's two pending accounts were invited a moment ago: the counts below are exact.
  await getDb().update(accounts).set({ invitedAt: new Date() }).where(eq(accounts.status, 'pending'));
  stub.reset();
  batchRequests = 0;
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    if (String(input).endsWith('/emails/batch')) batchRequests += 1;
    return realFetch(input, init);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(() => stop());

describe('invitePending', () => {
  it('sends 250 invitations in 3 batch requests with idempotency keys, within the rate limit', async () => {
    await pendingAccounts(250);
    const progress: number[] = [];
    const started = Date.now();
    const report = await invitePending({ onProgress: (done, total) => progress.push(done / total) });
    const elapsed = Date.now() - started;

    expect(report).toEqual({ invited: 250, failedBatches: [], remaining: 0 });
    expect(batchRequests).toBe(3);
    const messages = stub.messages();
    const keys = keysOf(messages);
    expect(keys).toHaveLength(3);
    expect(keys.every((k) => typeof k === 'string' && k.startsWith('invite/'))).toBe(true);
    expect(keys.map((k) => messages.filter((m) => m.idempotencyKey === k).length)).toEqual([100, 100, 50]);
    expect(new Set(recipients(messages)).size).toBe(250);
    expect(progress).toEqual([100 / 250, 200 / 250, 1]);
    // At most 2 requests a second: 3 requests take at least two waits.
    expect(elapsed).toBeGreaterThanOrEqual(1000);

    expect(await invitedIdentifiers()).toHaveLength(252);
    const audit = await getDb().select().from(auditEvents).where(eq(auditEvents.type, 'invitation_sent'));
    expect(audit).toHaveLength(250);

    // Each email is in its account's locale, with a first-connection link that works.
    const english = messages.find((m) => m.to[0] === 'member0000@example.org')!;
    const french = messages.find((m) => m.to[0] === 'member0001@example.org')!;
    expect(english.subject).toMatch(/^Activate your /);
    expect(french.subject).toMatch(/^Activez votre compte /);
    for (const message of [english, french, messages[249]]) {
      const [token] = tokensIn(message);
      const owner = await findUsableLink(token);
      expect(owner?.email).toBe(message.to[0]);
      expect(message.text).toContain(owner!.identifier);
    }
  });

  it('sends nothing twice, and invites again only once the previous link has expired', async () => {
    await pendingAccounts(5);
    expect(await invitePending()).toEqual({ invited: 5, failedBatches: [], remaining: 0 });
    expect(await invitePending()).toEqual({ invited: 0, failedBatches: [], remaining: 0 });
    expect(stub.messages()).toHaveLength(5);
    expect(batchRequests).toBe(1);

    advanceClock(getConfig().resetTokenTtlHours * HOUR + 60_000);
    // The demo's 2 pending accounts are due again too; active and disabled accounts never are.
    expect(await invitePending()).toEqual({ invited: 7, failedBatches: [], remaining: 0 });
    expect(keysOf(stub.messages())).toHaveLength(2);
  });

  it('resumes after a refused batch: the rerun sends only to the others, nobody twice', async () => {
    await pendingAccounts(250);
    const first = await invitePending({
      // The provider fails on the second request only.
      onProgress: (done) => (done === 100 ? stub.failNext(1) : undefined),
    });
    expect(batchRequests).toBe(3);
    expect(first.invited).toBe(150);
    expect(first.remaining).toBe(100);
    expect(first.failedBatches).toEqual([{ accounts: 100, identifiers: expect.any(Array), error: expect.stringContaining('resend 500') }]);
    const refused = first.failedBatches[0].identifiers;
    const sentFirst = recipients(stub.messages());
    expect(sentFirst).toHaveLength(150);
    const stillPending = await getDb().select().from(accounts).where(inArray(accounts.identifier, refused));
    expect(stillPending.every((a) => a.invitedAt === null)).toBe(true);

    stub.reset();
    const second = await invitePending();
    expect(second).toEqual({ invited: 100, failedBatches: [], remaining: 0 });
    const sentSecond = stub.messages();
    expect(sentSecond).toHaveLength(100);
    expect(new Set([...sentFirst, ...recipients(sentSecond)]).size).toBe(250);
    expect(new Set(sentSecond.map((m) => m.to[0]))).toEqual(new Set(stillPending.map((a) => a.email)));
  });

  it('does not send again a batch Resend accepted when the run stopped before recording it', async () => {
    await pendingAccounts(30);
    expect(await invitePending()).toMatchObject({ invited: 30 });
    // As if the process had died between Resend's answer and the database update.
    await getDb().update(accounts).set({ invitedAt: null }).where(and(eq(accounts.status, 'pending'), sql`${accounts.identifier} like '6%'`));

    const rerun = await invitePending();
    expect(rerun).toEqual({ invited: 30, failedBatches: [], remaining: 0 });
    expect(batchRequests).toBe(2);
    // Same key, another body (new links): Resend refuses it as a replay, so nothing was sent twice.
    expect(stub.messages()).toHaveLength(30);
  });

  it('stops after --limit accounts and says how many remain', async () => {
    await pendingAccounts(130);
    expect(await invitePending({ limit: 120 })).toEqual({ invited: 120, failedBatches: [], remaining: 10 });
    expect(keysOf(stub.messages()).map((k) => stub.messages().filter((m) => m.idempotencyKey === k).length)).toEqual([100, 20]);
    expect(await invitePending({ limit: 120 })).toEqual({ invited: 10, failedBatches: [], remaining: 0 });
  });

  it('sends one message with every link to an address shared by several pending accounts', async () => {
    await pendingAccounts(3, { email: 'famille.leroy@example.org', locale: 'fr' });
    expect(await invitePending()).toMatchObject({ invited: 3 });
    const [message, ...others] = stub.messages();
    expect(others).toHaveLength(0);
    const tokens = tokensIn(message);
    expect(tokens).toHaveLength(3);
    const owners = await Promise.all(tokens.map((t) => findUsableLink(t)));
    expect(owners.map((a) => a?.identifier).sort()).toEqual(['60000000', '60000001', '60000002']);
  });

  it('invites only the accounts asked for', async () => {
    await pendingAccounts(4);
    const [target] = await getDb().select().from(accounts).where(eq(accounts.identifier, '60000002'));
    expect(await invitePending({ accountIds: [target.id] })).toEqual({ invited: 1, failedBatches: [], remaining: 0 });
    expect(recipients(stub.messages())).toEqual([target.email]);
    expect(await getDb().select().from(accounts).where(and(eq(accounts.status, 'pending'), isNull(accounts.invitedAt)))).toHaveLength(3);
  });

  it('prints to the local outbox, one message at a time, without a Resend key', async () => {
    await pendingAccounts(3);
    delete process.env.RESEND_API_KEY;
    try {
      vi.resetModules();
      const fresh = await import('@/lib/accounts/invite');
      const log = vi.spyOn(console, 'info').mockImplementation(() => {});
      expect(await fresh.invitePending()).toEqual({ invited: 3, failedBatches: [], remaining: 0 });
      expect(batchRequests).toBe(0);
      expect(stub.messages()).toHaveLength(0);
      const printed = log.mock.calls.map((c) => String(c[0]));
      expect(printed.filter((p) => p.includes('local outbox'))).toHaveLength(3);
      const token = printed.join('\n').match(/\/reinitialisation\/([A-Za-z0-9_-]{43})/)![1];
      expect(await findUsableLink(token)).not.toBeNull();
    } finally {
      process.env.RESEND_API_KEY = 're_test';
      vi.resetModules();
    }
  });
});
