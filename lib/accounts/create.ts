import { eq } from 'drizzle-orm';
import { checkAccount } from '@/lib/accounts/import';
import type { AccountFields } from '@/lib/accounts/fields';
import { sendPasswordLink } from '@/lib/accounts/staff';
import { audit, type Actor } from '@/lib/audit';
import { now } from '@/lib/clock';
import { getDb, type Db } from '@/lib/db/client';
import { accountRequests, accounts, type Account } from '@/lib/db/schema';

/**
 * Accounts are created pending (no password): their holder sets one through the first-connection
 * email. By staff from /admin, possibly from an account-opening request, or by an operator on the
 * command line.
 */
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The new account, or null when its identifier is already in use. */
async function insertPending(db: Db | Tx, fields: AccountFields): Promise<Account | null> {
  const at = now();
  const [row] = await db
    .insert(accounts)
    .values({ ...fields, locale: fields.locale ?? 'fr', role: fields.role ?? 'member', status: 'pending', createdAt: at, updatedAt: at })
    .onConflictDoNothing({ target: accounts.identifier })
    .returning();
  return row ?? null;
}

export type CreateResult =
  | { ok: true; account: Account; linkSent: boolean }
  | { ok: false; reason: 'exists'; existingId: string }
  | { ok: false; reason: 'requestNotFound' };

/**
 * Staff create an account and, when asked, queue its first-connection email. Given a request, it
 * is linked to the new account and marked done in the same transaction as the creation.
 */
export async function createAccountByAdmin(values: AccountFields, actor: Actor, options: { sendLink: boolean; requestId?: string }): Promise<CreateResult> {
  const result = await getDb().transaction(async (tx): Promise<CreateResult> => {
    if (options.requestId) {
      const [request] = await tx.select({ id: accountRequests.id }).from(accountRequests).where(eq(accountRequests.id, options.requestId)).limit(1);
      if (!request) return { ok: false, reason: 'requestNotFound' };
    }
    const account = await insertPending(tx, values);
    if (!account) {
      const [existing] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.identifier, values.identifier)).limit(1);
      return { ok: false, reason: 'exists', existingId: existing.id };
    }
    if (options.requestId) {
      await tx.update(accountRequests).set({ accountId: account.id, status: 'done', updatedAt: now() }).where(eq(accountRequests.id, options.requestId));
    }
    return { ok: true, account, linkSent: false };
  });
  if (!result.ok) return result;

  const { account } = result;
  const by = { actorId: actor.id, request: actor.request };
  await audit({ type: 'admin_account_created', accountId: account.id, identifier: account.identifier, ...by, details: { role: account.role, ...(options.requestId ? { requestId: options.requestId } : {}) } });
  if (options.requestId) {
    await audit({ type: 'admin_request_updated', accountId: account.id, ...by, details: { requestId: options.requestId, status: 'done' } });
  }
  const linkSent = options.sendLink ? await sendPasswordLink(account, actor) : false;
  return { ok: true, account, linkSent };
}

/** An operator creates one account (CLI `create` and `create-admin`); refuses an identifier in use. */
export async function createAccount(input: Parameters<typeof checkAccount>[0], actor = 'cli'): Promise<{ account: Account; warnings: string[] }> {
  const checked = checkAccount(input);
  if (!checked.ok) throw new Error(`The account was not created: ${checked.problems.join('; ')}.`);
  const row = await insertPending(getDb(), checked.account);
  if (!row) throw new Error(`An account with the identifier "${checked.account.identifier}" already exists; nothing was changed.`);
  await audit({ type: 'account_created', accountId: row.id, identifier: row.identifier, details: { by: actor, role: row.role } });
  return { account: row, warnings: checked.warnings };
}
