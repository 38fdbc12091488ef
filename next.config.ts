import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Loaded from node_modules at run time rather than bundled: PGlite loads its WebAssembly and data
  // files from its own package folder; piscina starts worker threads from a file path
  // (lib/auth/hash-worker.mjs, which imports bcryptjs).
  serverExternalPackages: ['@electric-sql/pglite', 'piscina'],
  outputFileTracingIncludes: { '/*': ['./drizzle/**/*', './lib/auth/hash-worker.mjs', './node_modules/bcryptjs/**/*'] },
};

export default nextConfig;
