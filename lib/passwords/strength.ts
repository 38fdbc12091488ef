/**
 * Strength meter for the new-password form: zxcvbn-ts with the common, French and English
 * dictionaries. Advisory only: what is accepted or refused is decided by `passwordProblem`.
 *
 * The library and its dictionaries (several hundred kilobytes) are loaded with dynamic
 * `import()` on the first call, and set up once: they stay out of the first page load.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export type PasswordStrength = 0 | 1 | 2 | 3 | 4;

let factory: Promise<ZxcvbnFactory> | null = null;

async function createFactory(): Promise<ZxcvbnFactory> {
  const [core, common, fr, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-fr'),
    import('@zxcvbn-ts/language-en'),
  ]);
  return new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
    // With 38 dictionaries every l33t variant costs a full dictionary pass: the default (100
    // variants) takes hundreds of milliseconds per keystroke; 20 gives the same scores on common
    // l33t passwords ("P@ssw0rd2024", "s0l31l2024") in a fraction of the time.
    l33tMaxSubstitutions: 20,
    // Only the first 64 characters are assessed (cost grows with length): a password whose first
    // 64 characters are not guessable is strong whatever follows.
    maxLength: 64,
  });
}

function getFactory(): Promise<ZxcvbnFactory> {
  if (!factory) {
    factory = createFactory();
    // A failed chunk load (flaky network) must not stay cached: the next call tries again.
    factory.catch(() => {
      factory = null;
    });
  }
  return factory;
}

/**
 * zxcvbn matches user inputs as whole dictionary words: give it the pieces people reuse too
 * ("Marie Dupont" → "marie", "dupont"; "marie.dupont@example.fr" → "marie.dupont", "marie"…;
 * "00123456" → "123456").
 */
function expandUserInputs(userInputs: string[]): string[] {
  const words = new Set<string>();
  for (const input of userInputs) {
    const value = input.trim().toLowerCase();
    if (!value) continue;
    words.add(value);
    const at = value.lastIndexOf('@');
    if (at > 0) words.add(value.slice(0, at));
    if (/^\d+$/.test(value)) words.add(value.replace(/^0+/, ''));
    for (const word of value.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 3) words.add(word);
  }
  words.delete('');
  return [...words];
}

/** zxcvbn score: 0 (too guessable) to 4 (very unguessable). */
export async function passwordStrength(password: string, userInputs: string[]): Promise<PasswordStrength> {
  const zxcvbn = await getFactory();
  return zxcvbn.check(password, expandUserInputs(userInputs)).score;
}
