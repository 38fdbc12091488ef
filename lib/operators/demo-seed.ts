import { DEMO_ACCOUNTS, seedDemoAccounts } from '@/lib/accounts/demo-accounts';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';

export type SeedOutcome = { ok: true; count: number } | { ok: false; reason: string };

const demoKey = (a: { identifier: string; email: string }) => `${a.identifier}\n${a.email.toLowerCase()}`;
const DEMO_KEYS = new Set(DEMO_ACCOUNTS.map(demoKey));

/**
 * `npm run db:seed` loads the demo accounts, with the passwords printed in the README, only into a
 * database that is empty or holds nothing but those accounts (the same number and email). An
 * operator's shell pointed at a live database by mistake gets a refusal; no `--force` lifts it.
 */
export async function seedDemoAccountsIfSafe(): Promise<SeedOutcome> {
  const rows = await getDb().select({ identifier: accounts.identifier, email: accounts.email }).from(accounts);
  const others = rows.filter((row) => !DEMO_KEYS.has(demoKey(row)));
  if (others.length > 0) {
    const sample = others.slice(0, 3).map((a) => a.identifier).join(', ');
    return {
      ok: false,
      reason:
        `Refusing to load the demo accounts: this database holds ${others.length} other account(s) (${sample}${others.length > 3 ? ', …' : ''}). ` +
        'Demo accounts have published passwords; they belong in an empty database only. Nothing was changed.',
    };
  }
  return { ok: true, count: await seedDemoAccounts() };
}
