import { clientAddress } from '@/lib/http/client-address';
import { getConfig } from '@/lib/config';
import { behindSesameServer } from '@/lib/runtime';

export type RequestInfo = { ip: string; userAgent: string };

/** server.mjs writes the socket's address into this header on every request, replacing any sent. */
export const PEER_HEADER = 'x-sesame-peer';

/**
 * The address that connected to us, when something we trust says so: server.mjs on a Node host,
 * Vercel's edge on Vercel (it replaces any x-real-ip a client sends). Under plain `next dev` or
 * `next start` there is none, and the last X-Forwarded-For entry (Next.js fills it from the socket
 * only when the client sent none) stands in for it.
 */
function peerAddress(headers: Headers): string | null {
  if (behindSesameServer()) return headers.get(PEER_HEADER);
  if (process.env.VERCEL) return headers.get('x-real-ip');
  return null;
}

export function requestInfo(headers: Headers): RequestInfo {
  const ip = clientAddress(headers.get('x-forwarded-for'), peerAddress(headers), getConfig().trustedProxies);
  return { ip, userAgent: (headers.get('user-agent') ?? '').slice(0, 300) };
}
