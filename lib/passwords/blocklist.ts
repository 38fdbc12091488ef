/**
 * The shipped blocklist of common passwords and words: a new password is refused when it is
 * common (lib/passwords/policy.ts).
 *
 * Built once, on first use, from the zxcvbn-ts dictionaries already installed for the strength
 * meter: the 49,000 most common leaked passwords, the diceware list, and the French and English
 * common words, first names, last names and word sequences (months, days, colours…), about
 * 191,000 entries. The Wikipedia lists are left out: article vocabulary and proper nouns, they
 * would widen refusals without matching what people actually choose.
 *
 * Entries are folded like the passwords they are compared with (see `foldForComparison`), and
 * entries shorter than 3 characters are dropped: no check ever looks such a short word up.
 *
 * Pure module (no `node:` import): it runs on the server and, through a dynamic `import()` of the
 * policy, in the browser. The language packages decompress their lists when first imported
 * (a few hundred milliseconds), which is why client code should not import it statically.
 */
import { dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as enDictionary } from '@zxcvbn-ts/language-en';
import { dictionary as frDictionary } from '@zxcvbn-ts/language-fr';

/** Entries shorter than this (in code points, once folded) are not kept. */
export const BLOCKLIST_MIN_ENTRY_LENGTH = 3;

const NON_ASCII = /[^\u0000-\u007f]/;
const COMBINING_MARKS = /\p{M}+/gu;
// Letters that do not decompose into a base letter and a combining mark.
const SPECIAL_LETTERS = /[œæßøđłı]/g;
const SPECIAL_FOLDS: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };

/**
 * The form passwords, personal details and blocklist entries are compared in: lower case,
 * compatibility forms unified (NFKD: full-width letters, ligatures) and accents removed, so that
 * "Éléphant", "elephant" and "ＥＬＥＰＨＡＮＴ" compare equal. Only for comparing: the password
 * itself is stored exactly as typed (every character counts).
 */
export function foldForComparison(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .toLowerCase() // NFKD can produce capitals (e.g. "ℌ" → "H")
    .replace(COMBINING_MARKS, '')
    .replace(SPECIAL_LETTERS, (letter) => SPECIAL_FOLDS[letter] ?? letter);
}

function sourceLists(): string[][] {
  const lists: string[][] = [commonDictionary['passwords-common'], commonDictionary['diceware-common']];
  for (const dictionary of [frDictionary, enDictionary] as Record<string, string[]>[]) {
    for (const [name, words] of Object.entries(dictionary)) {
      if (!name.startsWith('wikipedia-')) lists.push(words);
    }
  }
  return lists;
}

let blocklist: Set<string> | null = null;
let maxEntryLength = 0;

/** The blocklist (folded entries), built on first call and kept for the life of the process/page. */
export function getBlocklist(): ReadonlySet<string> {
  if (blocklist) return blocklist;
  const entries = new Set<string>();
  for (const list of sourceLists()) {
    for (const word of list) {
      const folded = foldForComparison(word);
      // `length` counts UTF-16 units, never fewer than code points: a cheap first filter.
      if (folded.length < BLOCKLIST_MIN_ENTRY_LENGTH) continue;
      if (NON_ASCII.test(folded) && [...folded].length < BLOCKLIST_MIN_ENTRY_LENGTH) continue;
      entries.add(folded);
      if (folded.length > maxEntryLength) maxEntryLength = folded.length;
    }
  }
  blocklist = entries;
  return blocklist;
}

/** Length (UTF-16 units) of the longest entry: longer strings need not be looked up. */
export function blocklistMaxEntryLength(): number {
  getBlocklist();
  return maxEntryLength;
}

/** Whether an already folded string is a blocklist entry. */
export function isBlocklisted(folded: string): boolean {
  return getBlocklist().has(folded);
}
