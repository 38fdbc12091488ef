import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import bcryptjs from 'bcryptjs';
import { bcryptCompare, closeHashPool, hashPoolState } from '@/lib/crypto/hash-pool';
import {
  IMPORTABLE_BCRYPT_MAX_COST,
  IMPORTABLE_PHPASS_MAX_LOG2,
  checkImportedHash,
  importableHashFormat,
  legacyHashFormat,
  paddingCosts,
  verifyLegacyPassword,
  wordpressPrehash,
  type LegacyHashFormat,
} from '@/lib/crypto/legacy-hashes';

// Written by WordPress's and PHP's own code (test/fixtures/wordpress-hashes.php), not by this project.
type Fixture = { password: string; hash: string; format: LegacyHashFormat };
const { hashes: fixtures } = JSON.parse(readFileSync(path.join(process.cwd(), 'test/fixtures/wordpress-hashes.json'), 'utf8')) as { hashes: Fixture[] };

const byFormat = (format: LegacyHashFormat) => fixtures.filter((f) => f.format === format);
const named = (f: Fixture) => `${f.hash.slice(0, 7)}… of ${JSON.stringify(f.password.length > 24 ? `${f.password.slice(0, 24)}…` : f.password)}`;
/** The password of another fixture: the next one whose password differs. */
const otherPassword = (i: number) => fixtures.slice(i + 1).concat(fixtures).find((f) => f.password !== fixtures[i].password)!.password;

afterAll(closeHashPool);

describe('the fixtures', () => {
  it('cover every format, the prefixes each one takes, and the passwords the brief asks for', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(36);
    const prefixes = new Set(fixtures.map((f) => f.hash.slice(0, f.hash.startsWith('$wp') ? 7 : 4)));
    expect([...prefixes].sort()).toEqual(['$2a$', '$2b$', '$2y$', '$H$9', '$P$B', '$wp$2b$', '$wp$2y$'].sort());
    const passwords = fixtures.map((f) => f.password);
    expect(passwords.some((p) => p.includes('é'))).toBe(true);
    expect(passwords.some((p) => /\p{Extended_Pictographic}/u.test(p))).toBe(true);
    expect(passwords.some((p) => p.length === 100)).toBe(true);
    expect(passwords.some((p) => p.includes(' '))).toBe(true);
  });
});

