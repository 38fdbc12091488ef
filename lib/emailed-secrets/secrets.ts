import { and, eq, gt, isNull, TransactionRollbackError, type SQL } from 'drizzle-orm';
import { HOUR, now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { hashToken, hasTokenShape, randomToken } from '@/lib/crypto/tokens';
import { getDb, type Db } from '@/lib/db/client';
import { accounts, emailChangeLinks, passwordLinks, type Account } from '@/lib/db/schema';

/**
 * Single-use secrets sent by email: the links that set a password (lib/password-links/) and the
 * ones that confirm a new address (lib/email-change/). Each lives in its own table, so a token of
 * one kind can never do the other's work, but they are issued, found, claimed and revoked here,
 * one way: a random token of which only the SHA-256 is stored, valid RESET_TOKEN_TTL_HOURS, never
 * used by being read, used once by one conditional update.
 */
/** The tables of emailed secrets; another kind gets its own table with the same five columns and joins them. */
export type SecretTable = typeof passwordLinks | typeof emailChangeLinks;

/** A transaction, and the database or a transaction (the change a secret goes with). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/** What a table's row holds besides the secret itself: the account and what the link is for. */
export type SecretFields<T extends SecretTable> = Omit<T['$inferInsert'], 'id' | 'tokenHash' | 'createdAt' | 'expiresAt' | 'usedAt'>;

type SecretRow<T extends SecretTable> = T['$inferSelect'];

/** Neither used (nor revoked, which marks it used) nor expired at `at`. */
export function isUsable(table: SecretTable, at: Date): SQL {
  return and(isNull(table.usedAt), gt(table.expiresAt, at))!;
}

/*
 * The query builder cannot type a statement on a table whose type is still a parameter: each
 * statement is written on the union of the tables, and its row typed back as the caller's table,
 * the one the statement ran on.
 */

/** A new secret in `table`: returns the token to email; the row keeps only its hash. */
export async function issueSecret<T extends SecretTable>(db: DbOrTx, table: T, fields: SecretFields<T>, at = now()): Promise<string> {
  const token = randomToken();
  const secrets: SecretTable = table;
  await db.insert(secrets).values({
    ...fields,
    tokenHash: hashToken(token),
    createdAt: at,
    expiresAt: new Date(at.getTime() + getConfig().resetTokenTtlHours * HOUR),
  });
  return token;
}

/**
 * The secret a token stands for and its account, while the secret is usable and the account
 * meets `accountMayUseIt`; else null. Reading a secret never uses it (mail scanners open links).
 */
export async function findUsableSecret<T extends SecretTable>(
  table: T,
  token: string | undefined,
  accountMayUseIt: SQL | undefined,
): Promise<{ secret: SecretRow<T>; account: Account } | null> {
  if (!hasTokenShape(token)) return null;
  const secrets: SecretTable = table;
  const [row] = await getDb()
    .select({ secret: secrets, account: accounts })
    .from(secrets)
    .innerJoin(accounts, eq(accounts.id, secrets.accountId))
    .where(and(eq(secrets.tokenHash, hashToken(token)), isUsable(secrets, now()), accountMayUseIt))
    .limit(1);
  return row ? { secret: row.secret as SecretRow<T>, account: row.account } : null;
}

/**
 * Uses a secret, once. One transaction: the secret is claimed by one conditional update (so of two
 * tabs posting the same link at once exactly one gets it), then `use` makes the change it was sent
 * for. When `use` answers null (the account may no longer take it), everything is undone and the
 * secret stays as it was. Null too when the token is unknown, used, revoked or expired.
 */
export async function claimSecret<T extends SecretTable, Result>(
  table: T,
  token: string,
  use: (tx: Tx, secret: SecretRow<T>, at: Date) => Promise<Result | null>,
): Promise<Result | null> {
  if (!hasTokenShape(token)) return null;
  const at = now();
  const secrets: SecretTable = table;
  return getDb()
    .transaction(async (tx) => {
      const [claimed] = await tx
        .update(secrets)
        .set({ usedAt: at })
        .where(and(eq(secrets.tokenHash, hashToken(token)), isUsable(secrets, at)))
        .returning();
      if (!claimed) return null;
      const result = await use(tx, claimed as SecretRow<T>, at);
      if (result === null) tx.rollback();
      return result;
    })
    .catch((error: unknown) => {
      // tx.rollback() throws to unwind the transaction; it is an expected "no".
      if (error instanceof TransactionRollbackError) return null;
      throw error;
    });
}

/**
 * Marks every unused secret of the account used, expired ones included: what they were sent for
 * is over (the password changed, the secret was used, a newer request replaced them).
 */
export async function revokeSecretsOf(db: DbOrTx, table: SecretTable, accountId: string, at = now()): Promise<void> {
  await db
    .update(table)
    .set({ usedAt: at })
    .where(and(eq(table.accountId, accountId), isNull(table.usedAt)));
}
