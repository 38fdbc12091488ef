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

/**
 * What per-address limits count: an IPv4 address, or the /64 network of an IPv6 address. One
 * subscriber usually holds a whole /64, so counting single IPv6 addresses would give a guesser
 * billions of fresh addresses.
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/**
 * The /48 network of an IPv6 address, or null for any other address. A site often holds a whole
 * /48, that is 65,536 /64 buckets: the failed sign-ins of a /48 are counted as well, against a
 * higher limit, so that a spray across them cannot lock every identifier (lib/throttles/login.ts).
 */
export function addressNetwork(address: string): string | null {
  if (isIP(address) !== 6) return null;
  return `${ipv6Groups(address).slice(0, 3).join(':')}::/48`;
}

/** The eight groups of an IPv6 address, in lower-case hexadecimal without leading zeros. */
function ipv6Groups(address: string): string[] {
  // An IPv4 address written at the end takes the place of two groups.
  const groupsOf = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const [head, tail] = address.split('::');
  const left = groupsOf(head);
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - groupsOf(tail).length).fill('0'), ...groupsOf(tail)];
  return groups.map((g) => parseInt(g, 16).toString(16));
}
