import { describe, expect, it } from 'vitest';
import { refusalCode, refusalFromCode, type SignInRefusal } from '@/lib/sign-in/refusal-code';

const crossed = (refusal: SignInRefusal) => refusalFromCode(refusalCode(refusal));

describe('a refusal crossing Auth.js', () => {
  it.each<SignInRefusal>([
    { reason: 'invalid' },
    { reason: 'busy' },
    { reason: 'throttled', retryAfterMinutes: 4, untilReset: false },
    { reason: 'passkey', passkey: 'expired' },
  ])('comes back as it left: %o', (refusal) => {
    expect(crossed(refusal)).toEqual(refusal);
  });

  it('says a locked identifier is locked, with no wait that would never end', () => {
    expect(crossed({ reason: 'throttled', retryAfterMinutes: 1, untilReset: true })).toEqual({ reason: 'throttled', retryAfterMinutes: 0, untilReset: true });
  });

  it('reads anything else as a plain refusal', () => {
    expect(refusalFromCode('credentials')).toEqual({ reason: 'invalid' });
    expect(refusalFromCode('passkey:made-up')).toEqual({ reason: 'passkey', passkey: 'refused' });
  });
});
