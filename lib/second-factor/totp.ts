import { timingSafeEqual } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';

/**
 * RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. A code is
 * accepted for its own step or one step either side (a phone's clock a little off), and only for a
 * step later than the last one accepted, so a code seen over a shoulder cannot be used again.
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DRIFT_STEPS = 1;
const SECRET_BYTES = 20;

export const stepAt = (date: Date) => Math.floor(date.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The secret as people type it into an app: base32, grouped by four for reading. */
export const secretToText = (secret: Uint8Array) => encodeBase32UpperCaseNoPadding(secret);
export const secretFromText = (text: string) => decodeBase32IgnorePadding(text.replace(/\s+/g, '').toUpperCase());
export const groupedSecret = (text: string) => text.replace(/(.{4})(?=.)/g, '$1 ');

export function newTotpSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

/** The otpauth:// address the QR code carries. */
export function totpUri(issuer: string, accountName: string, secret: Uint8Array): string {
  return createTOTPKeyURI(issuer, accountName, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

export function totpCode(secret: Uint8Array, step: number): string {
  return generateHOTP(secret, BigInt(step), TOTP_DIGITS);
}

/**
 * The step whose code `code` is, among those allowed at `at` and later than `lastUsedStep`; null
 * when none matches. Every candidate is compared, in constant time, whatever matched first.
 */
export function matchingStep(secret: Uint8Array, code: string, at: Date, lastUsedStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = stepAt(at);
  let found: number | null = null;
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step += 1) {
    const same = timingSafeEqual(Buffer.from(totpCode(secret, step)), Buffer.from(code));
    if (same && found === null && (lastUsedStep === null || step > lastUsedStep)) found = step;
  }
  return found;
}

/** Whether `code` is one of the allowed steps' codes but was refused only for having been used. */
export function isReplayed(secret: Uint8Array, code: string, at: Date, lastUsedStep: number | null): boolean {
  if (lastUsedStep === null || !/^\d{6}$/.test(code)) return false;
  const current = stepAt(at);
  for (let step = current - TOTP_DRIFT_STEPS; step <= Math.min(current + TOTP_DRIFT_STEPS, lastUsedStep); step += 1) {
    if (totpCode(secret, step) === code) return true;
  }
  return false;
}
