import { and, inArray, ne } from 'drizzle-orm';
import type { Role } from '@/lib/accounts/fields';
import { audit, type Actor } from '@/lib/audit';
import { now } from '@/lib/clock';
import type { Db } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { endSessionsOf } from '@/lib/sessions/sessions';

/**
 * The one way an account's role changes once it exists (a CSV import, from the command line or
 * /admin; the demo seed). A session keeps what its sign-in asked for: one opened by a member gave
 * no second factor, so it must not reach /admin when the account becomes an administrator, and
 * one opened by staff is not kept by a demoted account either. So the new role, the end of every
 * open session of the account (the holder signs in again, and meets the second step the new role
 * asks for) and a `role_changed` audit event commit together, in the caller's transaction.
 */

export type RoleTarget = { accountId: string; role: Role };
/** Where the change came from, for the audit event; `actor` is the admin who confirmed it, if any. */
export type RoleChangeSource = { source: 'import' | 'seed'; actor?: Actor };
export type RoleChange = { accountId: string; identifier: string; from: Role; to: Role; sessionsEnded: number };

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Gives each account its target role, inside `tx`; accounts that already have it are left alone
 * and absent from the answer.
 */
export async function changeRoles(tx: Tx, targets: readonly RoleTarget[], { source, actor }: RoleChangeSource, at = now()): Promise<RoleChange[]> {
  const changes: RoleChange[] = [];
  const byRole = new Map<Role, string[]>();
  for (const { accountId, role } of targets) {
    const accountIds = byRole.get(role) ?? [];
    accountIds.push(accountId);
    byRole.set(role, accountIds);
  }
  for (const [role, accountIds] of byRole) {
    // Locked until the transaction ends: the role read here is the one replaced, and a concurrent
    // change of the same account waits, then finds nothing left to change.
    const before = await tx
      .select({ id: accounts.id, identifier: accounts.identifier, role: accounts.role })
      .from(accounts)
      .where(and(inArray(accounts.id, accountIds), ne(accounts.role, role)))
      .for('update');
    if (before.length === 0) continue;
    const ids = before.map((account) => account.id);
    await tx.update(accounts).set({ role, updatedAt: at }).where(inArray(accounts.id, ids));
    const ended = await endSessionsOf(tx, ids, 'role_changed', at);
    for (const account of before) {
      const change = { accountId: account.id, identifier: account.identifier, from: account.role, to: role, sessionsEnded: ended.get(account.id) ?? 0 };
      changes.push(change);
      await audit(
        {
          type: 'role_changed',
          accountId: account.id,
          identifier: account.identifier,
          actorId: actor?.id ?? null,
          request: actor?.request,
          details: { from: change.from, to: role, sessionsEnded: change.sessionsEnded, source },
        },
        tx,
      );
    }
  }
  return changes;
}

