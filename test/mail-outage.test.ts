import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { advanceClock, MINUTE, now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { emailOutbox } from '@/lib/db/schema';
import { deliverDueEmails, enqueueEmail, type DeliveryCounts } from '@/lib/mail/queue';
import { failedEmails, outboxSummary } from '@/lib/mail/failures';
import { retryAfterSeconds } from '@/lib/mail/transport';
import { resendStubForEachTest } from './resend';

/**
 * Resend down, then back: the worker's ticks (every 30 seconds) are played on the test clock, so
 * an outage of ten minutes takes no time. Figures are printed for the record.
 */
const TICK_MS = 30_000;
const resend = resendStubForEachTest();

const email = (n: number) => ({
  template: 'password_reset',
  to: `member${n}@example.org`,
  subject: `Réinitialisation ${n}`,
  html: `<p>${n}</p>`,
  text: `${n}`,
  idempotencyKey: `outage:${n}`,
});
async function queue(count: number) {
  for (let n = 0; n < count; n += 1) await enqueueEmail(email(n));
}
const pending = async () => (await getDb().select().from(emailOutbox).where(eq(emailOutbox.status, 'pending'))).length;

/** Plays worker ticks on the test clock until `minutes` have passed; the summed counts. */
async function play(minutes: number, onTick?: (elapsedMs: number) => void): Promise<DeliveryCounts> {
  const total: DeliveryCounts = { sent: 0, failed: 0, retried: 0 };
  for (let elapsed = 0; elapsed < minutes * MINUTE; elapsed += TICK_MS) {
    onTick?.(elapsed);
    const counts = await deliverDueEmails(100);
    total.sent += counts.sent;
    total.failed += counts.failed;
    total.retried += counts.retried;
    advanceClock(TICK_MS);
  }
  return total;
}

function expectEachOnce(count: number) {
  const keys = resend.stub.messages().map((m) => m.idempotencyKey);
  expect(keys).toHaveLength(count);
  expect(new Set(keys).size).toBe(count);
}

describe('Resend outage, then recovery', () => {
  it('500 for ten minutes, answers lost on the way back included: every email delivered once', async () => {
    await queue(20);
    // Ten minutes of 500s; the first 5 sends reach Resend but their answers are lost.
    resend.stub.outage({ status: 500 });
    resend.stub.failNext(5, { status: 500, accept: true });
    const down = await play(10);
    expect(down.sent).toBe(0);
    expect(await pending()).toBe(20);
    resend.stub.outage(null);
    const up = await play(60);
    expect(up.failed + down.failed).toBe(0);
    expect(await pending()).toBe(0);
    expectEachOnce(20);
    const stats = resend.stub.stats();
    // The 5 accepted-but-unanswered sends were answered from their idempotency keys on retry.
    expect(stats.replayed).toBe(5);
    console.info(
      `outage 500 (10 min): queued 20, retried ${down.retried + up.retried}, sent ${up.sent}, ` +
        `requests to Resend ${stats.requests} (${stats.failed} failed, ${stats.replayed} answered from idempotency keys), ` +
        `delivered ${stats.stored}, duplicated ${stats.stored - new Set(resend.stub.messages().map((m) => m.idempotencyKey)).size}`,
    );
  });

  it('429 with Retry-After for ten minutes: nothing is tried before Resend said, then every email delivered once', async () => {
    await queue(20);
    resend.stub.outage({ status: 429, retryAfter: 150 });
    expect(await deliverDueEmails(100)).toEqual({ sent: 0, failed: 0, retried: 1 });
    // The batch stopped at the 429: one request, the other rows wait as long, untried.
    expect(resend.stub.stats().requests).toBe(1);
    const rows = await getDb().select().from(emailOutbox);
    const due = rows[0].nextAttemptAt.getTime();
    expect(rows.every((r) => r.nextAttemptAt.getTime() === due)).toBe(true);
    expect(due - now().getTime()).toBeGreaterThanOrEqual(150_000 - 1000);
    expect(rows.filter((r) => r.attempts === 1)).toHaveLength(1);

    advanceClock(149_000);
    expect(await deliverDueEmails(100)).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(resend.stub.stats().requests).toBe(1);
    advanceClock(1_000);
    expect(await deliverDueEmails(100)).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect(resend.stub.stats().requests).toBe(2);

    const down = await play(8);
    const requestsWhileDown = resend.stub.stats().requests;
    // One request per Retry-After (150 s), not one per email per tick.
    expect(requestsWhileDown).toBeLessThanOrEqual(2 + Math.ceil((8 * 60) / 150));
    resend.stub.outage(null);
    const up = await play(60);
    expect(await pending()).toBe(0);
    expect(down.failed + up.failed).toBe(0);
    expectEachOnce(20);
    const attempts = (await getDb().select({ attempts: emailOutbox.attempts }).from(emailOutbox)).map((r) => r.attempts);
    console.info(
      `outage 429 Retry-After 150 s (10 min): queued 20, requests to Resend while limited ${requestsWhileDown}, ` +
        `retried ${down.retried + up.retried + 2}, sent ${up.sent}, delivered ${resend.stub.stats().stored}, duplicated 0, ` +
        `most attempts for one email ${Math.max(...attempts)}`,
    );
  });

  it('a validation error (422) marks the email failed at once, with its reason, and is not retried', async () => {
    await queue(2);
    resend.stub.failNext(1, { status: 422 });
    expect(await deliverDueEmails(100)).toEqual({ sent: 1, failed: 1, retried: 0 });
    const [failed] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.status, 'failed'));
    expect(failed).toMatchObject({ attempts: 1, html: '', text: '' });
    expect(failed.lastError).toMatch(/^resend 422 validation_error: Invalid `to` field/);
    // What staff see at /admin/envois.
    expect(await outboxSummary()).toEqual({ pending: 0, failed: 1 });
    expect(await failedEmails()).toEqual([expect.objectContaining({ to: failed.to, attempts: 1, lastError: failed.lastError })]);
    advanceClock(24 * 60 * MINUTE);
    expect(await deliverDueEmails(100)).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(resend.stub.stats().requests).toBe(2);
  });
});

describe('Retry-After', () => {
  it.each([
    ['120', 120],
    ['0', undefined],
    ['soon', undefined],
    [undefined, undefined],
  ])('%j → %s seconds', (value, expected) => {
    expect(retryAfterSeconds(value)).toBe(expected);
  });

  it('reads an HTTP date', () => {
    const at = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:02:00 GMT', at)).toBe(120);
  });
});
