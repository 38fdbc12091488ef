import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: 'server-only', replacement: `${root}/test/empty-module.ts` },
    ],
  },
  test: {
    include: ['lib/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // One embedded database per worker is heavy (PGlite ~0.8 GB): run files one after another.
    fileParallelism: false,
    globalSetup: ['test/pglite-template.ts'],
    setupFiles: ['test/setup.ts'],
    silent: 'passed-only',
    // Only there to catch a hang: on a machine loaded eight times over, resetting the embedded
    // database between tests once took over a minute.
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