describe('legacyHashFormat', () => {
  it.each(fixtures.map((f) => [named(f), f] as const))('recognises %s', (_, fixture) => {
    expect(legacyHashFormat(fixture.hash)).toBe(fixture.format);
  });

  const phpass = byFormat('phpass')[0].hash;
  const wordpress = byFormat('wordpress-bcrypt')[0].hash;
  const bcrypt = byFormat('bcrypt')[0].hash;
  const malformed: [string, string][] = [
    ['empty', ''],
    ['spaces', '   '],
    ['an md5 hex digest (WordPress before 2.5)', '5f4dcc3b5aa765d61d8327deb882cf99'],
    ['phpass truncated', phpass.slice(0, -1)],
    ['phpass one character too long', `${phpass}a`],
    ['phpass with count 6 (below phpass’s 7)', `${phpass.slice(0, 3)}4${phpass.slice(4)}`],
    ['phpass with count 31 (above phpass’s 30)', `${phpass.slice(0, 3)}T${phpass.slice(4)}`],
    ['phpass with a count character outside its alphabet', `${phpass.slice(0, 3)}+${phpass.slice(4)}`],
    ['phpass with a salt outside its alphabet', `${phpass.slice(0, 6)}-${phpass.slice(7)}`],
    ['phpass with a hash outside its alphabet', `${phpass.slice(0, -1)}=`],
    ['phpass with a non-ASCII character', `${phpass.slice(0, -1)}é`],
    ['phpass with another prefix', `$Q$${phpass.slice(3)}`],
    ['lower-case phpass prefix', `$p$${phpass.slice(3)}`],
    ['$wp then phpass', `$wp${phpass}`],
    ['$wp alone', '$wp'],
    ['$wp$ alone', '$wp$'],
    ['$wp bcrypt truncated', wordpress.slice(0, -1)],
    ['$wp bcrypt with an unknown variant', wordpress.replace('$2y$', '$2x$')],
    ['$wp without its dollar', `wp${wordpress.slice(3)}`],
    ['bcrypt truncated', bcrypt.slice(0, -1)],
    ['bcrypt too long', `${bcrypt}A`],
    ['bcrypt of variant $2$', `$2$${bcrypt.slice(4)}`],
    ['bcrypt of variant $2x$', bcrypt.replace(/^\$2y\$/, '$2x$')],
    ['bcrypt with cost 03', bcrypt.replace(/^\$2y\$10\$/, '$2y$03$')],
    ['bcrypt with cost 32', bcrypt.replace(/^\$2y\$10\$/, '$2y$32$')],
    ['bcrypt with a one-digit cost', bcrypt.replace(/^\$2y\$10\$/, '$2y$9$A')],
    ['bcrypt with a character outside its alphabet', `${bcrypt.slice(0, -1)}+`],
    ['bcrypt with a leading space', ` ${bcrypt.slice(0, -1)}`],
    ['argon2id', '$argon2id$v=19$m=65536,t=4,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG'],
    ['this project’s own format', `$sha256$${bcrypt}`],
  ];

  it.each(malformed)('refuses %s', async (_, hash) => {
    expect(legacyHashFormat(hash)).toBeNull();
    expect(importableHashFormat(hash)).toBeNull();
    await expect(verifyLegacyPassword('password', hash)).resolves.toBe(false);
  });

  it('takes the count characters phpass takes, 7 (“5”) to 30 (“S”), and no others', () => {
    const counts = [...'./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
    const accepted = counts.filter((c) => legacyHashFormat(`$P$${c}${phpass.slice(4)}`) === 'phpass');
    expect(accepted.join('')).toBe('56789ABCDEFGHIJKLMNOPQRS');
  });

  it('takes bcrypt costs 04 to 31 and the variants $2a$, $2b$, $2y$, with or without $wp', () => {
    for (const cost of ['04', '10', '12', '31']) {
      for (const variant of ['2a', '2b', '2y']) {
        const hash = `$${variant}$${cost}$${bcrypt.slice(7)}`;
        expect(legacyHashFormat(hash)).toBe('bcrypt');
        expect(legacyHashFormat(`$wp${hash}`)).toBe('wordpress-bcrypt');
      }
    }
  });
});

describe('importableHashFormat', () => {
  const phpass = byFormat('phpass')[0];
  const bcrypt = byFormat('bcrypt')[0];
  const wordpress = byFormat('wordpress-bcrypt')[0];

  it.each(fixtures.map((f) => [named(f), f] as const))('takes %s, as WordPress and PHP write them', (_, fixture) => {
    expect(importableHashFormat(fixture.hash)).toBe(fixture.format);
  });

  it(`takes phpass counts 7 (“5”) to ${IMPORTABLE_PHPASS_MAX_LOG2} (“E”), not the 2^17 to 2^30 rounds phpass would run`, () => {
    const counts = [...'./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
    const accepted = counts.filter((c) => importableHashFormat(`$P$${c}${phpass.hash.slice(4)}`) === 'phpass');
    expect(accepted.join('')).toBe('56789ABCDE');
    expect(importableHashFormat(`$H$${'F'}${phpass.hash.slice(4)}`)).toBeNull();
  });

  it(`takes bcrypt costs 04 to ${IMPORTABLE_BCRYPT_MAX_COST}, with or without $wp: a costlier check would take longer than a sign-in`, () => {
    for (const cost of ['04', '10', '12', '15', '16', '31']) {
      const hash = `$2y$${cost}$${bcrypt.hash.slice(7)}`;
      const expected = Number(cost) <= IMPORTABLE_BCRYPT_MAX_COST;
      expect(importableHashFormat(hash), cost).toBe(expected ? 'bcrypt' : null);
      expect(importableHashFormat(`$wp${hash}`), `$wp ${cost}`).toBe(expected ? 'wordpress-bcrypt' : null);
    }
  });

  it('is not checked beyond those costs: false at once, no work on any thread', async () => {
    const before = hashPoolState().completed;
    // 2^30 md5 rounds, or a bcrypt at cost 31, would hold a thread for minutes.
    await expect(verifyLegacyPassword(phpass.password, `$H$S${phpass.hash.slice(4)}`)).resolves.toBe(false);
    await expect(verifyLegacyPassword(bcrypt.password, `$2y$31$${bcrypt.hash.slice(7)}`)).resolves.toBe(false);
    await expect(verifyLegacyPassword(wordpress.password, `$wp$2y$31$${wordpress.hash.slice(10)}`)).resolves.toBe(false);
    expect(hashPoolState().completed).toBe(before);
  });
});

describe('verifyLegacyPassword', () => {
  it.each(fixtures.map((f, i) => [named(f), f, i] as const))('%s: its password in, a wrong one and another’s out', async (_, fixture, i) => {
    expect(await verifyLegacyPassword(fixture.password, fixture.hash)).toBe(true);
    // Wrong at its start: plain bcrypt reads only the first 72 bytes (see the 100-character one below).
    expect(await verifyLegacyPassword(`!${fixture.password}`, fixture.hash)).toBe(false);
    expect(await verifyLegacyPassword(otherPassword(i), fixture.hash)).toBe(false);
    expect(await verifyLegacyPassword('', fixture.hash)).toBe(false);
  });

  it('checks every format on the hashing pool, never on the event loop', async () => {
    for (const format of ['phpass', 'wordpress-bcrypt', 'bcrypt'] as const) {
      const { password, hash } = byFormat(format)[0];
      const before = hashPoolState().completed;
      expect(await verifyLegacyPassword(password, hash)).toBe(true);
      expect(hashPoolState().completed - before, format).toBe(1);
    }
  });

  it('refuses a tampered hash', async () => {
    for (const format of ['phpass', 'wordpress-bcrypt', 'bcrypt'] as const) {
      const { password, hash } = byFormat(format)[0];
      const last = hash.at(-2) === 'a' ? 'b' : 'a';
      const tampered = `${hash.slice(0, -2)}${last}${hash.at(-1)}`;
      expect(legacyHashFormat(tampered)).toBe(format);
      expect(await verifyLegacyPassword(password, tampered)).toBe(false);
    }
  });

  it('does not read a $wp hash as plain bcrypt, nor plain bcrypt as $wp', async () => {
    for (const { password, hash } of byFormat('wordpress-bcrypt')) {
      // Without its prefix it is bcrypt of WordPress's pre-hash, not of the password.
      expect(legacyHashFormat(hash.slice(3))).toBe('bcrypt');
      expect(await verifyLegacyPassword(password, hash.slice(3))).toBe(false);
      expect(await bcryptCompare(wordpressPrehash(password), hash.slice(3))).toBe(true);
    }
    for (const { password, hash } of byFormat('bcrypt').slice(0, 4)) {
      expect(legacyHashFormat(`$wp${hash}`)).toBe('wordpress-bcrypt');
      expect(await verifyLegacyPassword(password, `$wp${hash}`)).toBe(false);
    }
  });

  it('counts every character of a long password under $wp, as WordPress 6.8 does, but not beyond 72 bytes under plain bcrypt', async () => {
    const long = (format: LegacyHashFormat) => byFormat(format).find((f) => f.password.length === 100)!;
    const wordpress = long('wordpress-bcrypt');
    expect(await verifyLegacyPassword(`${wordpress.password.slice(0, -1)}y`, wordpress.hash)).toBe(false);
    const bcrypt = long('bcrypt');
    expect(await verifyLegacyPassword(`${bcrypt.password.slice(0, 72)}anything after`, bcrypt.hash)).toBe(true);
  });

  it('checks the password as typed, untrimmed and unnormalised, as wp_check_password does', async () => {
    const spaced = byFormat('wordpress-bcrypt').find((f) => f.password === 'correct horse battery staple')!;
    expect(await verifyLegacyPassword(` ${spaced.password}`, spaced.hash)).toBe(false);
    const decomposed = byFormat('phpass').find((f) => f.password.includes('\u0301'))!;
    expect(decomposed.password.normalize('NFC')).not.toBe(decomposed.password);
    expect(await verifyLegacyPassword(decomposed.password, decomposed.hash)).toBe(true);
    expect(await verifyLegacyPassword(decomposed.password.normalize('NFC'), decomposed.hash)).toBe(false);
  });

  it('refuses a password over 4096 bytes before any hashing, as WordPress does', async () => {
    const { hash } = byFormat('phpass')[0];
    const huge = 'é'.repeat(2049);
    await expect(verifyLegacyPassword(huge, hash)).resolves.toBe(false);
    await expect(verifyLegacyPassword(huge, byFormat('bcrypt')[0].hash)).resolves.toBe(false);
  });
});

describe('checkImportedHash, the sign-in’s check', () => {
  it('pads a check to the work of one bcrypt at the cost asked: the check’s 2^c and the padding’s add up to 2^cost', () => {
    for (const cost of [4, 10, 12, 15]) {
      for (const checkCost of [4, 6, 8, 10, 11, 12]) {
        const work = (checkCost <= cost ? 2 ** checkCost : 0) + paddingCosts(checkCost, cost).reduce((sum, c) => sum + 2 ** c, 0);
        if (checkCost <= cost) expect(work, `check ${checkCost}, cost ${cost}`).toBe(2 ** cost);
        else expect(paddingCosts(checkCost, cost)).toEqual([]);
      }
      // A hash that may not be checked: the padding alone, one bcrypt at the cost.
      expect(paddingCosts(null, cost)).toEqual([cost]);
    }
    expect(paddingCosts(10, 12)).toEqual([10, 11]);
  });

  it.each(['phpass', 'wordpress-bcrypt', 'bcrypt'] as const)('%s: one task on the pool, right or wrong; right, it returns the conversion hash of what it is given', async (format) => {
    const { password, hash } = byFormat(format)[0];
    for (const typed of [password, `${password}-wrong`]) {
      const before = hashPoolState().completed;
      const result = await checkImportedHash(typed, hash, 4, 'the conversion input');
      expect(hashPoolState().completed - before).toBe(1);
      expect(result.matches).toBe(typed === password);
      if (typed === password) {
        expect(bcryptjs.getRounds(result.converted!)).toBe(4);
        expect(await bcryptjs.compare('the conversion input', result.converted!)).toBe(true);
      } else expect(result.converted).toBeNull();
    }
    // Already converted (the other form matched): no second hash.
    expect(await checkImportedHash(password, hash, 4, null)).toEqual({ matches: true, converted: null });
    // A hash that may not be checked: one task all the same, never a match.
    expect(await checkImportedHash(password, `$H$S${byFormat('phpass')[0].hash.slice(4)}`, 4, 'x')).toEqual({ matches: false, converted: null });
  });
});
