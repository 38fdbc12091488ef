import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Resend } from 'resend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/resend/webhook/route';
import { invitePending } from '@/lib/accounts/invite';
import { sendAccountLink } from '@/lib/accounts/staff';
import { advanceClock, HOUR } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts, emailEvents, emailOutbox } from '@/lib/db/schema';
import { emailHistory } from '@/lib/mail/history';
import { deliverDueEmails } from '@/lib/mail/queue';
import { svixSignature, verifySvix } from '@/lib/mail/webhook';
import { accountLinkState } from '@/lib/password-links/state';
import { revokeLinks } from '@/lib/password-links/tokens';
import { resetDatabase, request } from './database';
import { useResendStub } from './resend';

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
let stop: () => Promise<void>;
let pending: string;
let adminId: string;

beforeAll(async () => {
  ({ stop } = await useResendStub());
  process.env.RESEND_WEBHOOK_SECRET = SECRET;
});
afterAll(async () => {
  delete process.env.RESEND_WEBHOOK_SECRET;
  await stop();
});
beforeEach(async () => {
  await resetDatabase();
  const rows = await getDb().select({ id: accounts.id, identifier: accounts.identifier }).from(accounts);
  pending = rows.find((r) => r.identifier === '00067890')!.id;
  adminId = rows.find((r) => r.identifier === '00000001')!.id;
});

/** The link email of the pending demo account, sent through the real SDK to the stub; its Resend id. */
async function sentLinkEmail(): Promise<string> {
  await sendAccountLink(pending, { id: adminId, request });
  await deliverDueEmails();
  const [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.accountId, pending));
  expect(row.providerId).toMatch(/^[0-9a-f-]{36}$/);
  return row.providerId!;
}

type Signed = { body: string; headers: Record<string, string> };

