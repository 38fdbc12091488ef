import { eq } from 'drizzle-orm';
import { sendPasswordLinkEmail } from '@/lib/accounts/send-link';
import { audit } from '@/lib/audit';
import { clearLoginFailures } from '@/lib/auth/login-throttle';
import { endAccountSessions } from '@/lib/auth/sessions';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accountRequests, accounts, type Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/request-info';
import type { AccountValues, ProfileValues } from '@/lib/schemas/admin';

/** Who acts (the signed-in admin) and from where; every admin action is audited with both. */
export type Actor = { id: string; request?: RequestInfo };

export type CreateResult =
  | { ok: true; account: Account; linkSent: boolean }
  | { ok: false; reason: 'exists'; existingId: string }
  | { ok: false; reason: 'requestNotFound' };

/**
 * Creates a pending account and, when asked, queues its first-connection email. Given a request,
 * it is linked to the new account and marked done in the same transaction as the creation.
 */
export async function createAccountByAdmin(
  values: AccountValues,
  actor: Actor,
  options: { sendLink: boolean; requestId?: string },
): Promise<CreateResult> {
  const at = now();
  const result = await getDb().transaction(async (tx): Promise<CreateResult> => {
    if (options.requestId) {
      const [request] = await tx.select({ id: accountRequests.id }).from(accountRequests).where(eq(accountRequests.id, options.requestId)).limit(1);
      if (!request) return { ok: false, reason: 'requestNotFound' };
    }
    const [account] = await tx
      .insert(accounts)
      .values({ ...values, status: 'pending', createdAt: at, updatedAt: at })
      .onConflictDoNothing({ target: accounts.identifier })
      .returning();
    if (!account) {
      const [existing] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.identifier, values.identifier)).limit(1);
      return { ok: false, reason: 'exists', existingId: existing.id };
    }
    if (options.requestId) {
      await tx.update(accountRequests).set({ accountId: account.id, status: 'done', updatedAt: at }).where(eq(accountRequests.id, options.requestId));
    }
    return { ok: true, account, linkSent: false };
  });
  if (!result.ok) return result;

  const { account } = result;
  await audit({
    type: 'admin_account_created',
    accountId: account.id,
    actorId: actor.id,
    identifier: account.identifier,
    request: actor.request,
    details: { role: account.role, ...(options.requestId ? { requestId: options.requestId } : {}) },
  });
  if (options.requestId) {
    await audit({
      type: 'admin_request_updated',
      accountId: account.id,
      actorId: actor.id,
      request: actor.request,
      details: { requestId: options.requestId, status: 'done' },
    });
  }
  const linkSent = options.sendLink ? await sendLink(account, actor) : false;
  return { ok: true, account, linkSent };
}

async function sendLink(account: Account, actor: Actor): Promise<boolean> {
  const purpose = await sendPasswordLinkEmail(account);
  if (!purpose) return false;
  await audit({ type: 'admin_link_sent', accountId: account.id, actorId: actor.id, identifier: account.identifier, request: actor.request, details: { purpose } });
  return true;
}

async function load(accountId: string): Promise<Account | null> {
  const [row] = await getDb().select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  return row ?? null;
}

export async function updateAccountProfile(accountId: string, values: ProfileValues, actor: Actor): Promise<boolean> {
  const account = await load(accountId);
  if (!account) return false;
  const changed = (['email', 'name'] as const).filter((field) => account[field] !== values[field]);
  if (changed.length === 0) return true;
  await getDb().update(accounts).set({ ...values, updatedAt: now() }).where(eq(accounts.id, accountId));
  await audit({ type: 'admin_account_updated', accountId, actorId: actor.id, identifier: account.identifier, request: actor.request, details: { changed } });
  return true;
}

export type StatusResult = 'ok' | 'notFound' | 'self';

/** Disabling ends every open session at once; enabling puts the account back as it was (pending without a password). */
export async function setAccountDisabled(accountId: string, disabled: boolean, actor: Actor): Promise<StatusResult> {
  if (disabled && accountId === actor.id) return 'self';
  const account = await load(accountId);
  if (!account) return 'notFound';
  const status = disabled ? 'disabled' : account.passwordHash ? 'active' : 'pending';
  if (account.status === status || (!disabled && account.status !== 'disabled')) return 'ok';
  await getDb().update(accounts).set({ status, updatedAt: now() }).where(eq(accounts.id, accountId));
  const sessionsEnded = disabled ? await endAccountSessions(accountId, 'account_disabled') : 0;
  await audit({
    type: disabled ? 'admin_account_disabled' : 'admin_account_enabled',
    accountId,
    actorId: actor.id,
    identifier: account.identifier,
    request: actor.request,
    details: disabled ? { sessionsEnded } : { status },
  });
  return 'ok';
}

/** A first-connection link for a pending account, a reset link for an active one; nothing for a disabled one. */
export async function sendAccountLink(accountId: string, actor: Actor): Promise<boolean> {
  const account = await load(accountId);
  return account ? sendLink(account, actor) : false;
}

export async function clearAccountThrottles(accountId: string, actor: Actor): Promise<boolean> {
  const account = await load(accountId);
  if (!account) return false;
  await clearLoginFailures(account.identifier);
  await audit({ type: 'admin_throttles_cleared', accountId, actorId: actor.id, identifier: account.identifier, request: actor.request });
  return true;
}
