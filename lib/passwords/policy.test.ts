import { describe, expect, it } from 'vitest';
import { getBlocklist } from '@/lib/passwords/blocklist';
import { MAX_PASSWORD_LENGTH, passwordLength, passwordProblem, type PasswordContext } from '@/lib/passwords/policy';

// The policy: at least PASSWORD_MIN_LENGTH (12) characters, up to 128,
// every character counts, no composition rules, refused when common or built from the
// identifier, email or name.
const MIN: PasswordContext = { minLength: 12 };
const MARIE: PasswordContext = {
  minLength: 12,
  identifier: '00123456',
  email: 'marie.dupont@example.fr',
  name: 'Marie Dupont',
};

/** A sentence long enough to cut at any length up to 138 characters, and not common. */
const SENTENCE =
  "Le vieux phare de l'île veille sur les barques, et chaque nuit sa lumière balaie la mer grise jusqu'aux rochers noirs du cap Fréhel, loin.";
const cut = (length: number) => Array.from(SENTENCE).slice(0, length).join('');

describe('passwordProblem: accepted passwords (no composition rules)', () => {
  it.each([
    ['a passphrase', 'cheval correct agrafe batterie'],
    ['a passphrase with an apostrophe', 'J’aime les pommes vertes'],
    ['a sentence with a digit', 'Le chat dort 3 fois'],
    ['exactly 12 characters', 'xK9#mQ2$vL7!'],
    ['12 characters with inner spaces', 'Le chat dort'],
    ['12 characters counting leading and trailing spaces', '  chat noir '],
    ['lower case only', 'mzqtrvwkpnhx'],
    ['digits only, not a pattern', '739182645027'],
    ['a generated-looking password', 'h7Kp-3mXa-Q9vt-Rw2e'],
    ['a common word with plenty of random digits', 'chat-7392-8104-5521'],
    ['12 emoji (one character each)', '🐱🐶🦊🐻🐼🐨🐯🦁🐮🐷🐸🐵'],
    ['accented letters', 'Ça été très câlin, à bientôt'],
    ['exactly 128 characters', cut(128)],
  ])('%s: %j', (_label, password) => {
    expect(passwordProblem(password, MIN)).toBeNull();
    expect(passwordProblem(password, MARIE)).toBeNull();
  });

  it('the 128-character example really has 128 characters', () => {
    expect(passwordLength(cut(128))).toBe(MAX_PASSWORD_LENGTH);
    expect(MAX_PASSWORD_LENGTH).toBe(128);
  });
});

describe('passwordProblem: length (code points after NFC, every character counts)', () => {
  it.each([
    ['empty', '', 'tooShort'],
    ['11 characters', 'xK9#mQ2$vL7', 'tooShort'],
    ['11 emoji', '🐱🐶🦊🐻🐼🐨🐯🦁🐮🐷🐸', 'tooShort'],
    ['11 characters once combining accents are composed (13 code points typed)', 'Cafe\u0301 cre\u0300me!', 'tooShort'],
    ['129 characters', cut(129), 'tooLong'],
    ['200 characters', 'k7Rp2xQ9vT'.repeat(20), 'tooLong'],
    ['200 characters of a common pattern: too long comes first', 'a'.repeat(200), 'tooLong'],
    ['100,000 characters', 'x'.repeat(100_000), 'tooLong'],
  ] as const)('%s → %s', (_label, password, problem) => {
    expect(passwordProblem(password, MIN)).toBe(problem);
  });

  it('counts code points, not UTF-16 units, after NFC normalisation', () => {
    expect(passwordLength('🐱🐶')).toBe(2); // 4 UTF-16 units
    expect(passwordLength('Cafe\u0301')).toBe(4); // "Café" typed with a combining accent
    expect(passwordLength('Café')).toBe(4);
    expect(passwordLength('  a  b  ')).toBe(8); // no trimming, inner spaces count
  });

  it('follows the configured minimum', () => {
    expect(passwordProblem('xK9#mQ2$vL7!', { minLength: 16 })).toBe('tooShort');
    expect(passwordProblem('xK9#mQ2$vL7!zW4p', { minLength: 16 })).toBeNull();
    expect(passwordProblem('xK9#mQ2$', { minLength: 8 })).toBeNull();
  });

  it('checks length before anything else: a short personal or common password is tooShort', () => {
    expect(passwordProblem('password', MARIE)).toBe('tooShort');
    expect(passwordProblem('Marie2024', MARIE)).toBe('tooShort');
  });
});

