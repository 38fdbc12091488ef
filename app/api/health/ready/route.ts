import { checkReadiness } from '@/lib/db/readiness';

export const dynamic = 'force-dynamic';

/** Readiness: 200 when the database answers and is migrated, 503 with the reason otherwise. */
export async function GET() {
  const readiness = await checkReadiness();
  const headers = { 'Cache-Control': 'no-store' };
  if (readiness.ready) return Response.json({ status: 'ready' }, { headers });
  return Response.json({ status: 'unavailable', reason: readiness.reason }, { status: 503, headers });
}
