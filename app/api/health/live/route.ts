export const dynamic = 'force-dynamic';

/** Liveness: the process answers. Touches nothing else, so a database outage never restarts it. */
export function GET() {
  return Response.json({ status: 'live' }, { headers: { 'Cache-Control': 'no-store' } });
}
