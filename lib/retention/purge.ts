import { count, getTableName, inArray } from 'drizzle-orm';
import { accountRequestRetention } from '@/lib/account-requests/retention';
import { accountImportRetention } from '@/lib/accounts/import-retention';
import { auditRetention } from '@/lib/audit-retention';
import { now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { emailChangeLinkRetention } from '@/lib/email-change/retention';
import { log } from '@/lib/logger';
import { emailEventRetention, emailRetention } from '@/lib/mail/retention';
import { webauthnChallengeRetention } from '@/lib/passkeys/retention';
import { oidcRecordRetention } from '@/lib/oidc/retention';
import { passwordLinkRetention } from '@/lib/password-links/retention';
import type { Retention } from '@/lib/db/retention';
import { sessionRetention } from '@/lib/sessions/retention';
import { THROTTLE_POLICIES } from '@/lib/throttles/policies';
import { reserve } from '@/lib/throttles/rate-limit';
import { throttleRetention } from '@/lib/throttles/retention';

/**
 * Retention: what Sésame no longer needs is deleted, daily by a server's background jobs (or the
 * cron route on Vercel) and on demand by `npm run accounts -- purge`. Each table that holds
 * personal data declares, beside the module that owns it, which rows it keeps and for how long
 * (lib/db/retention.ts); the purge applies them all, in this order.
 */
const RETENTION = {
  sessions: sessionRetention,
  passwordLinks: passwordLinkRetention,
  throttles: throttleRetention,
  emails: emailRetention,
  auditEvents: auditRetention,
  accountRequests: accountRequestRetention,
  emailChangeLinks: emailChangeLinkRetention,
  emailEvents: emailEventRetention,
  accountImports: accountImportRetention,
  webauthnChallenges: webauthnChallengeRetention,
  oidcRecords: oidcRecordRetention,
} satisfies Record<string, Retention>;

/** The tables purged, by their name in the database: lib/retention/coverage.test.ts checks every table is here or below. */
export const PURGED_TABLES = Object.values(RETENTION).map((retention) => getTableName(retention.table));

/**
 * Tables whose rows are the account itself, kept as long as it exists and deleted with it (their
 * foreign keys cascade): nothing in them outlives its purpose while the account is open.
 */
export const KEPT_WITH_THE_ACCOUNT: Record<string, string> = {
  accounts: 'The account; staff disable it, and deleting it deletes every row below.',
  totp_factors: 'The authenticator app its holder enrolled, until removed.',
  recovery_codes: 'The recovery codes of that app, each deleted once used.',
  passkeys: 'The passkeys its holder added, until removed.',
};

/** Settings operators make, not personal data: kept until they remove them. */
export const KEPT_AS_SETTINGS: Record<string, string> = {
  oidc_clients: 'The apps registered to sign people in with Sésame, until `clients remove`.',
  oidc_keys: 'The keys that sign ID tokens; lib/oidc/keys.ts drops each once no token it signed can still be presented.',
};

/** Rows deleted (or, in a dry run, to delete) per declaration. */
export type PurgeCounts = Record<keyof typeof RETENTION, number>;

// Big tables are deleted from in slices, so no statement holds its locks for long.
const SLICE = 10_000;

/** Deletes (or with dryRun counts) what retention no longer keeps; the counts per table. */
export async function purgeExpired(options: { dryRun?: boolean } = {}): Promise<PurgeCounts> {
  const db = getDb();
  const at = now();
  const days = getConfig().retention;
  const counts = {} as PurgeCounts;
  for (const [name, retention] of Object.entries(RETENTION) as [keyof PurgeCounts, Retention][]) {
    const { table, id } = retention;
    const where = retention.expired(at, days);
    if (options.dryRun) {
      const [row] = await db.select({ n: count() }).from(table).where(where);
      counts[name] = row.n;
      continue;
    }
    let total = 0;
    for (;;) {
      const slice = db.select({ id }).from(table).where(where).limit(SLICE);
      const deleted = await db.delete(table).where(inArray(id, slice)).returning({ id });
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

/**
 * The daily purge, for every server's background jobs and the cron route: the first caller of the
 * day takes the day's one place in a throttle row (`dailyPurge`, shared by every instance) and runs
 * it; the others do nothing. Null when it was not due.
 */
export async function purgeIfDue(): Promise<PurgeCounts | null> {
  const { dailyPurge } = THROTTLE_POLICIES;
  if (!(await reserve(dailyPurge.key(), dailyPurge.limit, dailyPurge.windowMs))) return null;
  const counts = await purgeExpired();
  log.info('retention purge', counts);
  return counts;
}
