import { DEMO_ACCOUNTS, seedDemoAccounts } from '@/lib/accounts/demo-accounts';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';

export type SeedOutcome = { ok: true; count: number } | { ok: false; reason: string };

const demoKey = (a: { identifier: string; email: string }) => `${a.identifier}\n${a.email.toLowerCase()}`;
const DEMO_KEYS = new Set(DEMO_ACCOUNTS.map(demoKey));

/**
 * Why the demo accounts are refused whatever the database holds: they are for a development
 * machine (DEV_TOOLS=1), and an empty production database is exactly where a published
 * administrator password would do the most harm. Null when DEV_TOOLS is on.
 */
export function demoSeedRefusal(): string | null {
  if (getConfig().devTools) return null;
  return (
    'Refusing to load the demo accounts: DEV_TOOLS is off. Their passwords are published (an administrator among them), ' +
    'so they exist only on a development machine: DEV_TOOLS=1 npm run db:seed, or npm run demo. ' +
    'For a real administrator: npm run accounts -- create-admin. Nothing was changed.'
  );
}

/**
 * `npm run db:seed` loads the demo accounts, with the passwords printed in the README, only with
 * DEV_TOOLS=1 (which production refuses) and only into a database that is empty or holds nothing
 * but those accounts (the same number and email). An operator's shell pointed at a live database
 * by mistake gets a refusal; nothing lifts it.
 */
export async function seedDemoAccountsIfSafe(): Promise<SeedOutcome> {
  const refusal = demoSeedRefusal();
  if (refusal) return { ok: false, reason: refusal };
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
