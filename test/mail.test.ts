import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as cronGet } from '@/app/api/cron/outbox/route';
import { advanceClock } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { emailOutbox } from '@/lib/db/schema';
import { deliverDueEmails, enqueueEmail, MAX_ATTEMPTS, openedBody } from '@/lib/mail/queue';
import type { ResendStub } from '../e2e/helpers/resend-stub.mjs';
import { resendStubForEachTest } from './resend';

const MINUTE = 60_000;
const BODY_MARKER = 'BODY-MARKER-7f3a';

const email = (n: number, to = 'marie.dupont@example.org') => ({
  template: 'password_reset',
  to,
  subject: `Réinitialisation ${n}`,
  html: `<p>${BODY_MARKER} html ${n}</p>`,
  text: `${BODY_MARKER} text ${n}`,
  idempotencyKey: `test:${n}`,
});
const outboxRow = async (key: string) =>
  (await getDb().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, key)))[0];
const nothing = { sent: 0, failed: 0, retried: 0 };

const resend = resendStubForEachTest();
afterEach(() => {
  vi.restoreAllMocks();
});

describe('email outbox', () => {
  it('delivers a queued email to Resend with its idempotency key, once', async () => {
    await enqueueEmail(email(1));
    await enqueueEmail({ ...email(1), subject: 'duplicate' });
    expect(await getDb().select().from(emailOutbox)).toHaveLength(1);

    expect(await deliverDueEmails()).toEqual({ sent: 1, failed: 0, retried: 0 });
    const inbox = (await (await fetch(`${resend.stub.url}/__messages?to=marie.dupont@example.org`)).json()) as ReturnType<ResendStub['messages']>;
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      from: getConfig().mailFrom,
      to: ['marie.dupont@example.org'],
      subject: 'Réinitialisation 1',
      html: email(1).html,
      text: email(1).text,
      idempotencyKey: 'test:1',
    });
    const row = await outboxRow('test:1');
    expect(row).toMatchObject({ status: 'sent', attempts: 1, providerId: inbox[0].id, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    // Once Resend has it, the table keeps who was sent what and when, not the body.
    expect(row).toMatchObject({ html: '', text: '', subject: 'Réinitialisation 1', to: 'marie.dupont@example.org' });

    // Sent rows are never sent again.
    advanceClock(24 * 60 * MINUTE);
    expect(await deliverDueEmails()).toEqual(nothing);
    expect(resend.stub.messages()).toHaveLength(1);
  });

  it('retries after 1 then 2 minutes when Resend fails, not before', async () => {
    await fetch(`${resend.stub.url}/__fail?count=2`, { method: 'POST' });
    await enqueueEmail(email(2));

    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 0, retried: 1 });
    const row = await outboxRow('test:2');
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('500');
    expect(row.lastError).not.toContain(BODY_MARKER);

    expect(await deliverDueEmails()).toEqual(nothing);
    advanceClock(MINUTE - 1000);
    expect(await deliverDueEmails()).toEqual(nothing);
    advanceClock(1000);
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 0, retried: 1 });

    advanceClock(2 * MINUTE - 1000);
    expect(await deliverDueEmails()).toEqual(nothing);
    advanceClock(1000);
    expect(await deliverDueEmails()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await outboxRow('test:2')).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(resend.stub.messages().map((m) => m.idempotencyKey)).toEqual(['test:2']);
  });

  it('gives up after 10 failed attempts, with backoff capped at 60 minutes', async () => {
    resend.stub.failNext(MAX_ATTEMPTS);
    await enqueueEmail(email(3));
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const expected = attempt < MAX_ATTEMPTS ? { sent: 0, failed: 0, retried: 1 } : { sent: 0, failed: 1, retried: 0 };
      expect(await deliverDueEmails()).toEqual(expected);
      const row = await outboxRow('test:3');
      if (attempt < MAX_ATTEMPTS) waits.push(Math.round((row.nextAttemptAt.getTime() - Date.now()) / MINUTE));
      advanceClock(60 * MINUTE);
    }
    // Measured against the real clock while the test clock moves 60 minutes a step.
    expect(waits.map((w, i) => w - 60 * i)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    const row = await outboxRow('test:3');
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, sentAt: null, html: '', text: '' });
    expect(row.lastError).toMatch(/resend 500/);
    expect(row.lastError).not.toContain(BODY_MARKER);

    advanceClock(24 * 60 * MINUTE);
    expect(await deliverDueEmails()).toEqual(nothing);
    expect(resend.stub.messages()).toHaveLength(0);
  });

  it('sends each row once when two deliveries run at the same time', async () => {
    for (let n = 10; n < 16; n += 1) await enqueueEmail(email(n, `user${n}@example.org`));
    const [a, b] = await Promise.all([deliverDueEmails(), deliverDueEmails()]);
    expect(a.sent + b.sent).toBe(6);
    expect(a.retried + b.retried + a.failed + b.failed).toBe(0);
    const keys = resend.stub.messages().map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(6);
    expect(keys).toHaveLength(6);
    const rows = await getDb().select().from(emailOutbox);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('respects the batch limit', async () => {
    for (let n = 20; n < 23; n += 1) await enqueueEmail(email(n));
    expect(await deliverDueEmails(2)).toEqual({ sent: 2, failed: 0, retried: 0 });
    expect(await deliverDueEmails(2)).toEqual({ sent: 1, failed: 0, retried: 0 });
  });
});

