/**
 * Connection strings as poolers write them. `?pgbouncer=true` (Prisma's and Supabase's spelling
 * for a pooler in transaction mode) is a note for the client, not a server setting: postgres.js
 * would send it to the server as one and be refused, so it is taken out here, and it turns
 * prepared statements off in the configuration (lib/config.ts).
 */
export function withoutClientNotes(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('pgbouncer')) return url;
  parsed.searchParams.delete('pgbouncer');
  return parsed.toString();
}
