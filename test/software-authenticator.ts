import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A passkey authenticator in plain Node crypto (ES256, "none" attestation), for tests that need
 * answers a browser would never give: another origin, a replayed assertion, a counter that went
 * back. The end-to-end tests use Chromium's own virtual authenticator instead.
 */
const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  counter = 0;
  userHandle = '';

  constructor(readonly rpId: string, readonly origin: string) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id() {
    return b64url(this.credentialId);
  }

  private authData(flags: number, attested?: Uint8Array): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    return Buffer.concat([sha256(this.rpId), Buffer.from([flags]), counter, ...(attested ? [attested] : [])]);
  }

  private cosePublicKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: 'jwk' });
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]);
    return isoCBOR.encode(cose);
  }

  /** What navigator.credentials.create() answers, as JSON for the server. */
  register(options: { challenge: string; user: { id: string } }, origin = this.origin): string {
    // In base64url, as the options carry it and the browser hands it back.
    this.userHandle = options.user.id;
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }));
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, this.cosePublicKey()]);
    // User present, user verified, attested credential data.
    const authData = this.authData(0x01 | 0x04 | 0x40, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ['internal'] },
    });
  }

  /**
   * What navigator.credentials.get() answers; the counter moves on unless told otherwise.
   * `short: 'r'` (or 's') signs again until that half of the DER signature is under 32 bytes, as
   * about one real signature in 256 is for each half. `topOrigin` answers as from a frame inside a
   * page of that origin (`crossOrigin: true`, as browsers then write).
   */
  assert(options: { challenge: string }, overrides: { origin?: string; counter?: number; short?: 'r' | 's'; userVerified?: boolean; topOrigin?: string } = {}): string {
    this.counter = overrides.counter ?? this.counter + 1;
    const frame = overrides.topOrigin ? { crossOrigin: true, topOrigin: overrides.topOrigin } : { crossOrigin: false };
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: overrides.origin ?? this.origin, ...frame }));
    // User present, and user verified (a PIN or a fingerprint) unless `userVerified: false`, as a security key without a PIN answers.
    const authData = this.authData(0x01 | (overrides.userVerified === false ? 0 : 0x04));
    const signed = Buffer.concat([authData, sha256(clientDataJSON)]);
    let signature = this.sign(signed);
    while (overrides.short && derHalfLength(signature, overrides.short) >= 32) signature = this.sign(signed);
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature), userHandle: this.userHandle },
    });
  }

  private sign(data: Buffer): Buffer {
    return createSign('SHA256').update(data).sign(this.privateKey);
  }
}

/** The byte length of r or s in an ES256 DER signature: SEQUENCE { INTEGER r, INTEGER s }. */
function derHalfLength(signature: Buffer, half: 'r' | 's'): number {
  const rLength = signature[3];
  return half === 'r' ? rLength : signature[4 + rLength + 1];
}
