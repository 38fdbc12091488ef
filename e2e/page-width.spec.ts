import { writeFile } from 'node:fs/promises';
import type { Page, TestInfo } from '@playwright/test';
import { DEMO, expect, signIn, test } from './helpers/fixtures';
import { inbox, linksIn, nextEmail } from './helpers/mailbox';
import { signInAsAdmin } from './helpers/second-factor';

/**
 * WCAG 1.4.10 (reflow): at 320 and 390 CSS pixels no page scrolls sideways. Every page is visited
 * in the state people see it in (errors shown, long email addresses, a real emailed link, signed
 * in as a member and as customer service), and the document's scroll width is compared with the
 * viewport's. Data tables may scroll inside their own focusable region (the WCAG exception for
 * content that needs two dimensions): that does not widen the document.
 */
const SIZES = [
  { project: 'phone', viewport: { width: 320, height: 800 } },
  { project: 'phone', viewport: { width: 390, height: 844 } },
  { project: 'desktop', viewport: { width: 1280, height: 800 } },
] as const;
/** SCREENSHOTS=folder (as for e2e/helpers/screenshots.ts): a full-page screenshot of every page checked, to look at. */
const SCREENSHOTS = process.env.SCREENSHOTS;

type Measure = { label: string; scrollWidth: number; widest: string[] };

