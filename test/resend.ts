import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startResendStub, type ResendStub } from '../e2e/helpers/resend-stub.mjs';
import { getConfig } from '@/lib/config';
import { closeDb } from '@/lib/db/client';
import { resetDatabase } from './database';

const NAMES = ['RESEND_API_KEY', 'RESEND_BASE_URL', 'CRON_SECRET'] as const;

/**
 * For a test file that sends through the real Resend SDK: a local Resend-compatible stub, and the
 * configuration pointed at it before anything reads (and caches) it. `stop` puts everything back.
 */
export async function useResendStub(): Promise<{ stub: ResendStub; stop: () => Promise<void> }> {
  const saved = NAMES.map((name) => [name, process.env[name]] as const);
  const stub = await startResendStub();
  process.env.RESEND_API_KEY = 're_test';
  process.env.RESEND_BASE_URL = stub.url;
  await resetDatabase();
  expect(getConfig().resendBaseUrl).toBe(stub.url);
  return {
    stub,
    stop: async () => {
      await closeDb();
      await stub.close();
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

/**
 * The hooks most such files want: the stub started once for the file, and before each test a fresh
 * database and an empty stub (no messages, no failure planned). `resend.stub` is the running stub.
 */
export function resendStubForEachTest(): { readonly stub: ResendStub } {
  let started: Awaited<ReturnType<typeof useResendStub>> | undefined;
  beforeAll(async () => {
    started = await useResendStub();
  });
  beforeEach(async () => {
    await resetDatabase();
    started?.stub.reset();
  });
  afterAll(() => started?.stop());
  return {
    get stub() {
      if (!started) throw new Error('The Resend stub starts in beforeAll');
      return started.stub;
    },
  };
}
