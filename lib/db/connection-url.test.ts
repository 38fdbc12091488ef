import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { withoutClientNotes } from '@/lib/db/connection-url';

describe('withoutClientNotes', () => {
  it('takes ?pgbouncer=true out and keeps every other parameter', () => {
    expect(withoutClientNotes('postgres://u:p@pooler.example:6543/db?pgbouncer=true&sslmode=require')).toBe(
      'postgres://u:p@pooler.example:6543/db?sslmode=require',
    );
    expect(withoutClientNotes('postgres://u:p@db.example/db?sslmode=require')).toBe('postgres://u:p@db.example/db?sslmode=require');
  });

  // A real server: postgres.js would send pgbouncer=true as a server setting, and be refused.
  it.runIf(process.env.DATABASE_URL)('connects to Postgres with a pooled-style address, without prepared statements', async () => {
    const url = `${process.env.DATABASE_URL}${process.env.DATABASE_URL!.includes('?') ? '&' : '?'}pgbouncer=true`;
    const refused = postgres(url, { max: 1, onnotice: () => {} });
    await expect(refused`select 1`).rejects.toThrow(/pgbouncer/);
    await refused.end();
    const client = postgres(withoutClientNotes(url), { max: 1, prepare: false, onnotice: () => {} });
    expect(await client`select ${41}::int + 1 as n`).toEqual([{ n: 42 }]);
    await client.end();
  });
});
