import { sql } from 'drizzle-orm';
import { seedDemoAccounts } from '@/lib/accounts/demo-accounts';
import { resetClock } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { ensureMigrated } from '@/lib/db/migrate';

/** A migrated database holding exactly the demo accounts, and the clock back to the real time. */
export async function resetDatabase(): Promise<void> {
  resetClock();
  await ensureMigrated();
  await getDb().execute(
    sql`truncate accounts, sessions, password_links, account_requests, throttles, email_outbox, email_events, account_imports, audit_events, webauthn_challenges, oidc_records, oidc_clients, oidc_keys restart identity cascade`,
  );
  await seedDemoAccounts();
}

export const request = { ip: '203.0.113.7', userAgent: 'vitest' };
