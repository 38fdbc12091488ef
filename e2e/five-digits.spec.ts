import { DEMO, expect, signIn, test } from './helpers/fixtures';

/**
 * Five digits with both kinds enabled (the suite's setting): licence 00013579 typed as `13579`
 * (no client code 13579 exists) signs in; a client code typed as five digits stays a client code.
 */
test('a licence number typed as five digits signs its holder in', async ({ page }) => {
  await signIn(page, '13579', DEMO.tom.password);
  await expect(page).toHaveURL('/espace');
  await expect(page.getByTestId('account-identifier')).toHaveText(DEMO.tom.identifier);
});

test('a client code typed as five digits is still the client code', async ({ page }) => {
  await signIn(page, DEMO.papeterie.identifier, DEMO.papeterie.password);
  await expect(page).toHaveURL('/espace');
  await expect(page.getByTestId('account-identifier')).toHaveText(DEMO.papeterie.identifier);
});
