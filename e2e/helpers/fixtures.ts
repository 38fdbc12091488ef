import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export const DEMO = {
  marie: { identifier: '00123456', password: 'Sesame-Demo-2026', name: 'Marie Dupont' },
  paulPending: { identifier: '00067890' },
  lea: { identifier: '00024680', password: 'Durand-Lea-2026' },
  tom: { identifier: '00013579', password: 'Durand-Tom-2026' },
  papeterie: { identifier: '10005', password: 'Sesame-Pro-2026', name: 'Papeterie Exemple' },
  admin: { identifier: '00000001', password: 'Sesame-Admin-2026' },
} as const;

let counter = 0;

/**
 * Each test gets its own client address so one test's failures never throttle another: the
 * browser and `request` send it as X-Forwarded-For, and raw requests (raw-http.ts) can use it too.
 */
export const test = base.extend<{ clientIp: string }>({
  clientIp: async ({}, use, testInfo) => {
    counter += 1;
    await use(`203.0.${(testInfo.workerIndex % 250) + 1}.${(counter % 250) + 1}`);
  },
  extraHTTPHeaders: async ({ extraHTTPHeaders, clientIp }, use) => {
    await use({ ...extraHTTPHeaders, 'X-Forwarded-For': clientIp });
  },
});

/** The answer to every well-formed reset request, whatever it matched. */
export const RESET_ANSWER =
  'Si ces informations correspondent à un compte, un e-mail vient d’être envoyé à l’adresse enregistrée. Le lien est valable 8 heures.';
export { expect };

/** The sign-in form of /connexion, as a person uses it. */
export async function signIn(
  page: Page,
  identifier: string,
  password: string,
  options: { remember?: boolean; path?: string; refusedInBrowser?: boolean } = {},
) {
  if (options.path !== undefined || !page.url().includes('/connexion')) await page.goto(options.path ?? '/connexion');
  const form = page.locator('form').filter({ has: page.getByRole('textbox', { name: 'Identifiant', exact: true }) }).first();
  await form.getByRole('textbox', { name: 'Identifiant', exact: true }).fill(identifier);
  await form.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(password);
  if (options.remember) await form.getByLabel('Mémoriser mes identifiants').check();
  const submit = form.getByRole('button', { name: /Valider|S’identifier/ });
  // With scripts on, a malformed form is refused before anything is sent.
  if (options.refusedInBrowser) return submit.click();
  // Wait for the server's answer: an earlier message on the page must not be taken for this one.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    submit.click(),
  ]);
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export const formAlert = (page: Page) => page.locator('.alert[role="alert"]');
