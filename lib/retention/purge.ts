import { and, count, inArray, isNotNull, isNull, like, lt, lte, notLike, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { DAY, now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accountRequests, auditEvents, emailOutbox, passwordLinks, sessions, throttles } from '@/lib/db/schema';
import { FAILURES_UNTIL_RESET } from '@/lib/auth/login-throttle';
import { log } from '@/lib/logger';
import { reserve } from '@/lib/rate-limit';

/**
 * Retention: what Sésame no longer needs is deleted, daily by the email worker (or the cron route
 * on Vercel) and on demand by `npm run accounts -- purge`. Each rule names what it keeps.
 */
export type PurgeCounts = {
  sessions: number;
  passwordLinks: number;
  throttles: number;
  emails: number;
  auditEvents: number;
  accountRequests: number;
};

// Every throttle window but the identifiers' lasts at most a day (reset:account-day).
const LONGEST_WINDOW_MS = DAY;
// An identifier's consecutive failures are kept this long after the last one, and for ever once
// they reach the reset lock: forgetting them sooner would hand a guesser fresh attempts.
const IDENTIFIER_FAILURES_KEPT_MS = 30 * DAY;
// Big tables are deleted from in slices, so no statement holds its locks for long.
const SLICE = 10_000;

type Rule = { table: PgTable; id: AnyPgColumn; where: SQL };

function rules(at: Date): Record<keyof PurgeCounts, Rule> {
  const { retention } = getConfig();
  const before = (days: number) => new Date(at.getTime() - days * DAY);
  const notBlocked = or(isNull(throttles.blockedUntil), lte(throttles.blockedUntil, at))!;
  return {
    // Ended, or past their end, for SESSION_RETENTION_DAYS ("Mon espace" lists open ones only).
    sessions: {
      table: sessions,
      id: sessions.id,
      where: or(lt(sessions.endedAt, before(retention.sessionDays)), lt(sessions.expiresAt, before(retention.sessionDays)))!,
    },
    // Used or expired links open nothing; only their hash was ever kept.
    passwordLinks: { table: passwordLinks, id: passwordLinks.id, where: or(isNotNull(passwordLinks.usedAt), lt(passwordLinks.expiresAt, at))! },
    throttles: {
      table: throttles,
      id: throttles.key,
      where: and(
        notBlocked,
        or(
          and(notLike(throttles.key, 'login:id:%'), lt(throttles.windowStartedAt, new Date(at.getTime() - LONGEST_WINDOW_MS))),
          and(
            like(throttles.key, 'login:id:%'),
            lt(throttles.count, FAILURES_UNTIL_RESET),
            lt(throttles.updatedAt, new Date(at.getTime() - IDENTIFIER_FAILURES_KEPT_MS)),
          ),
        ),
      )!,
    },
    // Sent or failed for EMAIL_RETENTION_DAYS; a pending email is never deleted.
    emails: {
      table: emailOutbox,
      id: emailOutbox.id,
      where: and(inArray(emailOutbox.status, ['sent', 'failed']), lt(emailOutbox.createdAt, before(retention.emailDays)))!,
    },
    auditEvents: { table: auditEvents, id: auditEvents.id, where: lt(auditEvents.at, before(retention.auditDays)) },
    // Done or rejected, untouched for ACCOUNT_REQUEST_RETENTION_DAYS (names, phones, messages).
    accountRequests: {
      table: accountRequests,
      id: accountRequests.id,
      where: and(inArray(accountRequests.status, ['done', 'rejected']), lt(accountRequests.updatedAt, before(retention.accountRequestDays)))!,
    },
  };
}

/** Deletes (or with dryRun counts) what retention no longer keeps; the counts per table. */
export async function purgeExpired(options: { dryRun?: boolean } = {}): Promise<PurgeCounts> {
  const db = getDb();
  const counts = {} as PurgeCounts;
  for (const [name, rule] of Object.entries(rules(now())) as [keyof PurgeCounts, Rule][]) {
    if (options.dryRun) {
      const [row] = await db.select({ n: count() }).from(rule.table).where(rule.where);
      counts[name] = row.n;
      continue;
    }
    let total = 0;
    for (;;) {
      const slice = db.select({ id: rule.id }).from(rule.table).where(rule.where).limit(SLICE);
      const deleted = await db
        .delete(rule.table)
        .where(inArray(rule.id, slice))
        .returning({ id: rule.id });
      total += deleted.length;
      if (deleted.length < SLICE) break;
    }
    counts[name] = total;
  }
  return counts;
}

/** One line for the command line and the log. */
export function describePurge(counts: PurgeCounts, dryRun = false): string {
  const parts = Object.entries(counts).map(([name, n]) => `${n} ${name}`);
  return `${dryRun ? 'Would delete' : 'Deleted'}: ${parts.join(', ')}.`;
}

const PURGE_KEY = 'retention:daily-purge';

/**
 * The daily purge, for every instance's worker and the cron route: the first caller of the day
 * takes the day's one place in a throttle row (shared by every instance) and runs it; the others
 * do nothing. Null when it was not due.
 */
export async function purgeIfDue(): Promise<PurgeCounts | null> {
  if (!(await reserve(PURGE_KEY, 1, DAY))) return null;
  const counts = await purgeExpired();
  log.info('retention purge', counts);
  return counts;
}
