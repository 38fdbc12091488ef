import { eq, inArray, isNull, lt, lte, or, and, sql } from 'drizzle-orm';
import { MINUTE, now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts, throttles } from '@/lib/db/schema';
import { addressNetwork } from '@/lib/http/client-address';
import { THROTTLE_POLICIES, type WindowedPolicy } from '@/lib/throttles/policies';
import { release, reserve, reserveRow, timestamp } from '@/lib/throttles/rate-limit';

/**
 * Login throttles, kept in the database so every instance sees the same counters.
 * Per identifier (known or not): from the 5th consecutive failure a wait of 1, 2, 4 … 15 minutes,
 * and from the 100th the password stops working until a reset. Per address (an IPv6 /64 counts as
 * one): 30 failures per 15 minutes, and per IPv6 /48 100. Every password checked, right ones
 * included, also takes a place in a budget per identifier and per address (policies.ts): a right
 * password gives its failure places back, never its budget place, so a loop signing in to one's own
 * account stops there.
 *
 * An attempt is reserved before its password is checked, in one conditional update per key, and
 * counts as a failure unless it succeeds: forty wrong passwords posted at once are checked no more
 * often than forty posted one after another, and a throttled attempt costs no bcrypt at all.
 */
export const FIRST_DELAYED_FAILURE = 5;
export const MAX_DELAY_MINUTES = 15;
const { loginIdentifier, loginAddress, loginNetwork, passwordChecksAddress, passwordChecksIdentifier } = THROTTLE_POLICIES;
export const FAILURES_UNTIL_RESET = loginIdentifier.limit;
export const IP_MAX_FAILURES = loginAddress.limit;
export const IP_WINDOW_MINUTES = loginAddress.windowMs / MINUTE;

export const identifierKey = loginIdentifier.key;
export const ipKey = loginAddress.key;

/** How long to wait; `untilReset`: an identifier has reached its lock, and only a reset (or a passkey) helps. */
export type Refusal = { retryAfterMinutes: number; untilReset: boolean };
export type LoginReservation = {
  /**
   * The password was right for the account `identifier` (by default the first one reserved): its
   * failures are forgotten, those counted in advance against the other identifiers the input may
   * stand for are taken back, and the address's failure places given back. The places in the
   * budgets of checks stay taken: the password was checked.
   */
  succeeded: (identifier?: string) => Promise<void>;
  /** The password could not be checked (the hashing pool was full): nothing counts. */
  untried: () => Promise<void>;
};

/** A place in a windowed counter; `kept`: still taken after a right password. */
type Place = { key: string; limit: number; windowMs: number; kept: boolean };

/** The windowed counters an attempt from `ip` for `identifiers` takes a place in, in this order. */
function placesFor(identifiers: readonly string[], ip: string): Place[] {
  const place = (policy: WindowedPolicy<[string]>, part: string, kept: boolean): Place => ({ key: policy.key(part), limit: policy.limit, windowMs: policy.windowMs, kept });
  return [
    place(loginAddress, ip, false),
    ...(addressNetwork(ip) ? [place(loginNetwork, ip, false)] : []),
    place(passwordChecksAddress, ip, true),
    ...identifiers.map((identifier) => place(passwordChecksIdentifier, identifier, true)),
  ];
}

/**
 * Reserves one attempt for the identifier and the address, or says how long to wait. An input that
 * stands for two identifiers (five digits: a client code, or a licence without its zeros, see
 * lib/identifiers/candidates.ts) reserves the attempt against both: a wait on either refuses it, so
 * typing a licence number without its zeros never dodges the licence's own counter.
 */
export async function reserveLoginAttempt(
  identifiers: string | readonly string[],
  ip: string,
): Promise<{ ok: true; reservation: LoginReservation } | ({ ok: false } & Refusal)> {
  const keys = typeof identifiers === 'string' ? [identifiers] : [...new Set(identifiers)];
  const places = placesFor(keys, ip);
  const taken: Place[] = [];
  const counts = new Map<string, number>();
  const giveBack = async () => {
    for (const [reserved, n] of counts) await releaseIdentifier(reserved, n);
    for (const place of taken) await release(place.key);
  };
  for (const place of places) {
    if (!(await reserve(place.key, place.limit, place.windowMs))) {
      await giveBack();
      return { ok: false, ...(await refusal(keys, places)) };
    }
    taken.push(place);
  }
  for (const identifier of keys) {
    const count = await reserveIdentifier(identifier);
    if (count === null) {
      await giveBack();
      return { ok: false, ...(await refusal(keys, places)) };
    }
    counts.set(identifier, count);
  }
  return {
    ok: true,
    reservation: {
      // Separate rows, written side by side: under load each round trip waits its turn.
      succeeded: async (identifier = keys[0]) => {
        const others = [...counts].filter(([reserved]) => reserved !== identifier);
        await Promise.all([
          clearLoginFailures(identifier),
          ...others.map(([reserved, n]) => releaseIdentifier(reserved, n)),
          ...taken.filter((place) => !place.kept).map((place) => release(place.key)),
        ]);
      },
      untried: giveBack,
    },
  };
}

