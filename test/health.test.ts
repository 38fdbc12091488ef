import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { GET as live } from '@/app/api/health/live/route';
import { GET as ready } from '@/app/api/health/ready/route';
import { getDb } from '@/lib/db/client';
import { ensureMigrated } from '@/lib/db/migrate';

const body = async (response: Response | Promise<Response>) => {
  const r = await response;
  return { status: r.status, json: (await r.json()) as unknown, cache: r.headers.get('cache-control') };
};

beforeAll(() => ensureMigrated());

describe('health for load balancers', () => {
  it('live: the process answers, whatever the database', async () => {
    expect(await body(live())).toEqual({ status: 200, json: { status: 'live' }, cache: 'no-store' });
  });

  it('ready: the database answers and holds every shipped migration', async () => {
    expect(await body(ready())).toEqual({ status: 200, json: { status: 'ready' }, cache: 'no-store' });
  });

  it('/api/health answers as before', async () => {
    expect(await body(health())).toEqual({ status: 200, json: { status: 'ok' }, cache: 'no-store' });
  });

  describe('a database behind this build', () => {
    let removed: { hash: string; created_at: string } | undefined;
    beforeAll(async () => {
      const result = await getDb().execute(
        sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations) returning hash, created_at::text`,
      );
      // postgres.js answers an array of rows, PGlite an object holding them.
      const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { hash: string; created_at: string }[];
      removed = rows[0];
    });
    afterAll(async () => {
      if (removed) await getDb().execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${removed.hash}, ${removed.created_at})`);
    });

    it('is not ready until the newest migration is applied, and still live', async () => {
      expect(removed).toBeDefined();
      expect(await body(ready())).toEqual({ status: 503, json: { status: 'unavailable', reason: 'not_migrated' }, cache: 'no-store' });
      expect((await live()).status).toBe(200);
    });
  });

  it('is ready again once migrated', async () => {
    expect((await ready()).status).toBe(200);
  });
});
