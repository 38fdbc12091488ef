import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { getConfig } from '@/lib/config';

/**
 * Secrets kept at rest are sealed (AES-256-GCM, with a key derived from AUTH_SECRET, one key per
 * use): queued email bodies, which hold live password links; TOTP secrets; uploaded CSV files
 * waiting for their confirmation. A copy of the database, a backup or a support screenshot of a
 * table never hands one out; each is opened only where it is used.
 *
 * Rotating AUTH_SECRET: it lists the new secret first, then the old one (lib/config.ts). Sealing
 * uses the newest; opening tries each, so what the old one sealed still opens, and a TOTP secret
 * opened that way is sealed again with the newest (`sealer(…).open`). Once the old secret is
 * dropped from the list, what only it sealed cannot be opened: `UnreadableBody`.
 */
const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const OUTBOX = 'email-outbox body v1';

const cached = new Map<string, Buffer>();
/** The key for one use (`info`) under one secret: the same secret gives unrelated keys to the outbox and to TOTP secrets. */
function keyFor(info: string, secret: string): Buffer {
  const id = `${info}\n${secret}`;
  let key = cached.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'sesame', info, 32));
    cached.set(id, key);
  }
  return key;
}
/** The keys for one use, one per secret AUTH_SECRET lists, the newest first. */
const keysFor = (info: string) => getConfig().authSecrets.map((secret) => keyFor(info, secret));
const newestKey = (info: string) => keyFor(info, getConfig().authSecret);

/** Thrown when no secret AUTH_SECRET lists opens a sealed value. The name says where it is met most. */
export class UnreadableBody extends Error {
  constructor() {
    super('This sealed value cannot be opened: no secret in AUTH_SECRET sealed it (AUTH_SECRET has changed since).');
    this.name = 'UnreadableBody';
  }
}

export function seal(plain: string): string {
  return sealWith(newestKey(OUTBOX), plain);
}

/** The plain body. Rows queued before bodies were sealed are returned as they are. */
export function unseal(stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  return open(OUTBOX, stored).plain;
}

/** Seals and opens other secrets kept at rest (TOTP secrets), with a key of their own. */
export function sealer(info: string) {
  return {
    seal: (plain: string) => sealWith(newestKey(info), plain),
    unseal: (stored: string) => open(info, stored).plain,
    /**
     * The plain value and, when an older secret of AUTH_SECRET opened it, the same value sealed
     * with the newest (`resealed`), for the caller to store in its place. Throws `UnreadableBody`.
     */
    open: (stored: string): { plain: string; resealed: string | null } => {
      const opened = open(info, stored);
      return { plain: opened.plain, resealed: opened.byOlderSecret ? sealWith(newestKey(info), opened.plain) : null };
    },
  };
}

function sealWith(key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

function open(info: string, stored: string): { plain: string; byOlderSecret: boolean } {
  if (!stored.startsWith(PREFIX)) throw new UnreadableBody();
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  const keys = keysFor(info);
  for (const [index, key] of keys.entries()) {
    const plain = openWith(key, raw);
    if (plain !== null) return { plain, byOlderSecret: index > 0 };
  }
  throw new UnreadableBody();
}

/** The plain text, or null when this key did not seal it (the tag does not match) or it is no sealed value. */
function openWith(key: Buffer, raw: Buffer): string | null {
  if (raw.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
