import { eq } from 'drizzle-orm';
import type { ProfileValues } from '@/lib/accounts/schema';
import { audit, type Actor } from '@/lib/audit';
import { clearLoginFailures } from '@/lib/throttles/login';
import { endAccountSessions } from '@/lib/sessions/sessions';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import { linkPurpose, queueLinkEmails } from '@/lib/password-links/emails';
import { auditRevocations, revokeEmailedSecrets } from '@/lib/emailed-secrets/revoke';

/** What customer service does to one account from /admin; every action is audited with who and from where. */

async function load(accountId: string): Promise<Account | null> {
  const [row] = await getDb().select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  return row ?? null;
}

const auditBy = (actor: Actor, account: Pick<Account, 'id' | 'identifier'>) => ({
  accountId: account.id,
  actorId: actor.id,
  identifier: account.identifier,
  request: actor.request,
});

/**
 * Queues a first-connection link for a pending account, a reset link for an active one; nothing
 * for a disabled one (false). The caller delivers the queue when it suits it.
 */
export async function sendPasswordLink(account: Account, actor: Actor): Promise<boolean> {
  if (account.status === 'disabled') return false;
  await queueLinkEmails([account]);
  await audit({ type: 'admin_link_sent', ...auditBy(actor, account), details: { purpose: linkPurpose(account) } });
  return true;
}

export async function sendAccountLink(accountId: string, actor: Actor): Promise<boolean> {
  const account = await load(accountId);
  return account ? sendPasswordLink(account, actor) : false;
}

export async function updateAccountProfile(accountId: string, values: ProfileValues, actor: Actor): Promise<boolean> {
  const account = await load(accountId);
  if (!account) return false;
  const changed = (['email', 'name'] as const).filter((field) => account[field] !== values[field]);
  if (changed.length === 0) return true;
  const at = now();
  // A link sent to the old address must not outlive it (a mistyped address reached a stranger),
  // nor come back to life if the old address is put back.
  const revocation = await getDb().transaction(async (tx) => {
    await tx.update(accounts).set({ ...values, updatedAt: at }).where(eq(accounts.id, accountId));
    return changed.includes('email') ? revokeEmailedSecrets(tx, accountId, 'email_changed', at) : null;
  });
  await audit({ type: 'admin_account_updated', ...auditBy(actor, account), details: { changed } });
  if (revocation) await auditRevocations([revocation], actor);
  return true;
}

export type StatusResult = 'ok' | 'notFound' | 'self';

/**
 * Disabling ends every open session at once; enabling puts the account back as it was (pending
 * without a password). Either change revokes the account's outstanding emailed links (password and
 * address-change links): a link never survives a disabled spell, so enabling an account never
 * revives one.
 */
export async function setAccountDisabled(accountId: string, disabled: boolean, actor: Actor): Promise<StatusResult> {
  if (disabled && accountId === actor.id) return 'self';
  const account = await load(accountId);
  if (!account) return 'notFound';
  // A password imported from the old site, not yet converted, is a password: its holder signs in with it.
  const status = disabled ? 'disabled' : account.passwordHash || account.importedPasswordHash ? 'active' : 'pending';
  if (account.status === status || (!disabled && account.status !== 'disabled')) return 'ok';
  const at = now();
  const revocation = await getDb().transaction(async (tx) => {
    await tx.update(accounts).set({ status, updatedAt: at }).where(eq(accounts.id, accountId));
    return revokeEmailedSecrets(tx, accountId, disabled ? 'account_disabled' : 'account_enabled', at);
  });
  await auditRevocations([revocation], actor);
  const sessionsEnded = disabled ? await endAccountSessions(accountId, 'account_disabled') : 0;
  await audit({
    type: disabled ? 'admin_account_disabled' : 'admin_account_enabled',
    ...auditBy(actor, account),
    details: disabled ? { sessionsEnded } : { status },
  });
  return 'ok';
}

export async function clearAccountThrottles(accountId: string, actor: Actor): Promise<boolean> {
  const account = await load(accountId);
  if (!account) return false;
  await clearLoginFailures(account.identifier);
  await audit({ type: 'admin_throttles_cleared', ...auditBy(actor, account) });
  return true;
}
