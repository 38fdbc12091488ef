import { describe, expect, it } from 'vitest';
import { clientAddress } from '@/lib/http/client-address';
import { isLoopback } from '@/lib/http/loopback';

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1'])('%s is this machine', (address) => {
    expect(isLoopback(address)).toBe(true);
  });

  it.each(['10.0.0.1', '192.168.1.2', '203.0.113.7', '::2', 'fe80::1', 'unknown', '', '1270.0.0.1'])('%j is not', (address) => {
    expect(isLoopback(address)).toBe(false);
  });

  it('is read from the socket, not from a forged X-Forwarded-For, when no proxy is trusted', () => {
    expect(isLoopback(clientAddress('127.0.0.1', '203.0.113.7', 0))).toBe(false);
    expect(isLoopback(clientAddress('203.0.113.7', '127.0.0.1', 1))).toBe(false);
    expect(isLoopback(clientAddress(null, '::ffff:127.0.0.1', 0))).toBe(true);
  });
});
