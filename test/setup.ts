import { inject } from 'vitest';

// Tests use an in-memory embedded database unless DATABASE_URL points at a real Postgres,
// and a low bcrypt cost so hundreds of hashes stay fast (the cost itself is tested separately).
process.env.PGLITE_DIR ??= 'memory://';
// Each file's in-memory database starts from the migrated template (test/pglite-template.ts).
process.env.PGLITE_TEMPLATE ??= inject('pgliteTemplate');
process.env.BCRYPT_COST ??= '4';
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-0123';
// The generated secret and the local outbox (no RESEND_API_KEY) are development features.
process.env.DEV_TOOLS ??= '1';
