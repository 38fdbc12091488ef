import { isIP } from 'node:net';

/**
 * Which address a request comes from, for the per-address limits and the audit trail.
 *
 * A request's route reads left to right: the addresses in X-Forwarded-For (each proxy appends the
 * one it saw), then the peer, the address that actually connected to us. Anyone can write
 * X-Forwarded-For, so only the last `trustedProxies` hops count as facts: the client is the entry
 * just before them. With no trusted proxy, the client is the peer itself.
 *
 * Example behind one nginx (`TRUST_PROXY=1`), a client at 198.51.100.7 that forges the header:
 *   X-Forwarded-For: 6.6.6.6, 198.51.100.7   peer: 10.0.0.2 (nginx)   →   198.51.100.7
 */
export function clientAddress(forwardedFor: string | null, peer: string | null, trustedProxies: number): string {
  const chain = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (peer) chain.push(peer);
  if (chain.length === 0) return 'unknown';
  // A chain shorter than the trusted hops means the proxies wrote fewer entries than expected:
  // the leftmost entry is then still one a trusted proxy wrote (the platform's own header).
  return normaliseAddress(chain[Math.max(0, chain.length - 1 - trustedProxies)]);
}

/** One spelling per address (IPv4-mapped IPv6 as IPv4, no port); anything else is "unknown". */
export function normaliseAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(address) ? address.toLowerCase() : 'unknown';
}

