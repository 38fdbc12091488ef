import { DAY, HOUR, MINUTE } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { addressBucket, addressNetwork } from '@/lib/http/client-address';

/**
 * Every throttle of Sésame in one table: what it counts, the key of its row in `throttles`, how
 * many events it lets through and over what window. The counting itself is in rate-limit.ts
 * (fixed windows), login.ts (an identifier's consecutive failures) and codes.ts.
 *
 * The keys are stored in databases: a key spelled differently starts every count again from zero,
 * so a key is never respelled. The purge (lib/throttles/retention.ts) and the staff's list of
 * locked accounts (lib/accounts/list.ts) read rows back by `prefix`.
 */
export type ThrottlePolicy<Parts extends unknown[] = never[]> = {
  /** What is counted, and why this limit. */
  counts: string;
  /** The start of every key of the policy. */
  prefix: string;
  /** The key of the row counting for `parts` (an account's id, an address, an identifier…). */
  key: (...parts: Parts) => string;
  /** Events let through per window; read from the configuration at each use when a setting decides it. */
  limit: number;
  /** The window, or null for a counter that has none (consecutive failures, forgotten on success). */
  windowMs: number | null;
};

/** A policy counting over a fixed window, as rate-limit.ts counts. */
export type WindowedPolicy<Parts extends unknown[] = never[]> = ThrottlePolicy<Parts> & { windowMs: number };

/** Keys made of the prefix and one part, as it is spelled by `spell`. */
const keyedBy = (prefix: string, spell: (part: string) => string = (part) => part) => ({ prefix, key: (part: string) => prefix + spell(part) });
/** Per address: an IPv6 /64 is one address (lib/http/client-address.ts). */
const keyedByAddress = (prefix: string) => keyedBy(prefix, addressBucket);
/** Per IPv6 /48 (lib/http/client-address.ts); an IPv4 address has no such key and is not counted. */
const keyedByNetwork = (prefix: string) => keyedBy(prefix, (address) => addressNetwork(address) ?? address);
/** One key for everyone. */
const singleKey = (key: string) => ({ prefix: key, key: () => key });

