import { getConfig } from '@/lib/config';

export type RequestInfo = { ip: string; userAgent: string };

/**
 * The client's address. Proxy headers are believed only when TRUST_PROXY says a proxy sets them;
 * otherwise the address Next.js took from the socket (kept in x-forwarded-for when absent) is used.
 */
export function requestInfo(headers: Headers): RequestInfo {
  const forwarded = headers.get('x-forwarded-for') ?? '';
  const hops = forwarded.split(',').map((s) => s.trim()).filter(Boolean);
  const ip = getConfig().trustProxy
    ? (headers.get('x-real-ip') ?? hops[0] ?? 'unknown')
    : (hops.at(-1) ?? 'unknown');
  return { ip: ip.slice(0, 64), userAgent: (headers.get('user-agent') ?? '').slice(0, 300) };
}
