import { createHash } from 'node:crypto';
import { and, asc, count, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AuditType } from '@/lib/audit';
import { HOUR, now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts, auditEvents, emailOutbox } from '@/lib/db/schema';
import { emailLocaleOf } from '@/lib/mail/account-email';
import { MAX_BATCH_SIZE, sendBatch, type BatchEmail, type BatchResult } from '@/lib/mail/transport';
import { composeLinkEmail, type LinkAccount } from '@/lib/password-links/emails';
import { expiredImport } from '@/lib/accounts/expire-imported';

/**
 * First-connection emails to pending accounts, through the Resend batch API (100 messages a
 * request) within its rate limit. Resumable: an account is marked invited as soon as its batch is
 * accepted, and a run only picks accounts not invited within the link validity, so running it
 * again after an interruption or a refused batch sends only to the others.
 */
export type InviteScope = {
  /** At most this many accounts in this run. */
  limit?: number;
  /** Only these accounts (when they are due); for the CLI's `create --invite`. */
  accountIds?: string[];
  /** Only accounts whose imported hash expired unused (lib/accounts/expire-imported.ts). */
  expiredImports?: boolean;
};
export type InviteOptions = InviteScope & {
  onProgress?: (done: number, total: number) => void;
  /** Time between two requests to Resend; its default limit is 2 requests a second. */
  minIntervalMs?: number;
};
export type FailedBatch = { accounts: number; identifiers: string[]; error: string };
export type InviteReport = { invited: number; failedBatches: FailedBatch[]; remaining: number };

const MIN_INTERVAL_MS = 600;
const MAX_RATE_LIMITED_TRIES = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Due = LinkAccount & Pick<typeof accounts.$inferSelect, 'invitedAt'>;

/** Pending, and never invited or invited longer ago than a link stays valid. */
function dueFilter({ accountIds, expiredImports }: InviteScope = {}): SQL {
  const cutoff = new Date(now().getTime() - getConfig().resetTokenTtlHours * HOUR);
  return and(
    eq(accounts.status, 'pending'),
    or(isNull(accounts.invitedAt), lt(accounts.invitedAt, cutoff)),
    accountIds ? inArray(accounts.id, accountIds) : undefined,
    expiredImports ? expiredImport : undefined,
  )!;
}

export async function countDueInvitations(scope: InviteScope = {}): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(accounts).where(dueFilter(scope));
  return row.n;
}

export async function invitePending(options: InviteOptions = {}): Promise<InviteReport> {
  const { limit = Number.POSITIVE_INFINITY, onProgress } = options;
  const { resendApiKey } = getConfig();
  const minInterval = resendApiKey ? (options.minIntervalMs ?? MIN_INTERVAL_MS) : 0;
  const db = getDb();
  const total = Math.min(await countDueInvitations(options), limit);
  const report: InviteReport = { invited: 0, failedBatches: [], remaining: 0 };

  // Accounts sharing an address sit next to each other (ordered by email) and get one message.
  let cursor: { email: string; identifier: string } | null = null;
  let done = 0;
  let lastRequestAt = Number.NEGATIVE_INFINITY;
  while (done < total) {
    const after: SQL | undefined = cursor ? sql`(${accounts.email}, ${accounts.identifier}) > (${cursor.email}, ${cursor.identifier})` : undefined;
    const batch: Due[] = await db
      .select({
        id: accounts.id,
        identifier: accounts.identifier,
        kind: accounts.kind,
        email: accounts.email,
        name: accounts.name,
        locale: accounts.locale,
        emailLocale: accounts.emailLocale,
        status: accounts.status,
        invitedAt: accounts.invitedAt,
      })
      .from(accounts)
      .where(and(dueFilter(options), after))
      .orderBy(asc(accounts.email), asc(accounts.identifier))
      .limit(Math.min(MAX_BATCH_SIZE, total - done));
    if (batch.length === 0) break;
    cursor = batch[batch.length - 1];

    const { messages, groups } = await composeMessages(batch);
    const key = idempotencyKey(batch);
    await sleep(lastRequestAt + minInterval - Date.now());
    const result = await send(messages, key, () => {
      lastRequestAt = Date.now();
    });
    if (result.ok || isAlreadyAccepted(result)) {
      await markInvited(batch);
      await recordSent(key, messages, groups, result.ok ? result.providerIds : []);
      report.invited += batch.length;
    } else {
      report.failedBatches.push({ accounts: batch.length, identifiers: batch.map((a) => a.identifier), error: result.error });
    }
    done += batch.length;
    onProgress?.(done, total);
  }
  report.remaining = await countDueInvitations(options);
  return report;
}

