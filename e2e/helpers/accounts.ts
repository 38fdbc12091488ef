import type { TestInfo } from '@playwright/test';

/** The projects' numbers in e2e/helpers/seed-accounts.ts: each gets its own set of accounts. */
const PROJECT_INDEX: Record<string, number> = { desktop: 0, phone: 1, https: 2 };
export const E2E_PASSWORD = 'Initial-Password-2026';

/**
 * End-to-end account `n` of this test's project (see e2e/helpers/seed-accounts.ts). Numbers belong to
 * specs: 1–14 reset, 15–16 admin, 17–24 security, 25–30 second factors and passkeys; 4 is
 * pending, 5 and 6 share an address, 13 is English, 26 is an admin without a second factor.
 */
export function account(n: number, testInfo: TestInfo) {
  const p = PROJECT_INDEX[testInfo.project.name] ?? 0;
  const identifier = `009${p}${String(n).padStart(4, '0')}`;
  return { identifier, email: n === 5 || n === 6 ? `shared-${p}@example.test` : `e2e-${identifier}@example.test`, password: E2E_PASSWORD };
}
