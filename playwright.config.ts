import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
/** The same application behind a TLS-terminating proxy, with an https:// APP_URL (e2e/https.spec.ts). */
export const httpsURL = `https://127.0.0.1:${port + 3}`;
// Debian's Chromium where there is one (no browser download is possible here), else Playwright's own.
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
// Let the servers close their embedded database before the secret scan reads it (scripts/test-all.sh).
const gracefulShutdown = { signal: 'SIGTERM', timeout: 10_000 } as const;
// At phone size, `npm test` runs the specs about how every page looks and reads there (layout,
// width, axe on every page, no JavaScript, headers); CI (`bash .ci/run`, CI=true) and
// E2E_EVERY_SIZE=1 also run every flow at that size, a superset. The flows at phone size were half
// of the suite's time on two cores, for a newcomer waiting on `npm test`.
const everySpecAtPhoneSize = Boolean(process.env.CI || process.env.E2E_EVERY_SIZE);
const phoneLayoutSpecs = /\/(pages|page-width|no-javascript|headers)\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  // Two workers on this project's two-core machines, CI's included (Playwright's default would be
  // one there: half the cores); half the cores on a bigger machine.
  workers: Math.max(2, Math.floor(availableParallelism() / 2)),
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  // Two cores for the servers, two browsers and bcrypt, in CI and out of it: give slow steps room.
  // These limits only catch a hang: on a machine loaded eight times over, a two-person admin flow
  // took 90 s.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: 'fr-FR',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'desktop', testIgnore: /https\.spec\.ts/, use: { viewport: { width: 1280, height: 800 } } },
    {
      name: 'phone',
      testIgnore: /https\.spec\.ts/,
      ...(everySpecAtPhoneSize ? {} : { testMatch: phoneLayoutSpecs }),
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
    {
      name: 'https',
      testMatch: /https\.spec\.ts/,
      use: { baseURL: httpsURL, ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } },
    },
  ],
  webServer: [
    {
      // The Resend-compatible stub the real SDK talks to; tests read the emails from it.
      command: `node e2e/helpers/resend-stub.mjs ${port + 1}`,
      url: `http://127.0.0.1:${port + 1}/__messages`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      env: { RESEND_STUB_LOG: '.data/e2e-logs/resend-stub.jsonl' },
    },
    {
      command: 'bash e2e/helpers/start-server.sh',
      url: `${baseURL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: !process.env.CI,
      env: { E2E_PORT: String(port) },
      gracefulShutdown,
      // The server's structured audit lines would drown the test report; start-server.sh keeps them.
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'bash e2e/helpers/start-server.sh',
      url: `http://127.0.0.1:${port + 2}/api/health`,
      timeout: 180_000,
      reuseExistingServer: !process.env.CI,
      // Always embedded: with E2E_DATABASE_URL the two servers would reset one schema.
      env: { E2E_PORT: String(port + 2), APP_URL: httpsURL, RESEND_BASE_URL: `http://127.0.0.1:${port + 1}`, E2E_DATABASE_URL: '' },
      gracefulShutdown,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node e2e/helpers/tls-proxy.mjs ${port + 3} ${port + 2}`,
      url: `${httpsURL}/api/health`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
  ],
});