/** The document's width, and the elements that stick out of the viewport (to say what to fix). */
async function measure(page: Page, label: string): Promise<Measure> {
  const viewport = page.viewportSize()!.width;
  const { scrollWidth, widest } = await page.evaluate((vw) => {
    const scrolls = (el: Element | null): boolean => {
      for (let e = el?.parentElement; e; e = e.parentElement) {
        if (e === document.body) return false;
        if (getComputedStyle(e).overflowX !== 'visible') return true;
      }
      return false;
    };
    const describe = (el: Element) => {
      const cls = el.getAttribute('class');
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls ? `.${cls.split(/\s+/).join('.')}` : ''} → ${Math.round(el.getBoundingClientRect().right)}`;
    };
    const over = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > vw + 0.5 && !scrolls(el));
    // The innermost ones: the culprits rather than every ancestor they push.
    const innermost = over.filter((el) => !over.some((other) => other !== el && el.contains(other)));
    return { scrollWidth: document.documentElement.scrollWidth, widest: innermost.slice(0, 6).map(describe) };
  }, viewport);
  return { label, scrollWidth, widest };
}

/** Measures the page as it is and checks it (softly: one run lists every page that overflows). */
async function check(page: Page, label: string, found: Measure[]) {
  // Web fonts and the strength meter settle before measuring.
  await page.waitForLoadState('load');
  const m = await measure(page, label);
  found.push(m);
  if (SCREENSHOTS) {
    const file = `${page.viewportSize()!.width}-${label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}.png`;
    await page.screenshot({ path: `${SCREENSHOTS}/${file}`, fullPage: true });
  }
  expect.soft(m.scrollWidth, `${label}: ${m.scrollWidth}px wide at ${page.viewportSize()!.width}px (${m.widest.join(', ')})`).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );
}

async function visit(page: Page, path: string, found: Measure[], label = path) {
  await page.goto(path);
  await check(page, label, found);
}

/** The widths measured, kept with the test's results (test-results/…/widths.json). */
async function report(testInfo: TestInfo, found: Measure[]) {
  const path = testInfo.outputPath('widths.json');
  await writeFile(path, JSON.stringify(found, null, 2));
  await testInfo.attach('widths.json', { path, contentType: 'application/json' });
}

for (const [index, size] of SIZES.entries()) {
  test.describe(`no sideways scrolling at ${size.viewport.width} px`, () => {
    test.use({ viewport: size.viewport });
    // Phone sizes with a phone's viewport handling, once each.
    test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== size.project, `${size.project} project`));

    test('public pages, with errors and answers shown', async ({ page, request }, testInfo) => {
      // About twenty pages, each loaded and measured: more than the default 30 s on a busy machine.
      test.setTimeout(90_000);
      const found: Measure[] = [];
      for (const path of ['/', '/connexion', '/mot-de-passe-oublie', '/ouverture-de-compte', '/nulle-part', '/reinitialisation', '/reinitialisation/termine?identifiant=00123456']) {
        await visit(page, path, found);
      }
      await page.goto('/connexion?identifiant=00013579');
      await signIn(page, DEMO.tom.identifier, 'not-the-password');
      await expect(page.locator('.alert')).toBeVisible();
      await check(page, '/connexion refused', found);

      await page.goto('/mot-de-passe-oublie');
      await page.getByRole('textbox', { name: 'Identifiant', exact: true }).fill('abc');
      await page.getByRole('button', { name: 'Réinitialiser mot de passe' }).click();
      await expect(page.locator('#forgot-identifier-error')).not.toBeEmpty();
      await check(page, '/mot-de-passe-oublie errors', found);
      await page.getByRole('textbox', { name: 'Identifiant', exact: true }).fill('99999999');
      await page.getByRole('button', { name: 'Réinitialiser mot de passe' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Si ces informations' })).toBeVisible();
      await check(page, '/mot-de-passe-oublie sent', found);

      await page.goto('/ouverture-de-compte');
      await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill('pas-une-adresse');
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
      await expect(page.locator('#opening-email-error')).not.toBeEmpty();
      await check(page, '/ouverture-de-compte errors', found);

      await page.goto('/reinitialisation/not-a-real-token-not-a-real-token-not-a-real');
      await check(page, '/reinitialisation/<invalid token>', found);

      // The pages answered before the application: a form posted from another site, a body too large.
      for (const [label, headers] of [
        ['403 cross-site form', { origin: 'https://elsewhere.example' }],
        ['413 body too large', { 'content-length': String(2 * 1024 * 1024) }],
      ] as const) {
        const response = await request.post('/connexion', { headers, data: label.startsWith('413') ? 'x'.repeat(2 * 1024 * 1024) : 'a=1' });
        expect([403, 413]).toContain(response.status());
        await page.setContent(await response.text());
        await check(page, label, found);
      }
      await report(testInfo, found);
    });

    test('customer service, a new member with a long address, their emailed link and their space', async ({ page }, testInfo) => {
      test.setTimeout(120_000);
      const found: Measure[] = [];
      const tag = `${size.viewport.width}${Date.now().toString(36)}`;
      // A long address with no place to break: the worst case for narrow screens.
      const address = `marie-christine.de-la-fontaine-beaumarchais.${tag}@association-sportive-saint-remy.example.test`;
      const identifier = `07${index}${String(Date.now() % 100_000).padStart(5, '0')}`;
      const name = `Marie-Christine de La Fontaine-Beaumarchais ${tag}`;

      // Someone asks for an account, with long answers.
      await page.goto('/ouverture-de-compte');
      await page.getByRole('textbox', { name: 'Nom et prénom' }).fill(name);
      await page.getByRole('textbox', { name: 'Club ou société' }).fill('Association sportive et culturelle de Saint-Rémy-de-Provence');
      await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(address);
      await page.getByRole('textbox', { name: 'Votre message' }).fill(`Bonjour, voici ma page : https://association-sportive-saint-remy.example.test/membres/${'tres-long-chemin-'.repeat(4)}`);
      await page.getByLabel('J’accepte que le service client').check();
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
      await expect(page.getByText('Merci, votre demande est bien envoyée.')).toBeVisible();
      await check(page, '/ouverture-de-compte sent', found);

      // Customer service: the dashboard, a search, the request, a new account.
      await page.goto('/admin');
      await signInAsAdmin(page, testInfo);
      await expect(page).toHaveURL('/admin');
      await check(page, '/admin', found);
      await page.getByRole('table', { name: /Demandes d’ouverture de compte/ }).getByRole('link', { name }).click();
      await expect(page).toHaveURL(/\/admin\/demandes\/[0-9a-f-]{36}$/);
      await check(page, '/admin/demandes/<id>', found);
      await visit(page, '/admin?statut=all', found);
      await visit(page, `/admin?q=${encodeURIComponent('example')}`, found, '/admin?q=<many results>');

      await page.goto('/admin/comptes/nouveau');
      await page.getByRole('button', { name: 'Créer le compte' }).click();
      await expect(page.locator('#account-email-error')).not.toBeEmpty();
      await check(page, '/admin/comptes/nouveau errors', found);
      await page.getByRole('textbox', { name: 'Identifiant' }).fill(identifier);
      await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(address);
      await page.getByRole('textbox', { name: 'Nom' }).fill(name);
      // The request's acknowledgement went to the same address: the link is in the next email.
      const before = (await inbox(address)).length;
      await page.getByRole('button', { name: 'Créer le compte' }).click();
      await expect(page).toHaveURL(/\/admin\/comptes\/[0-9a-f-]{36}\?ok=/);
      await check(page, '/admin/comptes/<id>', found);
      await visit(page, `/admin?q=${encodeURIComponent(address)}`, found, '/admin?q=<long address>');

      // The new member: their emailed link, the new-password page, sign-in and their space.
      await page.context().clearCookies();
      const [link] = linksIn(await nextEmail(address, before));
      await page.goto(link);
      await expect(page).toHaveURL('/reinitialisation');
      await expect(page.locator('.strength')).toBeVisible();
      await check(page, '/reinitialisation (suggested password shown)', found);
      await page.getByRole('button', { name: 'Masquer' }).click();
      await check(page, '/reinitialisation (suggested password hidden)', found);
      const password = 'Un sésame bien à moi pour 2026';
      await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('court');
      await page.getByRole('button', { name: 'Valider' }).click();
      await check(page, '/reinitialisation errors', found);
      await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(password);
      await page.getByRole('textbox', { name: 'Confirmation mot de passe' }).fill(password);
      await page.getByRole('button', { name: 'Valider' }).click();
      await expect(page).toHaveURL(/\/reinitialisation\/termine/);
      await check(page, '/reinitialisation/termine', found);

      await signIn(page, identifier, password, { path: '/connexion' });
      await expect(page).toHaveURL('/espace');
      await check(page, '/espace', found);
      await visit(page, '/', found, '/ signed in');
      await report(testInfo, found);
    });
  });
}