describe('passwordProblem: common (blocklist, decorated blocklisted word, trivial pattern)', () => {
  it.each([
    // in the blocklist itself
    ['motdepasse123'],
    ['qwerty123456'],
    ['1qaz2wsx3edc4rfv'],
    ['bibliothèque'],
    ['BIBLIOTHEQUE'], // case- and accent-insensitive
    ['ｐａｓｓｗｏｒｄ１２３４'], // full-width forms
    // a blocklisted word or password with digits and symbols around it
    ['Motdepasse2024!'],
    ['azertyuiop123'],
    ['password12345'],
    ['Soleil2026!!!'],
    ['2024Soleil!!!'],
    ['!!soleil!!!!'],
    ['Chocolat1989!!'],
    ['Bibliotheque2024'],
    ['Marseille13008!'],
    ['ILOVEYOU2024!'],
    ['P@ssw0rd2024!'], // l33t
    ['drowssap2024!'], // reversed
    ['Azerty123456789!'],
    // trivial patterns
    ['abcabcabcabc'],
    ['Zb8!Zb8!Zb8!Zb8!'],
    ['aaaaaaaaaaaa'],
    ['aaaaaaaaaaaaB'],
    ['!!!!!!!!!!!!'],
    ['azertyuiopqsd'],
    ['qwertyuiopasdf'],
    ['qsdfghjklm2024!'],
    ['123456789012'],
    ['0987654321098'],
    ['abcdefghijkl'],
    ['zyxwvutsrqpo'],
    ['acegikmoqsuw'],
    ['20242024202420'],
    ['chevalcheval12'],
    ['soleilsoleil2024'],
    ['trustno1trustno1'],
    // only spaces
    [' '.repeat(12)],
    ['\u3000'.repeat(12)],
    [' \t '.repeat(4)],
  ])('%j', (password) => {
    expect(passwordProblem(password, MIN)).toBe('common');
  });
});

describe('passwordProblem: personal (identifier, email, name)', () => {
  it.each([
    // identifier, as it is or without its leading zeros, separators and full-width digits allowed
    ['identifier', { identifier: '00123456' }, 'Marie00123456!'],
    ['identifier', { identifier: '00123456' }, '123456marie-x'],
    ['identifier', { identifier: '00123456' }, 'clé-00 12 34 56-zz'],
    ['identifier', { identifier: '00123456' }, 'abc-１２３４５６-xyz'],
    ['identifier', { identifier: '10005' }, 'qK7#10005-zWp'],
    ['identifier', { identifier: '00000042' }, 'Kx9#00000042!'],
    ['identifier given as an email', { identifier: 'marie@example.fr' }, 'marie-7#kQ9zPw'],
    // email: full, local part, words of the local part
    ['email', { email: 'marie.dupont@example.fr' }, 'x-marie.dupont@example.fr'],
    ['email', { email: 'marie.dupont@example.fr' }, 'Marie.Dupont-7#kQ9z'],
    ['email', { email: 'marie.dupont@example.fr' }, 'DUPONT-x7#kQ9zPw'],
    ['email', { email: 'jo@example.fr' }, 'JO@EXAMPLE.FR-7#kQ'],
    // name: any word of 4 letters or more, accent- and case-insensitive
    ['name', { name: 'Marie Dupont' }, 'DupontForever12'],
    ['name', { name: 'Marie Dupont' }, 'mArIe-7#kQ9zPw'],
    ['name', { name: 'Marie Dupont' }, 'Mariée en juin 2024'],
    ['name', { name: 'Élodie Lefèvre' }, 'elodie-7#kQ9zPw'],
    ['name', { name: 'Élodie Lefèvre' }, 'LEFEVRE-7#kQ9zPw'],
    ['name', { name: 'Léa Le Goff' }, 'goff-7#kQ9zPw'],
    ['name', { name: 'Jean-Pierre Martin' }, 'PIERRE-7#kQ9zPw'],
  ])('%s %j: %j', (_label, context, password) => {
    expect(passwordProblem(password, { minLength: 12, ...context })).toBe('personal');
  });

  it.each([
    ['identifier too short once leading zeros are dropped', { identifier: '00000042' }, 'xK9#mQ42$vL7!'],
    ['email local part under 4 characters', { email: 'jo@example.fr' }, 'Jo-7#kQ9zPwx!'],
    ['name words under 4 letters', { name: 'Léa Le Goff' }, 'lea-le-7#kQ9zPw'],
    ['name words split across spaces', { name: 'Marie Dupont' }, 'ma rie du pont 7#kQ'],
    ['empty details', { identifier: '', email: '', name: '' }, 'xK9#mQ2$vL7!'],
  ])('not personal: %s', (_label, context, password) => {
    expect(passwordProblem(password, { minLength: 12, ...context })).toBeNull();
  });

  it('checks personal before common', () => {
    expect(passwordProblem('Marie2024!!!', MARIE)).toBe('personal');
    expect(passwordProblem('123456789012', MARIE)).toBe('personal'); // contains 123456
    expect(passwordProblem('123456789012', MIN)).toBe('common');
  });
});

describe('blocklist', () => {
  it('is built once, lower-cased and without accents, from the zxcvbn-ts lists', () => {
    const blocklist = getBlocklist();
    expect(getBlocklist()).toBe(blocklist);
    expect(blocklist.size).toBeGreaterThan(150_000);
    for (const word of ['password', 'motdepasse', 'azerty', 'soleil', 'bibliotheque', 'marie', 'dupont']) {
      expect(blocklist.has(word), word).toBe(true);
    }
    for (const entry of blocklist) {
      if (entry !== entry.toLowerCase() || /\p{M}/u.test(entry)) throw new Error(`not folded: ${entry}`);
    }
  });
});
