import { sql } from 'drizzle-orm';
import { checkAccountFields, describeProblem } from '@/lib/accounts/fields';
import { changeRoles } from '@/lib/accounts/role';
import { hashPassword } from '@/lib/crypto/password-hash';
import { getDb } from '@/lib/db/client';
import { accounts, type NewAccount } from '@/lib/db/schema';

type DemoAccount = Required<Pick<NewAccount, 'identifier' | 'kind' | 'email' | 'name' | 'role' | 'status'>> & { password?: string };

/** The demo accounts listed in the README; the tests and demos rely on them exactly. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { identifier: '00123456', kind: 'licence', email: 'marie.dupont@example.org', name: 'Marie Dupont', role: 'member', status: 'active', password: 'Sesame-Demo-2026' },
  { identifier: '00067890', kind: 'licence', email: 'paul.martin@example.org', name: 'Paul Martin', role: 'member', status: 'pending' },
  { identifier: '00024680', kind: 'licence', email: 'famille.durand@example.org', name: 'Léa Durand', role: 'member', status: 'active', password: 'Durand-Lea-2026' },
  { identifier: '00013579', kind: 'licence', email: 'famille.durand@example.org', name: 'Tom Durand', role: 'member', status: 'active', password: 'Durand-Tom-2026' },
  { identifier: '10005', kind: 'client', email: 'contact@papeterie-exemple.fr', name: 'Papeterie Exemple', role: 'member', status: 'active', password: 'Sesame-Pro-2026' },
  { identifier: '10006', kind: 'client', email: 'achats@librairie-exemple.fr', name: 'Librairie Exemple', role: 'member', status: 'pending' },
  { identifier: '00000001', kind: 'licence', email: 'admin@example.org', name: 'Administrateur Sésame', role: 'admin', status: 'active', password: 'Sesame-Admin-2026' },
];

/** Creates the demo accounts, or puts them back exactly as listed (passwords included). */
export async function seedDemoAccounts(): Promise<number> {
  // Checked like any other account, so they stay valid accounts whatever the rules become.
  for (const account of DEMO_ACCOUNTS) {
    const checked = checkAccountFields(account, ['licence', 'client']);
    if (!checked.ok) throw new Error(`Demo account ${account.identifier}: ${checked.problems.map((p) => describeProblem(p, [])).join('; ')}`);
  }
  // One hash at a time: the hashing pool's queue may be set as short as one (HASH_QUEUE_LIMIT).
  const rows: NewAccount[] = [];
  for (const { password, ...account } of DEMO_ACCOUNTS) {
    rows.push({ ...account, passwordHash: password ? await hashPassword(password) : null, activatedAt: password ? new Date() : null });
  }
  await getDb().transaction(async (tx) => {
    const seeded = await tx
      .insert(accounts)
      .values(rows)
      .onConflictDoUpdate({
        target: accounts.identifier,
        // The role apart: an existing account's changes one way only, which ends its sessions.
        set: {
          kind: sql`excluded.kind`,
          email: sql`excluded.email`,
          name: sql`excluded.name`,
          status: sql`excluded.status`,
          passwordHash: sql`excluded.password_hash`,
          activatedAt: sql`excluded.activated_at`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: accounts.id, identifier: accounts.identifier });
    const listedRole = new Map(DEMO_ACCOUNTS.map((a) => [a.identifier, a.role]));
    await changeRoles(tx, seeded.map(({ id, identifier }) => ({ accountId: id, role: listedRole.get(identifier)! })), { source: 'seed' });
  });
  return rows.length;
}
