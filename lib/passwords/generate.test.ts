import { describe, expect, it } from 'vitest';
import { generatePassword, PASSWORD_ALPHABET } from '@/lib/passwords/generate';
import { groupsFor, randomPassword } from '@/lib/passwords/random-password';
import { passwordLength, passwordProblem } from '@/lib/passwords/policy';

// 4 groups of 4 from the alphabet without look-alikes (no 0/O/o, no 1/l/I).
const FORMAT = /^[2-9A-HJ-NP-Za-km-np-z]{4}(?:-[2-9A-HJ-NP-Za-km-np-z]{4}){3}$/;

const CONTEXTS = [
  { minLength: 12 },
  { minLength: 12, identifier: '00123456', email: 'marie.dupont@example.fr', name: 'Marie Dupont' },
  { minLength: 12, identifier: '10005', email: 'jo@example.fr', name: 'Léa Le Goff' },
];

describe('generatePassword', () => {
  it('uses an alphabet of 56 characters without look-alikes', () => {
    expect(PASSWORD_ALPHABET).toHaveLength(56);
    expect(new Set(PASSWORD_ALPHABET).size).toBe(56);
    for (const lookAlike of '0Oo1lI') expect(PASSWORD_ALPHABET).not.toContain(lookAlike);
  });

  it('has the format "h7Kp-3mXa-Q9vt-Rw2e", with at least one digit and one capital', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(password).toMatch(FORMAT);
      expect(password).toMatch(/[2-9]/);
      expect(password).toMatch(/[A-Z]/);
    }
  });

  it('gives 1000 distinct passwords, all accepted by the policy', () => {
    const passwords = Array.from({ length: 1000 }, () => generatePassword());
    expect(new Set(passwords).size).toBe(1000);
    for (const password of passwords) {
      for (const context of CONTEXTS) expect(passwordProblem(password, context), password).toBeNull();
    }
  });

  it('passes the policy for the identifier, email and name it is given', () => {
    const context = { identifier: '00123456', email: 'marie.dupont@example.fr', name: 'Marie Dupont' };
    for (let i = 0; i < 200; i++) {
      expect(passwordProblem(generatePassword(context), { minLength: 12, ...context })).toBeNull();
    }
  });

  it('adds groups when the configured minimum asks for more than 19 characters', () => {
    expect(generatePassword({ minLength: 19 }).split('-')).toHaveLength(4);
    for (const minLength of [20, 24, 25, 40, 64]) {
      const password = generatePassword({ minLength });
      expect(passwordLength(password)).toBeGreaterThanOrEqual(minLength);
      expect(passwordProblem(password, { minLength })).toBeNull();
    }
  });

  it.each([24, 64])('suits PASSWORD_MIN_LENGTH %i, for the account it is suggested to', (minLength) => {
    const context = { minLength, identifier: '00123456', email: 'marie.dupont@example.fr', name: 'Marie Dupont' };
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(context);
      expect(passwordLength(password)).toBeGreaterThanOrEqual(minLength);
      // No longer than needed: at most one group more than the minimum.
      expect(passwordLength(password)).toBeLessThan(minLength + 5);
      expect(passwordProblem(password, context), password).toBeNull();
    }
  });

  it('gives the browser suggestions as long as every allowed minimum asks (8 to 64)', () => {
    for (let minLength = 8; minLength <= 64; minLength++) {
      expect(passwordLength(randomPassword(groupsFor(minLength))), String(minLength)).toBeGreaterThanOrEqual(minLength);
    }
    expect(groupsFor(12)).toBe(4);
    expect(groupsFor(24)).toBe(5);
    expect(groupsFor(64)).toBe(13);
  });

  it('draws every character about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>([...PASSWORD_ALPHABET].map((char) => [char, 0]));
    for (let i = 0; i < 1000; i++) {
      for (const char of generatePassword().replaceAll('-', '')) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(counts.size).toBe(PASSWORD_ALPHABET.length); // nothing outside the alphabet
    const mean = (1000 * 16) / PASSWORD_ALPHABET.length;
    for (const [char, count] of counts) {
      expect(count, char).toBeGreaterThan(mean * 0.6);
      expect(count, char).toBeLessThan(mean * 1.4);
    }
  });
});
