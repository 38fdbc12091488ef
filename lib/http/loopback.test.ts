import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress } from '@/lib/http/client-address';
import { fromThisMachine, isLoopback } from '@/lib/http/loopback';
import { PEER_HEADER } from '@/lib/http/request-info';
import { markStartedByServer } from '@/server/hooks.mjs';

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

describe('fromThisMachine: /dev/outbox believes the socket, never X-Forwarded-For alone', () => {
  const SERVER = Symbol.for('sesame.server');
  const shared = globalThis as unknown as Record<symbol, unknown>;
  const request = (entries: Record<string, string>) => new Headers(entries);
  afterEach(() => {
    delete shared[SERVER];
  });

  it('behind server.mjs (npm run dev, npm start): a LAN browser forging X-Forwarded-For: 127.0.0.1 is refused', () => {
    markStartedByServer();
    expect(fromThisMachine(request({ [PEER_HEADER]: '192.168.1.20', 'x-forwarded-for': '127.0.0.1' }))).toBe(false);
    expect(fromThisMachine(request({ [PEER_HEADER]: '192.168.1.20' }))).toBe(false);
    expect(fromThisMachine(request({ [PEER_HEADER]: '::ffff:192.168.1.20', 'x-forwarded-for': '::1' }))).toBe(false);
  });

  it('behind server.mjs: a browser on this machine is let in, unless a local proxy names another machine', () => {
    markStartedByServer();
    for (const peer of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(fromThisMachine(request({ [PEER_HEADER]: peer })), peer).toBe(true);
    // Next.js fills X-Forwarded-For from the socket when a request has none.
    expect(fromThisMachine(request({ [PEER_HEADER]: '127.0.0.1', 'x-forwarded-for': '127.0.0.1' }))).toBe(true);
    expect(fromThisMachine(request({ [PEER_HEADER]: '127.0.0.1', 'x-forwarded-for': '192.168.1.20' }))).toBe(false);
    expect(fromThisMachine(request({ [PEER_HEADER]: '127.0.0.1', 'x-forwarded-for': '127.0.0.1, 192.168.1.20' }))).toBe(false);
  });

  it('without server.mjs (plain next dev) the socket is unknown: nobody, whatever the headers say', () => {
    expect(fromThisMachine(request({ 'x-forwarded-for': '127.0.0.1' }))).toBe(false);
    // Without server.mjs nothing overwrites this header either: a client may have written it.
    expect(fromThisMachine(request({ [PEER_HEADER]: '127.0.0.1', 'x-forwarded-for': '127.0.0.1' }))).toBe(false);
  });
});
