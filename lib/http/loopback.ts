import { isIP } from 'node:net';

/**
 * Whether an address (as lib/http/client-address.ts normalises it) is this machine's own: 127/8 or
 * ::1. The local outbox page answers only those, so a development server reachable from a network
 * still shows its links to nobody else.
 */
export function isLoopback(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}
