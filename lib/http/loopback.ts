import { isIP } from 'node:net';
import { normaliseAddress } from '@/lib/http/client-address';
import { PEER_HEADER } from '@/lib/http/request-info';
import { behindSesameServer } from '@/lib/runtime';

/**
 * Whether an address (as lib/http/client-address.ts normalises it) is this machine's own: 127/8 or
 * ::1. The local outbox page answers only those, so a development server reachable from a network
 * still shows its links to nobody else.
 */
export function isLoopback(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/**
 * Whether a request comes from a browser on this machine, for /dev/outbox. Only the socket decides:
 * server.mjs (`npm run dev` and `npm start`) writes the address that connected into PEER_HEADER,
 * over anything a client sent, and it must be this machine's. X-Forwarded-For can only refuse: a
 * proxy on this machine relaying another machine's request connects from a loopback address but
 * names that machine there. Without server.mjs (plain `next dev` or `next start`) the socket's
 * address is unknown, and the answer is no: X-Forwarded-For alone is whatever the client wrote.
 */
export function fromThisMachine(headers: Headers): boolean {
  if (!behindSesameServer()) return false;
  const peer = headers.get(PEER_HEADER);
  if (!peer || !isLoopback(normaliseAddress(peer))) return false;
  const named = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  return named.every((hop) => isLoopback(normaliseAddress(hop)));
}
