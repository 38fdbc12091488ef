/**
 * Accounts of the /espace self-service specs (e2e/espace.spec.ts), once per Playwright project
 * (desktop 0, phone 1, https 2): their sessions, language and address change under the tests.
 * `espaceAccount()` in espace-accounts.ts names them.
 */
import { hashPassword } from '@/lib/crypto/password-hash';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, type NewAccount } from '@/lib/db/schema';

import { ESPACE_ACCOUNTS, espaceIdentifier } from './espace-accounts';
import { E2E_PASSWORD } from './accounts';

const hash = await hashPassword(E2E_PASSWORD);
const rows: NewAccount[] = [];
for (const p of [0, 1, 2]) {
  for (let n = 1; n <= ESPACE_ACCOUNTS; n += 1) {
    const identifier = espaceIdentifier(p, n);
    rows.push({ identifier, kind: 'licence', email: `espace-${identifier}@example.test`, name: `Membre ${identifier}`, status: 'active', passwordHash: hash });
  }
}
await getDb().insert(accounts).values(rows).onConflictDoNothing();
await closeDb();
console.log(`${rows.length} /espace accounts ready`);
