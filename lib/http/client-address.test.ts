import { afterEach, describe, expect, it } from 'vitest';
import { addressBucket, addressNetwork, clientAddress, normaliseAddress } from '@/lib/http/client-address';
import { PEER_HEADER, requestInfo } from '@/lib/http/request-info';

describe('clientAddress', () => {
  it.each([
    // [X-Forwarded-For, peer, trusted proxies, client]
    ['no proxy: the peer, whatever the client wrote', '6.6.6.6', '198.51.100.7', 0, '198.51.100.7'],
    ['no proxy, no header', null, '198.51.100.7', 0, '198.51.100.7'],
    ['one proxy that appends (nginx)', '198.51.100.7', '10.0.0.2', 1, '198.51.100.7'],
    ['one proxy, a client forging the header', '6.6.6.6, 198.51.100.7', '10.0.0.2', 1, '198.51.100.7'],
    ['one proxy, a client forging several entries', '6.6.6.6, 7.7.7.7, 198.51.100.7', '10.0.0.2', 1, '198.51.100.7'],
    ['two proxies (CDN then nginx)', '6.6.6.6, 198.51.100.7, 172.16.0.9', '10.0.0.2', 2, '198.51.100.7'],
    ['Vercel: its own header and x-real-ip, trusted', '198.51.100.7', '198.51.100.7', 1, '198.51.100.7'],
    ['Vercel: its own header and x-real-ip, not trusted', '198.51.100.7', '198.51.100.7', 0, '198.51.100.7'],
    ['no peer known: the last entry (plain next start)', '6.6.6.6, 127.0.0.1', null, 0, '127.0.0.1'],
    ['fewer hops than trusted proxies: the leftmost', null, '10.0.0.2', 1, '10.0.0.2'],
    ['IPv6 client', '2001:db8::1', '10.0.0.2', 1, '2001:db8::1'],
  ])('%s', (_case, forwardedFor, peer, trusted, expected) => {
    expect(clientAddress(forwardedFor, peer, trusted)).toBe(expected);
  });

  it('is "unknown" with nothing to go on', () => {
    expect(clientAddress(null, null, 0)).toBe('unknown');
    expect(clientAddress(' , ', null, 1)).toBe('unknown');
  });

  it('gives garbage one shared "unknown" rather than a fresh bucket per value', () => {
    for (const forged of ["1' OR '1'='1", '<script>', 'x'.repeat(5000), 'a\u0000b']) {
      expect(clientAddress(forged, null, 0)).toBe('unknown');
    }
  });
});

describe('normaliseAddress', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:203.0.113.9', '203.0.113.9'],
    ['203.0.113.9:51234', '203.0.113.9'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
    ['[::1]', '::1'],
    ['  192.0.2.1 ', '192.0.2.1'],
    ['2001:db8::1', '2001:db8::1'],
    ['999.1.1.1', 'unknown'],
    ['unknown', 'unknown'],
    ['', 'unknown'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });
});

describe('requestInfo', () => {
  const mark = Symbol.for('sesame.server');
  const g = globalThis as Record<symbol, unknown>;
  afterEach(() => {
    delete g[mark];
  });

  it('believes the peer header only in a process started by server.mjs', () => {
    const headers = new Headers({ 'x-forwarded-for': '6.6.6.6', [PEER_HEADER]: '198.51.100.7', 'user-agent': 'Firefox' });
    // Tests run with TRUST_PROXY unset: no proxy is believed.
    expect(requestInfo(headers)).toEqual({ ip: '6.6.6.6', userAgent: 'Firefox' });
    g[mark] = true;
    expect(requestInfo(headers)).toEqual({ ip: '198.51.100.7', userAgent: 'Firefox' });
  });

  it('keeps at most 300 characters of the user agent', () => {
    expect(requestInfo(new Headers({ 'user-agent': 'u'.repeat(1000) })).userAgent).toHaveLength(300);
  });
});

describe('addressBucket', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::99', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
    ['unknown', 'unknown'],
  ])('%s → %s', (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });

  it('puts two addresses of one /64 in one bucket, and of two /64s in two', () => {
    expect(addressBucket('2001:db8:aa:bb::1')).toBe(addressBucket('2001:db8:aa:bb:ffff:ffff:ffff:ffff'));
    expect(addressBucket('2001:db8:aa:bb::1')).not.toBe(addressBucket('2001:db8:aa:bc::1'));
  });
});

describe('addressNetwork', () => {
  it.each([
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1::/48'],
    ['2001:0db8:0001:ffff::1', '2001:db8:1::/48'],
    ['::1', '0:0:0::/48'],
    ['198.51.100.7', null],
    ['unknown', null],
  ])('%s → %s', (address, network) => {
    expect(addressNetwork(address)).toBe(network);
  });

  it('puts every /64 of one /48 in one network', () => {
    expect(addressNetwork('2001:db8:aa:bb::1')).toBe(addressNetwork('2001:db8:aa:ffff::1'));
    expect(addressNetwork('2001:db8:aa::1')).not.toBe(addressNetwork('2001:db8:ab::1'));
  });
});
