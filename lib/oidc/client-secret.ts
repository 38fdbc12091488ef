import type { IncomingMessage } from 'node:http';
import { hashClientSecret } from '@/lib/oidc/clients';

/**
 * Client secrets are stored as their SHA-256 (lib/oidc/clients.ts), and oidc-provider compares
 * what a client sends with the stored `client_secret` as it is. So before the provider reads a
 * request, the secret in its HTTP Basic credentials is replaced by its hash: the provider then
 * compares hash with hash, in constant time. Confidential clients are registered with
 * `client_secret_basic` only (lib/oidc/adapter.ts), so a secret in the body is refused anyway.
 *
 * RFC 6749 §2.3.1: the client id and the secret are form-encoded, then joined with ":" and sent
 * in base64.
 */
export function hashBasicSecret(request: IncomingMessage): void {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return;
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return;
  const formDecode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return null;
    }
  };
  const id = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  // Left as sent: the provider answers invalid_client itself.
  if (id === null || secret === null) return;
  const hashed = `${encodeURIComponent(id)}:${encodeURIComponent(hashClientSecret(secret))}`;
  request.headers.authorization = `Basic ${Buffer.from(hashed, 'utf8').toString('base64')}`;
}
