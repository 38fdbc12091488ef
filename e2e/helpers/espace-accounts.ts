import type { TestInfo } from '@playwright/test';
import { E2E_PASSWORD } from './accounts';

/** How many accounts each project gets for e2e/espace.spec.ts (seeded by seed-espace-accounts.ts). */
export const ESPACE_ACCOUNTS = 10;
const PROJECT_INDEX: Record<string, number> = { desktop: 0, phone: 1, https: 2 };

/** 8-digit licence numbers 0096p0nn, apart from the 009pnnnn of accounts.ts. */
export const espaceIdentifier = (p: number, n: number) => `0096${p}${String(n).padStart(3, '0')}`;

/** /espace account `n` of this test's project: each test that changes an account has its own. */
export function espaceAccount(n: number, testInfo: TestInfo) {
  const identifier = espaceIdentifier(PROJECT_INDEX[testInfo.project.name] ?? 0, n);
  return { identifier, email: `espace-${identifier}@example.test`, password: E2E_PASSWORD };
}
