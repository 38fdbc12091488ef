import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The tab icon (app/favicon.ico, app/icon.svg): static files every new visitor asks for, kept a
  // week in their cache rather than asked again on every page (Next's default for them is max-age=0).
  // The pages link them with their content's hash in the query, so a new icon is fetched at once.
  async headers() {
    const week = [{ key: 'Cache-Control', value: 'public, max-age=604800' }];
    return [
      { source: '/favicon.ico', headers: week },
      { source: '/icon.svg', headers: week },
    ];
  },
  // Loaded from node_modules at run time rather than bundled: PGlite loads its WebAssembly and data
  // files from its own package folder; piscina starts worker threads from a file path
  // (lib/crypto/hash-worker.cjs, which requires bcryptjs).
  serverExternalPackages: ['@electric-sql/pglite', 'piscina', 'oidc-provider'],
  outputFileTracingIncludes: { '/*': ['./drizzle/**/*', './lib/crypto/hash-worker.cjs', './node_modules/bcryptjs/**/*'] },
  // Local state never ships: the embedded databases, the development secret and the test logs in
  // .data/, and the rest. These exclusions apply to routes only; lib/config.ts keeps the tracer off
  // .data/ for instrumentation and the proxy. npm run check:vercel proves it on what `vercel build` makes.
  outputFileTracingExcludes: {
    '/*': ['./.data/**/*', './.vercel/**/*', './.env*', './test-results/**/*', './playwright-report/**/*', './e2e/**/*', './bench/**/*', './test/**/*'],
  },
};

export default nextConfig;