/** Counts a failure in advance, unless the identifier is waiting or locked; its new count, or null. */
function reserveIdentifier(identifier: string): Promise<number | null> {
  const at = now();
  const next = sql`${throttles.count} + 1`;
  return reserveRow(identifierKey(identifier), at, {
    set: {
      count: next,
      // The failure that makes it 5 or more starts a wait: 1, 2, 4 … minutes, at most 15.
      blockedUntil: sql`case when ${next} >= ${FIRST_DELAYED_FAILURE}
        then ${timestamp(at)} + least(power(2, ${next} - ${FIRST_DELAYED_FAILURE}), ${MAX_DELAY_MINUTES}) * interval '1 minute'
        else ${throttles.blockedUntil} end`,
    },
    when: and(or(isNull(throttles.blockedUntil), lte(throttles.blockedUntil, at)), lt(throttles.count, FAILURES_UNTIL_RESET))!,
  });
}

/** Takes back a failure counted in advance; the wait it started, if it started one, goes with it. */
async function releaseIdentifier(identifier: string, count: number): Promise<void> {
  await getDb()
    .update(throttles)
    .set({
      count: sql`greatest(${throttles.count} - 1, 0)`,
      ...(count >= FIRST_DELAYED_FAILURE ? { blockedUntil: null } : {}),
    })
    .where(eq(throttles.key, identifierKey(identifier)));
}

/** How long a refused attempt must wait, in whole minutes (at least one). */
async function refusal(identifiers: readonly string[], places: readonly Place[]): Promise<Refusal> {
  const { waitMs, untilReset } = await currentWait(identifiers, places);
  return { untilReset, retryAfterMinutes: Math.max(1, Math.ceil(waitMs / MINUTE)) };
}

/** The longest of the identifiers' waits and of the full windows' remaining times, and whether an identifier is locked. */
async function currentWait(identifiers: readonly string[], places: readonly Place[]): Promise<{ waitMs: number; untilReset: boolean }> {
  const identifierKeys = identifiers.map(identifierKey);
  const rows = await getDb()
    .select()
    .from(throttles)
    .where(inArray(throttles.key, [...identifierKeys, ...places.map((place) => place.key)]));
  const t = now().getTime();
  let waitMs = 0;
  let untilReset = false;
  for (const row of rows) {
    const place = places.find((p) => p.key === row.key);
    if (!place) {
      if (row.count >= FAILURES_UNTIL_RESET) untilReset = true;
      if (row.blockedUntil) waitMs = Math.max(waitMs, row.blockedUntil.getTime() - t);
    } else if (row.count >= place.limit) {
      waitMs = Math.max(waitMs, row.windowStartedAt.getTime() + place.windowMs - t);
    }
  }
  return { waitMs, untilReset };
}

/**
 * Forgets an account's failures (a successful sign-in, a completed reset, staff): those counted
 * against its number and those against its email address, two keys for one account.
 */
export async function clearLoginFailures(identifier: string): Promise<void> {
  const [account] = await getDb().select({ email: accounts.email }).from(accounts).where(eq(accounts.identifier, identifier)).limit(1);
  const keys = [identifierKey(identifier), ...(account ? [identifierKey(account.email)] : [])];
  await getDb().delete(throttles).where(inArray(throttles.key, keys));
}

/** Whether a sign-in for this identifier from this address would be refused now, without reserving anything. */
export async function loginThrottle(identifier: string, ip: string): Promise<{ blocked: false } | ({ blocked: true } & Refusal)> {
  const places = placesFor([identifier], ip);
  const { waitMs, untilReset } = await currentWait([identifier], places);
  return waitMs <= 0 && !untilReset ? { blocked: false } : { blocked: true, ...(await refusal([identifier], places)) };
}

/** Counts one failure, as a reserved attempt that never succeeds (nothing, when already waiting). */
export async function recordLoginFailure(identifier: string, ip: string): Promise<void> {
  await reserveLoginAttempt(identifier, ip);
}
