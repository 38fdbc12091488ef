import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { getConfig } from '@/lib/config';

/**
 * Secrets kept at rest are sealed (AES-256-GCM, with a key derived from AUTH_SECRET, one key per
 * use): queued email bodies, which hold live password links; TOTP secrets; uploaded CSV files
 * waiting for their confirmation. A copy of the database, a backup or a support screenshot of a
 * table never hands one out; each is opened only where it is used.
 */
const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const cached = new Map<string, { secret: string; key: Buffer }>();
/** The key for one use (`info`): the same secret gives unrelated keys to the outbox and to TOTP secrets. */
function keyFor(info: string): Buffer {
  const secret = getConfig().authSecret;
  let entry = cached.get(info);
  if (entry?.secret !== secret) {
    entry = { secret, key: Buffer.from(hkdfSync('sha256', secret, 'sesame', info, 32)) };
    cached.set(info, entry);
  }
  return entry.key;
}
const key = () => keyFor('email-outbox body v1');

export class UnreadableBody extends Error {
  constructor() {
    super('This email body cannot be opened: AUTH_SECRET has changed since it was queued.');
    this.name = 'UnreadableBody';
  }
}

export function seal(plain: string): string {
  return sealWith(key(), plain);
}

/** The plain body. Rows queued before bodies were sealed are returned as they are. */
export function unseal(stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  return unsealWith(key(), stored);
}

/** Seals and opens other secrets kept at rest (TOTP secrets), with a key of their own. */
export function sealer(info: string) {
  return {
    seal: (plain: string) => sealWith(keyFor(info), plain),
    unseal: (stored: string) => unsealWith(keyFor(info), stored),
  };
}

function sealWith(key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

function unsealWith(key: Buffer, stored: string): string {
  if (!stored.startsWith(PREFIX)) throw new UnreadableBody();
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new UnreadableBody();
  }
}
