// Makes sure the Postgres test database exists (creating it through the server's `postgres`
// database if needed). Exits 1 when no server answers, so the caller can decide what that means.
import postgres from 'postgres';

const url = new URL(process.argv[2]);
const name = url.pathname.slice(1);
const admin = new URL(url);
admin.pathname = '/postgres';

const sql = postgres(admin.toString(), { max: 1, connect_timeout: 5, onnotice: () => {} });
try {
  const [found] = await sql`select 1 as ok from pg_database where datname = ${name}`;
  if (!found) await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  await sql.end();
} catch (error) {
  console.error(`Postgres at ${url.host} is not available: ${error.message}`);
  await sql.end({ timeout: 1 }).catch(() => {});
  process.exit(1);
}
