/**
 * npm run accounts -- <command>: operators' account tools (import a CSV file, send first-connection
 * emails, create an account or an administrator). Run `npm run accounts -- help` for the details.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeCsvFile } from '@/lib/accounts/csv';
import { createAccount } from '@/lib/accounts/create';
import { importAccounts } from '@/lib/accounts/import';
import { expireImportedHashes, parseAge } from '@/lib/accounts/expire-imported';
import { countDueInvitations, invitePending, type InviteScope } from '@/lib/accounts/invite';
import { getConfig } from '@/lib/config';
import { ensureMigrated } from '@/lib/db/migrate';
import { parseIdentifier } from '@/lib/identifiers/parse';
import { adminPasswordProblem, generateAdminPassword } from '@/lib/operators/admin-password';
import { askHidden } from '@/lib/operators/ask-password';
import { createActiveAdmin } from '@/lib/operators/create-admin';
import { runExclusive } from '@/lib/operators/exclusive';
import { describePurge, purgeExpired } from '@/lib/retention/purge';
import { clients } from './accounts-clients';
import { plural, printImport, printInvite, progressBar } from './accounts-output';
import { run } from './run';

const HELP = `Sésame accounts

Usage: npm run accounts -- <command> [options]

  import <file.csv> [--dry-run] [--invite] [--from wordpress] [--identifier-column NAME]
                   [--kind licence|client] [--replace-passwords]
      Creates or updates accounts from a CSV file (UTF-8 or Excel's Windows-1252; "," or ";").
      Header (any order, any case): identifier, kind, email, name, and optionally locale, role,
      password_hash.
        kind    licence | client      locale  fr | en (default fr)      role  member | admin (default member)
      A licence number with fewer than 8 digits is padded with zeros (with a warning).
      Running a file again updates email, name, locale and role; never the status.
      A changed role ends the account's open sessions: its holder signs in again (and an
      administrator meets the second step).
      password_hash: the hash the old site keeps (phpass $P$ or $H$, WordPress 6.8's $wp$2y$,
      bcrypt $2a$/$2b$/$2y$). The account is active at once and its holder signs in with the
      password they already have; the first sign-in replaces the hash with Sésame's own.
      --dry-run            check the file and count what would change, without writing anything
      --invite             then send first-connection emails to every pending account not yet invited
      --from wordpress     the file is WordPress's user export (wp user list --fields=user_login,
                           user_email,display_name,user_pass --format=csv); recognised by its
                           header anyway. The kind follows from the identifier's digits.
      --identifier-column NAME  take the identifier from column NAME instead of identifier/user_login
      --kind licence|client     the kind of every identifier of a file without a kind column
      --replace-passwords  let a password_hash replace a password already chosen in Sésame (its
                           sessions end); without it such lines are refused

  expire-imported-hashes --older-than <N>d [--dry-run]
      Accounts whose imported hash nobody used for N days become first connections: the hash is
      removed and a first-connection email sent, as invite does. Safe to interrupt and run again.

  invite --pending [--limit N]
      Sends first-connection emails to pending accounts not invited within RESET_TOKEN_TTL_HOURS,
      100 per request to Resend. Safe to interrupt and run again: nobody is emailed twice.

  create --identifier X --kind licence|client --email E --name N [--locale fr|en] [--invite]
      Creates one pending account (--invite also sends its first-connection email).

  create-admin --identifier X --email E --name N [--locale fr|en] [--ask-password | --invite]
      Creates an administrator who can sign in at once with a generated password, printed once.
      --ask-password  type it instead (hidden, twice); common, personal and demo passwords refused
      --invite        no password: a pending administrator and a first-connection email
      No password is ever given on the command line.

  clients add --name NAME --redirect-uri URL [--redirect-uri URL…] [--public]
              [--back-channel-logout-uri URL] [--post-logout-redirect-uri URL…] [--require-second-factor]
              [--third-party]
      Registers an app that signs people in with Sésame (OpenID Connect): prints its client id
      and, unless --public (a mobile or browser app, which must use PKCE), a secret shown once.
      --third-party: someone else's app; people are asked before it learns anything.
  clients list | clients rotate-secret ID | clients remove ID
      Lists the apps; gives one a new secret (the old one stops at once); removes one and every
      token it was given.
  clients rotate-keys
      Adds a new key to sign ID tokens: published at once, used after 10 minutes, the old one kept
      published for a day. See docs/openid-connect.md.

  purge [--dry-run]
      Deletes what the retention settings no longer keep (the server also does it daily): ended
      sessions, used and expired links, stale throttles, old sent emails, audit events older
      than AUDIT_RETENTION_DAYS, closed account requests. --dry-run counts without deleting.

  help
      Shows this text.

Exit code 1 when a row, a batch or the command failed, or when another invitation run holds the
lock (two runs never send the same invitations).`;

async function invite(options: InviteScope): Promise<boolean> {
  const outcome = await runExclusive('invite', () => inviteNow(options));
  if (outcome.ran) return outcome.value;
  console.log('Another invitation run is in progress on this database: nothing was sent by this one. Run it again once the other has finished.');
  return false;
}

async function inviteNow(options: InviteScope): Promise<boolean> {
  const due = await countDueInvitations(options);
  const total = Math.min(due, options.limit ?? due);
  const ttl = getConfig().resetTokenTtlHours;
  console.log(`${plural(total, 'pending account')} to invite (not invited within the last ${plural(ttl, 'hour')}).`);
  const bar = progressBar('invitations');
  const report = await invitePending({ ...options, onProgress: bar.update });
  bar.end();
  printInvite(report);
  return report.failedBatches.length === 0;
}

function required(values: Record<string, unknown>, names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '');
  if (missing.length > 0) throw new Error(`Missing ${missing.map((n) => `--${n}`).join(', ')}. See: npm run accounts -- help`);
}

/** `clients …`: the apps that sign people in with Sésame (lib/oidc/clients.ts). */
await run(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean' },
      invite: { type: 'boolean' },
      pending: { type: 'boolean' },
      limit: { type: 'string' },
      identifier: { type: 'string' },
      kind: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string' },
      'ask-password': { type: 'boolean' },
      from: { type: 'string' },
      'identifier-column': { type: 'string' },
      'replace-passwords': { type: 'boolean' },
      'older-than': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
      'back-channel-logout-uri': { type: 'string' },
      public: { type: 'boolean' },
      'require-second-factor': { type: 'boolean' },
      'third-party': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || command === 'help' || values.help) {
    console.log(HELP);
    return;
  }
  if (command === 'clients') {
    await ensureMigrated();
    await clients(rest, values);
    return;
  }
  if (rest.length > (command === 'import' ? 1 : 0)) throw new Error(`Unexpected argument "${rest.at(-1)}". See: npm run accounts -- help`);

  if (command === 'import') {
    const file = rest[0];
    if (!file) throw new Error('Which file? Usage: npm run accounts -- import <file.csv> [--dry-run] [--invite]');
    const dryRun = Boolean(values['dry-run']);
    const { text, encoding } = decodeCsvFile(await readFile(file));
    await ensureMigrated();
    if (encoding !== 'utf-8') console.log(`${file} is not UTF-8: read as Windows-1252 (Excel's plain "CSV" format).`);
    const bar = progressBar('rows');
    const from = values.from;
    if (from !== undefined && from !== 'wordpress') throw new Error(`--from takes "wordpress", not "${from}"`);
    const kind = values.kind;
    if (kind !== undefined && kind !== 'licence' && kind !== 'client') throw new Error(`--kind takes "licence" or "client", not "${kind}"`);
    if (kind !== undefined && !getConfig().identifierKinds.includes(kind)) throw new Error(`--kind ${kind} is not enabled here (IDENTIFIER_KINDS)`);
    const report = await importAccounts(text, {
      dryRun,
      onProgress: bar.update,
      from,
      kind,
      identifierColumn: values['identifier-column'],
      replacePasswords: Boolean(values['replace-passwords']),
    });
    bar.end();
    printImport(file, report, dryRun);
    let ok = report.errors.length === 0;
    if (values.invite && dryRun) console.log('\n--invite was ignored: a dry run sends nothing.');
    else if (values.invite) {
      console.log('');
      ok = (await invite({})) && ok;
    }
    if (!ok) process.exitCode = 1;
    return;
  }

  if (command === 'invite') {
    if (!values.pending) throw new Error('Say which accounts: npm run accounts -- invite --pending [--limit N]');
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new Error(`--limit must be a positive whole number, not "${values.limit}"`);
    await ensureMigrated();
    if (!(await invite({ limit }))) process.exitCode = 1;
    return;
  }

  if (command === 'create-admin' && !values.invite) {
    required(values, ['identifier', 'email', 'name']);
    const who = { identifier: values.identifier!, email: values.email!, name: values.name! };
    const parsed = parseIdentifier(who.identifier, getConfig().identifierKinds);
    const kind = values.kind ?? (parsed.ok && parsed.type !== 'email' ? parsed.type : 'licence');
    let password: string;
    if (values['ask-password']) {
      password = await askHidden('Password for the administrator: ');
      const problem = adminPasswordProblem(password, who);
      if (problem) throw new Error(`Password refused: ${problem}. Nothing was created.`);
      if ((await askHidden('The same password again: ')) !== password) throw new Error('The two passwords differ. Nothing was created.');
    } else password = generateAdminPassword(who);
    await ensureMigrated();
    const { account, warnings } = await createActiveAdmin({ ...who, kind, locale: values.locale }, password);
    for (const warning of warnings) console.log(`Warning: ${warning}`);
    console.log(`Created administrator ${account.identifier} (${account.kind}, ${account.email}), active.`);
    if (!values['ask-password']) {
      console.log(`Password (shown once, not stored anywhere readable): ${password}`);
      console.log('Sign in with it, then change it in "Mon espace".');
    }
    return;
  }

  if (command === 'create' || command === 'create-admin') {
    const admin = command === 'create-admin';
    required(values, admin ? ['identifier', 'email', 'name'] : ['identifier', 'kind', 'email', 'name']);
    // An administrator's kind follows from the identifier's shape (5 digits: a client code).
    const parsed = parseIdentifier(values.identifier, getConfig().identifierKinds);
    const kind = values.kind ?? (parsed.ok && parsed.type !== 'email' ? parsed.type : 'licence');
    await ensureMigrated();
    const { account, warnings } = await createAccount(
      { identifier: values.identifier, kind, email: values.email, name: values.name, locale: values.locale, role: admin ? 'admin' : 'member' },
      `cli:${command}`,
    );
    for (const warning of warnings) console.log(`Warning: ${warning}`);
    console.log(`Created ${admin ? 'administrator' : 'account'} ${account.identifier} (${account.kind}, ${account.email}), pending its first connection.`);
    if (admin || values.invite) {
      if (!(await invite({ accountIds: [account.id] }))) process.exitCode = 1;
    } else console.log('Send its first-connection email with --invite, or later with: npm run accounts -- invite --pending');
    return;
  }

  if (command === 'expire-imported-hashes') {
    if (values['older-than'] === undefined) throw new Error('Say how old: npm run accounts -- expire-imported-hashes --older-than 180d');
    const age = parseAge(values['older-than']);
    if (age === null) throw new Error(`--older-than takes a number of days such as 180d, not "${values['older-than']}"`);
    const dryRun = Boolean(values['dry-run']);
    await ensureMigrated();
    const expired = await expireImportedHashes({ olderThanDays: age, dryRun });
    console.log(`${plural(expired, 'imported hash', 'imported hashes')} unused for ${plural(age, 'day')} ${dryRun ? 'would be' : 'were'} removed; those accounts ${dryRun ? 'would' : 'now'} need a first connection.`);
    if (dryRun) return;
    console.log('');
    if (!(await invite({ expiredImports: true }))) process.exitCode = 1;
    return;
  }

  if (command === 'purge') {
    await ensureMigrated();
    const counts = await purgeExpired({ dryRun: Boolean(values['dry-run']) });
    console.log(describePurge(counts, Boolean(values['dry-run'])));
    return;
  }

  throw new Error(`Unknown command "${command}". See: npm run accounts -- help`);
});
