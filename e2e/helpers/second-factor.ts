import { expect, type Page, type TestInfo } from '@playwright/test';
import { secretFromText, stepAt, TOTP_DRIFT_STEPS, totpCode } from '@/lib/second-factor/totp';

import { ADMIN_POOL_PER_WORKER, ADMIN_POOL_WORKERS, adminPoolCodeFor, adminRecoveryCodeFor } from './second-factor-data';
import { DEMO, signIn } from './fixtures';

export { E2E_ADMIN_TOTP_SECRET } from './second-factor-data';

const PROJECT_INDEX: Record<string, number> = { desktop: 0, phone: 1, https: 2 };
export const adminRecoveryCode = (slot: number, testInfo: TestInfo) => adminRecoveryCodeFor(PROJECT_INDEX[testInfo.project.name] ?? 0, slot);

let poolUsed = 0;
/**
 * The demo admin's password, then the second step with a recovery code of its own: the next one
 * of this worker process's share of the pool (e2e/helpers/second-factor-data.ts).
 */
export async function signInAsAdmin(page: Page, testInfo: TestInfo) {
  const worker = testInfo.workerIndex % ADMIN_POOL_WORKERS;
  if (poolUsed >= ADMIN_POOL_PER_WORKER) throw new Error('this worker used every admin recovery code of its share');
  const code = adminPoolCodeFor(PROJECT_INDEX[testInfo.project.name] ?? 0, worker * ADMIN_POOL_PER_WORKER + poolUsed);
  poolUsed += 1;
  await signIn(page, DEMO.admin.identifier, DEMO.admin.password);
  await enterCode(page, code);
}

/**
 * An authenticator app in a test: the code of a step later than the last one it gave, within
 * the step of drift the server accepts, as a person waiting for the next code would get it.
 */
export class TestAuthenticator {
  private lastStep = -Infinity;
  constructor(readonly secret: string) {}

  /** Six digits that are no code of the steps the server accepts now. */
  wrong(): string {
    const current = stepAt(new Date());
    const valid = [-1, 0, 1].map((d) => totpCode(secretFromText(this.secret), current + d));
    return ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c))!;
  }

  code(): string {
    const current = stepAt(new Date());
    const step = Math.max(current, this.lastStep + 1);
    if (step > current + TOTP_DRIFT_STEPS) throw new Error('more than two codes asked within one 30-second step');
    this.lastStep = step;
    return totpCode(secretFromText(this.secret), step);
  }
}

/** The second step of a sign-in: types a code on /connexion/code and waits for the answer. */
export async function enterCode(page: Page, code: string) {
  await expect(page).toHaveURL(/\/connexion\/code/);
  await page.getByRole('textbox', { name: 'Code de vérification' }).fill(code);
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Vérifier' }).click()]);
}
