import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';
import { account } from './helpers/accounts';
import { expect, test } from './helpers/fixtures';
import { linkFor } from './helpers/flows';

/**
 * What a visitor's browser downloads as JavaScript before touching anything: every script
 * response of the page's load, hydration included, gzipped here (zlib's default level) whatever the
 * server sent. A flood of visitors on /connexion must cost them, and the server, as little as can be.
 * `npx tsx bench/page-weight.ts` prints the figures of every public page without a browser (the
 * scripts each page's HTML names: what loads later, as the passkey library for autofill, is not in them).
 */
// The issue asks for 120 KB; Next.js 16's App Router and React 19 alone weigh about 132 KB gzipped
// (react-dom, the router, Turbopack's runtime), before any page code. Measured once the passkey
// library and zod left the first scripts: 183 KB on a named host (179 KB on 127.0.0.1, where no
// passkey autofill starts), down from 210 KB; the dictionaries (both languages, 25 KB) and
// react-hook-form (14 KB) are the largest parts of our own. The limit holds that with a margin for
// new copy, and catches a library pulled back into the page.
const CONNEXION_LIMIT_KB = 200;

type Weight = { scripts: number; raw: number; gzip: number };

async function scriptWeight(page: Page, open: () => Promise<unknown>): Promise<Weight> {
  const bodies: Promise<Buffer>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.body());
  };
  page.on('response', onResponse);
  await open();
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  const all = await Promise.all(bodies);
  return {
    scripts: all.length,
    raw: all.reduce((sum, b) => sum + b.length, 0),
    gzip: all.reduce((sum, b) => sum + gzipSync(b).length, 0),
  };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

test.describe('page weight', () => {
  test(`/connexion loads at most ${CONNEXION_LIMIT_KB} KB of gzipped JavaScript before any interaction`, async ({ page }) => {
    // By name rather than by address: on a named host, where WebAuthn works, the page starts the
    // passkey autofill request once hydrated and loads SimpleWebAuthn for it; on 127.0.0.1 it would not.
    const weight = await scriptWeight(page, () => page.goto(`http://localhost:${process.env.E2E_PORT ?? 3100}/connexion`));
    // Hydrated: the "show password" toggle only exists once the page's scripts ran.
    await expect(page.getByRole('button', { name: 'Afficher le mot de passe' })).toBeVisible();
    const figure = `/connexion: ${weight.scripts} scripts, ${kb(weight.raw)} KB raw, ${kb(weight.gzip)} KB gzipped`;
    console.log(figure);
    test.info().annotations.push({ type: 'weight', description: figure });
    expect(weight.gzip / 1024).toBeLessThanOrEqual(CONNEXION_LIMIT_KB);
  });

  test('every public page: the figures', async ({ page }, testInfo) => {
    const rows: string[] = [];
    const record = (label: string, weight: Weight) =>
      rows.push(`${label.padEnd(34)} ${String(weight.scripts).padStart(3)} scripts ${kb(weight.raw).padStart(7)} KB raw ${kb(weight.gzip).padStart(6)} KB gzipped`);
    for (const path of ['/', '/connexion', '/mot-de-passe-oublie', '/ouverture-de-compte', '/reinitialisation']) {
      // A new page each time: nothing cached from the page before.
      const fresh = await page.context().browser()!.newContext({ locale: 'fr-FR', extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.9' } });
      const other = await fresh.newPage();
      record(path === '/reinitialisation' ? '/reinitialisation (no link)' : path, await scriptWeight(other, () => other.goto(path)));
      await fresh.close();
    }
    const { link } = await linkFor(page, account(24, testInfo).email, { identifier: account(24, testInfo).identifier });
    const fresh = await page.context().browser()!.newContext({ locale: 'fr-FR' });
    const other = await fresh.newPage();
    record('/reinitialisation (new password)', await scriptWeight(other, () => other.goto(link)));
    await expect(other.getByRole('button', { name: 'Valider' })).toBeVisible();
    await fresh.close();
    console.log(rows.join('\n'));
    testInfo.annotations.push({ type: 'weights', description: rows.join('\n') });
  });
});
