/**
 * Accounts of the end-to-end tests, on top of the demo accounts: each flow that changes an
 * account gets its own, once per Playwright project (desktop 0, phone 1, https 2), so tests
 * running in parallel never change what another test relies on. `account()` in accounts.ts
 * names them.
 */
import { hashPassword } from '@/lib/crypto/password-hash';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, oidcClients, type NewAccount } from '@/lib/db/schema';
import { hashClientSecret } from '@/lib/oidc/clients';

import { E2E_PASSWORD } from './accounts';
import { seedAdminSecondFactor } from './second-factor-seed';

const rows: NewAccount[] = [];
const hash = await hashPassword(E2E_PASSWORD);
for (const p of [0, 1, 2]) {
  for (let n = 1; n <= 30; n += 1) {
    const identifier = `009${p}${String(n).padStart(4, '0')}`;
    const pending = n === 4;
    rows.push({
      identifier,
      kind: 'licence',
      email: n === 5 || n === 6 ? `shared-${p}@example.test` : `e2e-${identifier}@example.test`,
      name: `Testeur ${identifier}`,
      status: pending ? 'pending' : 'active',
      passwordHash: pending ? null : hash,
      locale: n === 13 ? 'en' : 'fr',
      // Staff without a second factor yet: the admin gate (e2e/second-factor.spec.ts).
      role: n === 26 ? 'admin' : 'member',
    });
  }
  rows.push({ identifier: `98${p}01`, kind: 'client', email: `client-98${p}01@example.test`, name: 'Quincaillerie Test', status: 'pending' });
}
await getDb().insert(accounts).values(rows).onConflictDoNothing();
await seedAdminSecondFactor('00000001');
// An app signing in with Sésame, for /admin's list of them (e2e/admin.spec.ts).
await getDb()
  .insert(oidcClients)
  .values({ id: 'e2e-boutique-du-club', name: 'Boutique du club', secretHash: hashClientSecret('e2e-not-used'), redirectUris: ['https://boutique.example.org/callback'] })
  .onConflictDoNothing();
await closeDb();
console.log(`${rows.length} end-to-end accounts ready`);
