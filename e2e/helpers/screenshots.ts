import { mkdirSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';

/**
 * With SCREENSHOTS=<folder>, a full-page screenshot of the page at the project's size and, from
 * the desktop project, at 320 pixels wide too, to look at; nothing otherwise.
 *   SCREENSHOTS=.data/screenshots npx playwright test e2e/espace.spec.ts
 */
export async function screenshot(page: Page, name: string, testInfo: TestInfo) {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const size = page.viewportSize();
  await page.screenshot({ path: `${dir}/${name}-${testInfo.project.name}.png`, fullPage: true });
  if (testInfo.project.name !== 'desktop' || !size) return;
  await page.setViewportSize({ width: 320, height: 700 });
  await page.screenshot({ path: `${dir}/${name}-320.png`, fullPage: true });
  await page.setViewportSize(size);
}