/** One message per address and language, composed like every other link email. */
async function composeMessages(batch: Due[]): Promise<{ messages: BatchEmail[]; groups: Due[][] }> {
  const byAddress = new Map<string, Due[]>();
  for (const account of batch) {
    const key = `${account.email}\n${emailLocaleOf(account)}`;
    byAddress.set(key, [...(byAddress.get(key) ?? []), account]);
  }
  const groups = [...byAddress.values()];
  const messages = await Promise.all(
    groups.map(async (group) => {
      const { to, subject, html, text } = await composeLinkEmail(group);
      return { to, subject, html, text };
    }),
  );
  return { messages, groups };
}

/**
 * Writes each invitation into the outbox as already sent (bodies empty, as for any email Resend
 * has), with Resend's id, so the account's page in /admin shows it and its delivery events.
 */
async function recordSent(key: string, messages: BatchEmail[], groups: Due[][], providerIds: string[]): Promise<void> {
  const at = now();
  const rows = groups.flatMap((group, i) =>
    group.map((account) => ({
      idempotencyKey: `${key}/${account.id}`,
      template: 'invitation',
      accountId: account.id,
      to: messages[i].to,
      subject: messages[i].subject,
      html: '',
      text: '',
      status: 'sent' as const,
      attempts: 1,
      providerId: providerIds[i] ?? null,
      createdAt: at,
      sentAt: at,
    })),
  );
  await getDb().insert(emailOutbox).values(rows).onConflictDoNothing({ target: emailOutbox.idempotencyKey });
}

/**
 * The same accounts in the same state make the same key. If a run stopped after Resend accepted a
 * batch but before it was recorded, the rerun's request (new links, so another body) is refused as
 * a reuse of the key: those emails were sent, and their links still work.
 */
function idempotencyKey(batch: Due[]): string {
  const state = batch.map((a) => `${a.id}:${a.invitedAt?.toISOString() ?? ''}`).join(',');
  return `invite/${createHash('sha256').update(state).digest('hex').slice(0, 48)}`;
}

const isAlreadyAccepted = (result: BatchResult) => !result.ok && result.statusCode === 409 && result.name === 'invalid_idempotent_request';

/** Sends one batch, waiting and trying again (same key, same body) when Resend says "too many requests". */
async function send(messages: BatchEmail[], key: string, onRequest: () => void): Promise<BatchResult> {
  for (let attempt = 1; ; attempt += 1) {
    onRequest();
    const result = await sendBatch(messages, key);
    if (result.ok || result.statusCode !== 429 || attempt >= MAX_RATE_LIMITED_TRIES) return result;
    await sleep((result.retryAfterSeconds ?? attempt) * 1000);
  }
}

async function markInvited(batch: Due[]): Promise<void> {
  const at = now();
  const ids = batch.map((a) => a.id);
  const db = getDb();
  await db.update(accounts).set({ invitedAt: at, updatedAt: at }).where(inArray(accounts.id, ids));
  const type: AuditType = 'invitation_sent';
  // One row per account for its history in /admin, written in one statement (no log line per account).
  await db.insert(auditEvents).values(batch.map((a) => ({ at, type, accountId: a.id, identifier: a.identifier })));
}