describe('bodies at rest', () => {
  it('are sealed while they wait: no link or text readable in the table', async () => {
    await enqueueEmail(email(50));
    const row = await outboxRow('test:50');
    expect(row.html).toMatch(/^sealed:v1:/);
    expect(row.text).toMatch(/^sealed:v1:/);
    expect(JSON.stringify(row)).not.toContain(BODY_MARKER);
    expect(openedBody(row)).toEqual({ html: email(50).html, text: email(50).text });
  });

  it('seal the same body differently each time', async () => {
    await enqueueEmail(email(51));
    await enqueueEmail({ ...email(51), idempotencyKey: 'test:51b' });
    expect((await outboxRow('test:51')).text).not.toBe((await outboxRow('test:51b')).text);
  });

  it('still send when queued before bodies were sealed', async () => {
    const at = new Date();
    await getDb().insert(emailOutbox).values({ ...email(52), nextAttemptAt: at, createdAt: at });
    expect(await deliverDueEmails()).toMatchObject({ sent: 1 });
    expect(resend.stub.messages()[0]).toMatchObject({ text: email(52).text });
  });

  it('fail at once, without a retry, when AUTH_SECRET changed since they were queued', async () => {
    await enqueueEmail(email(53));
    const row = await outboxRow('test:53');
    // A body sealed under another secret: flip one byte of the ciphertext's tag.
    const raw = Buffer.from(row.text.slice('sealed:v1:'.length), 'base64');
    raw[12] ^= 0xff;
    await getDb().update(emailOutbox).set({ text: `sealed:v1:${raw.toString('base64')}` }).where(eq(emailOutbox.id, row.id));
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(await outboxRow('test:53')).toMatchObject({ status: 'failed', html: '', text: '', lastError: expect.stringContaining('AUTH_SECRET') });
    expect(resend.stub.messages()).toHaveLength(0);
  });
});

describe('cron route', () => {
  const call = (authorization?: string) =>
    cronGet(new Request('http://127.0.0.1/api/cron/outbox', { headers: authorization ? { authorization } : {} }));

  it('does not exist without CRON_SECRET, refuses a wrong secret, delivers with the right one', async () => {
    delete process.env.CRON_SECRET;
    expect((await call('Bearer anything')).status).toBe(404);

    process.env.CRON_SECRET = 'cron-secret-for-tests';
    expect((await call()).status).toBe(401);
    expect((await call('Bearer wrong')).status).toBe(401);
    expect((await call('cron-secret-for-tests')).status).toBe(401);

    await enqueueEmail(email(30));
    const response = await call('Bearer cron-secret-for-tests');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sent: 1, failed: 0, retried: 0 });
  });
});

describe('worker and local outbox', () => {
  it('starts one worker per process', async () => {
    const spy = vi.spyOn(globalThis, 'setInterval');
    const { startOutboxWorker } = await import('@/lib/mail/worker');
    startOutboxWorker();
    startOutboxWorker();
    expect(spy).toHaveBeenCalledTimes(1);
    clearInterval((globalThis as unknown as { __sesameOutboxWorker?: ReturnType<typeof setInterval> }).__sesameOutboxWorker);
  });

  it('prints to the console and answers an outbox id when there is no Resend key', async () => {
    delete process.env.RESEND_API_KEY;
    try {
      vi.resetModules();
      const { sendEmail } = await import('@/lib/mail/transport');
      const log = vi.spyOn(console, 'info').mockImplementation(() => {});
      const result = await sendEmail({ ...email(40), idempotencyKey: 'test:40' });
      expect(result).toMatchObject({ ok: true, providerId: expect.stringMatching(/^outbox:[0-9a-f-]{36}$/) });
      expect(log.mock.calls.join('\n')).toContain(email(40).text);
      expect(resend.stub.messages()).toHaveLength(0);
    } finally {
      process.env.RESEND_API_KEY = 're_test';
      vi.resetModules();
    }
  });
});
