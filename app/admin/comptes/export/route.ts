import { exportStream } from '@/lib/accounts/export';
import { listSearch, readListQuery } from '@/lib/accounts/list';
import { audit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { adminOrResponse } from '@/lib/auth/admin-route';
import { requestInfo } from '@/lib/http/request-info';
import { log } from '@/lib/logger';

export const dynamic = 'force-dynamic';

/** The list of /admin/comptes with the same ?filtre= and ?avant=, as a CSV file, streamed. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const query = readListQuery(url.searchParams);
  const guard = await adminOrResponse(`/admin/comptes/export${listSearch({ filter: query.filter, before: query.before })}`);
  if ('response' in guard) return guard.response;

  const started = Date.now();
  await audit({
    type: 'admin_accounts_exported',
    actorId: guard.admin.id,
    request: requestInfo(request.headers),
    details: { filter: query.filter, before: query.before },
  });
  const day = now().toISOString().slice(0, 10);
  const name = `comptes-${query.filter}${query.before ? `-avant-${query.before}` : ''}-${day}.csv`;
  const body = exportStream(query, (rows) => log.info('accounts exported', { rows, ms: Date.now() - started, filter: query.filter }));
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
