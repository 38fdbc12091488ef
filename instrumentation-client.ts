/**
 * Runs in the browser before any page script. zod compiles its object parsers with `new Function`
 * unless told not to, and probes for it when the first object schema is built; under our CSP (no
 * 'unsafe-eval') the probe is blocked, caught, and still reported as a violation on every page.
 * zod's `jitless` setting skips both: the browser parses with zod's interpreter, which is all a form
 * needs, and the server keeps zod's compiled parsers.
 *
 * Set through the object `z.config()` writes to rather than by importing zod: since zod 4.4 its
 * settings live in `globalThis.__zod_globalConfig`, shared by every copy of zod and adopted when zod
 * loads (colinhacks/zod#5889), so the setting is in place before the first schema whichever chunk
 * brings zod, and no page loads zod for it (importing `zod/v4/core` here cost every page 5 KB
 * gzipped). e2e/headers.spec.ts listens for the violations: it fails if a zod upgrade moves this.
 */
const zodHolder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
zodHolder.__zod_globalConfig = Object.assign(zodHolder.__zod_globalConfig ?? {}, { jitless: true });

export {};