export const THROTTLE_POLICIES = {
  loginIdentifier: {
    counts: 'Consecutive failed sign-ins per identifier, as typed and normalised, known or not: waits from the 5th (login.ts), and from the 100th the password stops working until a reset or staff clear it.',
    ...keyedBy('login:id:'),
    limit: 100,
    windowMs: null,
  },
  loginAddress: {
    counts: 'Failed sign-ins per address, across identifiers.',
    ...keyedByAddress('login:ip:'),
    limit: 30,
    windowMs: 15 * MINUTE,
  },
  loginNetwork: {
    counts:
      'Failed sign-ins per IPv6 /48, across identifiers and the /64s inside it: a site holding a /48 has 65,536 /64 buckets, and without this count could spray every identifier to its lock within a day.',
    ...keyedByNetwork('login:net:'),
    limit: 100,
    windowMs: 15 * MINUTE,
  },
  passwordChecksIdentifier: {
    counts:
      'Passwords checked per identifier, right ones included (sign-in, and the current password asked again when signed in): a person signs in a few times a day, not thirty times a quarter hour, and a loop on one account stops here.',
    ...keyedBy('checks:id:'),
    // PASSWORD_CHECKS_PER_IDENTIFIER, 30 by default.
    get limit() {
      return getConfig().passwordChecksPerIdentifier;
    },
    windowMs: 15 * MINUTE,
  },
  passwordChecksAddress: {
    counts:
      'Passwords checked per address, right ones included: room for a club signing in behind one address, not for a loop holding the hashing pool.',
    ...keyedByAddress('checks:ip:'),
    limit: 200,
    windowMs: 15 * MINUTE,
  },
  secondFactorCode: {
    counts:
      'Second-factor codes tried per account, right or wrong. An app code is accepted for its step and one either side, so a guess of six digits has 3 chances in a million. Alone, five per quarter hour would be 480 guesses a day, 14,400 in 30 days: 1 − (1 − 3/1,000,000)^14,400 ≈ 4.2 % a month, unnoticed. Hence secondFactorFailures below.',
    ...keyedBy('second-factor:'),
    limit: 5,
    windowMs: 15 * MINUTE,
  },
  secondFactorFailures: {
    counts:
      'Consecutive wrong second-factor codes per account, forgotten at the next right one. At the 10th the app codes are refused (lib/throttles/codes.ts) and the holder is emailed, until a recovery code, a completed reset or staff open them again: 10 guesses, 3 × 10 / 1,000,000 = 0.003 % (1 in 33,000) per lock instead of 4.2 % a month.',
    ...keyedBy('second-factor-failures:'),
    limit: 10,
    windowMs: null,
  },
  resetAddress: {
    counts: 'Reset and first-connection requests per address.',
    ...keyedByAddress('reset:ip:'),
    limit: 10,
    windowMs: HOUR,
  },
  resetAccountHour: {
    counts: 'Reset and first-connection emails per account and hour.',
    ...keyedBy('reset:account-hour:'),
    limit: 3,
    windowMs: HOUR,
  },
  resetAccountDay: {
    counts: 'Reset and first-connection emails per account and day.',
    ...keyedBy('reset:account-day:'),
    limit: 10,
    windowMs: DAY,
  },
  emailChangeAccountHour: {
    counts: 'Confirmation links for a new address per account and hour: a typo or two, not a mail cannon aimed at strangers.',
    ...keyedBy('email-change:account-hour:'),
    limit: 3,
    windowMs: HOUR,
  },
  emailChangeAccountDay: {
    counts: 'Confirmation links for a new address per account and day.',
    ...keyedBy('email-change:account-day:'),
    limit: 10,
    windowMs: DAY,
  },
  openingAddress: {
    counts: 'Account-opening requests per address; past it requests are dropped without a word.',
    ...keyedByAddress('opening:ip:'),
    limit: 5,
    windowMs: HOUR,
  },
  openingAckAddress: {
    counts: 'Acknowledgements of account-opening requests sent to one address a day (ACCOUNT_REQUEST_ACKS_PER_ADDRESS_PER_DAY).',
    ...keyedBy('opening:ack:address:', (email) => email.toLowerCase()),
    get limit() {
      return getConfig().requestAcks.perAddressPerDay;
    },
    windowMs: DAY,
  },
  openingAckDay: {
    counts: 'Acknowledgements of account-opening requests sent in all a day (ACCOUNT_REQUEST_ACKS_PER_DAY).',
    ...singleKey('opening:ack:day'),
    get limit() {
      return getConfig().requestAcks.perDay;
    },
    windowMs: DAY,
  },
  invalidLinkAddress: {
    counts: 'Unusable emailed links opened per address, password and email links on one counter: one guesser, one limit.',
    ...keyedByAddress('link-invalid:ip:'),
    limit: 20,
    windowMs: HOUR,
  },
  passkeyOptionsAddress: {
    counts: 'Passkey sign-in options per address: each answer writes a challenge; plenty for people, not for a flood.',
    ...keyedByAddress('passkey-options:'),
    limit: 200,
    windowMs: 15 * MINUTE,
  },
  oidcTokenClient: {
    counts:
      'Requests to the OpenID Connect provider\'s token and revocation endpoints per client id as sent (lib/oidc/throttle.ts): a busy shop exchanges a code per sign-in and refreshes its tokens; far more is a broken or hostile client.',
    ...keyedBy('oidc:token:client:'),
    limit: 600,
    windowMs: MINUTE,
  },
  oidcTokenAddress: {
    counts: 'The same requests per address: an app\'s server is one address, so the limit is the client\'s.',
    ...keyedByAddress('oidc:token:ip:'),
    limit: 600,
    windowMs: MINUTE,
  },
  dailyPurge: {
    counts: "The retention purge: the first instance to ask each day takes the day's one place and runs it.",
    ...singleKey('retention:daily-purge'),
    limit: 1,
    windowMs: DAY,
  },
} satisfies Record<string, ThrottlePolicy>;

/** The longest window of any policy: a row whose window started longer ago than this counts nothing. */
export const LONGEST_WINDOW_MS = Math.max(
  ...Object.values(THROTTLE_POLICIES).map((policy: ThrottlePolicy) => policy.windowMs ?? 0),
);