/** An event as Resend sends it, signed the documented way with `secret` at `seconds`. */
function signed(type: string, emailId: string, data: Record<string, unknown> = {}, options: { secret?: string; seconds?: number; id?: string } = {}): Signed {
  const body = JSON.stringify({ type, created_at: new Date().toISOString(), data: { email_id: emailId, from: 'x@example.org', to: ['paul.martin@example.org'], subject: 's', created_at: new Date().toISOString(), ...data } });
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = String(options.seconds ?? Math.floor(Date.now() / 1000));
  return { body, headers: { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${svixSignature(options.secret ?? SECRET, id, timestamp, body)}` } };
}

const post = ({ body, headers }: Signed) =>
  POST(new Request('http://127.0.0.1/api/resend/webhook', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }));

const states = async () => (await emailHistory(pending)).map((e) => [e.state, e.detail]);
const eventCount = async () => (await getDb().select().from(emailEvents)).length;

describe('Svix signatures', () => {
  it('are the ones the Resend SDK itself accepts', () => {
    const event = signed('email.delivered', 'abc');
    const verified = new Resend('re_test').webhooks.verify({
      payload: event.body,
      headers: { id: event.headers['svix-id'], timestamp: event.headers['svix-timestamp'], signature: event.headers['svix-signature'] },
      webhookSecret: SECRET,
    });
    expect(verified).toMatchObject({ type: 'email.delivered' });
    const headers = { id: event.headers['svix-id'], timestamp: event.headers['svix-timestamp'], signature: `v1,bm90IGl0 ${event.headers['svix-signature']}` };
    expect(verifySvix(SECRET, headers, event.body)).toEqual({ ok: true });
    expect(verifySvix(SECRET, headers, `${event.body} `)).toEqual({ ok: false, reason: 'forged' });
    expect(verifySvix(SECRET, { ...headers, timestamp: String(Number(headers.timestamp) - 301) }, event.body)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySvix(SECRET, { ...headers, signature: null }, event.body)).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('the Resend webhook', () => {
  it('stores the Resend id of each email sent, and shows it queued, then sent, then delivered', async () => {
    await sendAccountLink(pending, { id: adminId, request });
    expect(await states()).toEqual([['queued', null]]);
    await deliverDueEmails();
    const [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.accountId, pending));
    const emailId = row.providerId!;
    expect(emailId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await states()).toEqual([['sent', null]]);
    const response = await post(signed('email.delivered', emailId));
    expect(response.status).toBe(200);
    expect(await states()).toEqual([['delivered', null]]);
  });

  it('shows a bounce with its reason and a spam complaint, whatever order the events come in', async () => {
    const emailId = await sentLinkEmail();
    expect((await post(signed('email.bounced', emailId, { bounce: { type: 'Permanent', subType: 'General', message: 'Mailbox does not exist' } }))).status).toBe(200);
    expect((await post(signed('email.delivered', emailId))).status).toBe(200);
    expect(await states()).toEqual([['bounced', 'Permanent — General — Mailbox does not exist']]);
    expect((await post(signed('email.complained', emailId))).status).toBe(200);
    expect((await states())[0][0]).toBe('complained');
  });

  it('shows a failure with the reason Resend gives', async () => {
    const emailId = await sentLinkEmail();
    await post(signed('email.failed', emailId, { failed: { reason: 'Domain not verified' } }));
    expect(await states()).toEqual([['failed', 'Domain not verified']]);
  });

  it('refuses a forged, tampered, stale or replayed event, and changes nothing', async () => {
    const emailId = await sentLinkEmail();
    const forged = await post(signed('email.bounced', emailId, {}, { secret: `whsec_${randomBytes(24).toString('base64')}` }));
    expect(forged.status).toBe(401);
    const genuine = signed('email.bounced', emailId);
    const tampered = await post({ ...genuine, body: genuine.body.replace('email.bounced', 'email.complained') });
    expect(tampered.status).toBe(401);
    const stale = await post(signed('email.complained', emailId, {}, { seconds: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(stale.status).toBe(400);
    const unsigned = await post({ body: genuine.body, headers: {} });
    expect(unsigned.status).toBe(401);
    expect(await eventCount()).toBe(0);
    expect(await states()).toEqual([['sent', null]]);

    const delivered = signed('email.delivered', emailId);
    expect((await post(delivered)).status).toBe(200);
    // The same message again, and its id with another (validly signed) event: both refused.
    const replay = await post(delivered);
    expect(replay.status).toBe(409);
    expect((await post(signed('email.complained', emailId, {}, { id: delivered.headers['svix-id'] }))).status).toBe(409);
    expect(await eventCount()).toBe(1);
    expect(await states()).toEqual([['delivered', null]]);
  });

  it('acknowledges events it does not track, refuses malformed ones, and does not exist without its secret', async () => {
    const emailId = await sentLinkEmail();
    expect(await (await post(signed('email.opened', emailId))).json()).toEqual({ status: 'ignored' });
    const id = 'msg_bad';
    const ts = String(Math.floor(Date.now() / 1000));
    const malformed = await post({ body: '{not json', headers: { 'svix-id': id, 'svix-timestamp': ts, 'svix-signature': `v1,${svixSignature(SECRET, id, ts, '{not json')}` } });
    expect(malformed.status).toBe(400);
    expect(await eventCount()).toBe(0);
    delete process.env.RESEND_WEBHOOK_SECRET;
    try {
      expect((await post(signed('email.delivered', emailId))).status).toBe(404);
    } finally {
      process.env.RESEND_WEBHOOK_SECRET = SECRET;
    }
  });
});

describe('invitations sent in batches', () => {
  it('appear in the account’s emails with Resend’s id, and follow its events', async () => {
    const report = await invitePending({ accountIds: [pending], minIntervalMs: 0 });
    expect(report.invited).toBe(1);
    const history = await emailHistory(pending);
    expect(history.map((e) => [e.template, e.to, e.state])).toEqual([['invitation', 'paul.martin@example.org', 'sent']]);
    const [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.accountId, pending));
    expect(row).toMatchObject({ status: 'sent', html: '', text: '', providerId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect((await post(signed('email.delivered', row.providerId!))).status).toBe(200);
    expect(await states()).toEqual([['delivered', null]]);
    // Nothing left for the queue to send again.
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 0, retried: 0 });
  });
});

describe("an account's link", () => {
  it('is none, then outstanding, then expired', async () => {
    expect(await accountLinkState(pending)).toEqual({ state: 'none' });
    await sendAccountLink(pending, { id: adminId, request });
    expect(await accountLinkState(pending)).toMatchObject({ state: 'outstanding', purpose: 'activation', outstanding: 1 });
    advanceClock(9 * HOUR);
    expect(await accountLinkState(pending)).toMatchObject({ state: 'expired', outstanding: 0 });
  });

  it('is used once used', async () => {
    await sendAccountLink(pending, { id: adminId, request });
    await revokeLinks(pending);
    expect(await accountLinkState(pending)).toMatchObject({ state: 'used', outstanding: 0 });
  });
});
