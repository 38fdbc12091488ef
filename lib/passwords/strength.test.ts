import { describe, expect, it } from 'vitest';
import { generatePassword } from '@/lib/passwords/generate';
import { passwordStrength } from '@/lib/passwords/strength';

const MARIE = ['00123456', 'marie.dupont@example.fr', 'Marie Dupont'];

describe('passwordStrength (zxcvbn-ts, common + fr + en dictionaries)', () => {
  it.each(['password', 'azerty123', '123456789', 'azertyuiop123', 'password1234', 'P@ssw0rd2024'])(
    'common password %j scores 1 or less',
    async (password) => {
      expect(await passwordStrength(password, [])).toBeLessThanOrEqual(1);
    },
  );

  it('a generated password scores 4', async () => {
    for (let i = 0; i < 5; i++) expect(await passwordStrength(generatePassword(), MARIE)).toBe(4);
  });

  it.each(['cheval correct agrafe batterie', 'ma maison est bleue', 'correct horse battery staple'])(
    'passphrase %j scores 3 or more',
    async (password) => {
      expect(await passwordStrength(password, MARIE)).toBeGreaterThanOrEqual(3);
    },
  );

  it('uses the identifier, email and name: a password built from them scores lower', async () => {
    const password = 'dupont00123456';
    const without = await passwordStrength(password, []);
    const withInputs = await passwordStrength(password, MARIE);
    expect(withInputs).toBeLessThan(without);
  });

  it('returns an integer from 0 to 4 for any input, including empty and very long ones', async () => {
    for (const password of ['', ' ', 'é', 'x'.repeat(500)]) {
      expect([0, 1, 2, 3, 4]).toContain(await passwordStrength(password, MARIE));
    }
  });
});
