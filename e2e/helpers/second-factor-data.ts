/**
 * The demo admin's second factor in the end-to-end seed, shared by the seed (no Playwright there)
 * and the tests: an authenticator secret, and one recovery code per admin-signing test.
 */
export const E2E_ADMIN_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const ADMIN_RECOVERY_SLOTS = 8;

// Recovery codes use 2-9 and letters without look-alikes: numbers become those characters.
const DIGIT = '23456789AB';
/** The recovery code of slot `slot` (1–8) of project `p`: its own for each admin-signing test. */
export const adminRecoveryCodeFor = (p: number, slot: number) => `ADMNX-P${DIGIT[p]}S${DIGIT[slot]}Q`;

/**
 * A pool for `signInAsAdmin` (e2e/helpers/second-factor.ts): per project and per Playwright worker
 * process, one code per sign-in, so tests running at once never spend each other's codes.
 */
export const ADMIN_POOL_WORKERS = 16;
export const ADMIN_POOL_PER_WORKER = 30;
export const adminPoolCodeFor = (p: number, n: number) =>
  `ADMNR-${DIGIT[p]}${DIGIT[Math.floor(n / 100) % 10]}${DIGIT[Math.floor(n / 10) % 10]}${DIGIT[n % 10]}Q`;
