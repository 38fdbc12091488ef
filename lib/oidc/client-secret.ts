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
/**
 * The client id and secret of HTTP Basic credentials, form-decoded; null when the header is not
 * such credentials or does not decode (the provider then answers invalid_client itself).
 */
export function basicCredentials(header: string | null | undefined): { id: string; secret: string } | null {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

export function hashBasicSecret(request: IncomingMessage): void {
  const credentials = basicCredentials(request.headers.authorization);
  if (!credentials) return;
  const hashed = `${encodeURIComponent(credentials.id)}:${encodeURIComponent(hashClientSecret(credentials.secret))}`;
  request.headers.authorization = `Basic ${Buffer.from(hashed, 'utf8').toString('base64')}`;
}
