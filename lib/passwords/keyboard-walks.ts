/**
 * Keyboard walks for the common-password check: which key may follow which in a walk. A walk goes
 * from a key to one next to it, or to the one after or before it in reading order (row by row),
 * on a QWERTY, AZERTY or QWERTZ keyboard or on a numeric keypad ("azertyuiopqsd", "1qaz2wsx").
 */

/** Keyboards as rows of keys; a key lists the characters it types (placeholders keep columns). */
const STAGGERED_KEYBOARDS: readonly (readonly string[])[][] = [
  // QWERTY
  [
    ['1!', '2@', '3#', '4$', '5%', '6^', '7&', '8*', '9(', '0)', '-_', '=+'],
    ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[{', ']}'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';:', '\'"'],
    ['z', 'x', 'c', 'v', 'b', 'n', 'm', ',<', '.>', '/?'],
  ],
  // AZERTY (é, è, ç, à, ù left out: once accents are folded they would link plain letters)
  [
    ['1&', '2', '3"', "4'", '5(', '6-', '7', '8_', '9', '0', ')°', '=+'],
    ['a', 'z', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '^', '$£'],
    ['q', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', '%', '*'],
    ['w', 'x', 'c', 'v', 'b', 'n', ',?', ';.', ':/', '!§'],
  ],
  // QWERTZ (ü, ö, ä, ß left out for the same reason)
  [
    ['1!', '2"', '3§', '4$', '5%', '6&', '7/', '8(', '9)', '0=', '?'],
    ['q', 'w', 'e', 'r', 't', 'z', 'u', 'i', 'o', 'p', '', '+*'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '', '', "#'"],
    ['y', 'x', 'c', 'v', 'b', 'n', 'm', ',;', '.:', '-_'],
  ],
];
const KEYPAD: readonly (readonly string[])[] = [
  ['/', '*', '-'],
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
  ['0', '0', '.'],
];

/** For each character, the characters that may follow it in a walk on one keyboard. */
export type KeyLinks = Map<string, Set<string>>;

function buildLinks(rows: readonly (readonly string[])[], staggered: boolean): KeyLinks {
  const links: KeyLinks = new Map();
  const keyAt = (row: number, column: number): string => rows[row]?.[column] ?? '';
  const link = (from: string, to: string) => {
    for (const a of from) {
      for (const b of to) {
        let set = links.get(a);
        if (!set) links.set(a, (set = new Set()));
        set.add(b);
      }
    }
  };
  // Row r + 1 is shifted half a key to the right of row r on a staggered keyboard.
  const neighbours = staggered
    ? [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, -1], [1, 0]]
    : [[0, -1], [0, 1], [-1, -1], [-1, 0], [-1, 1], [1, -1], [1, 0], [1, 1]];
  const readingOrder: string[] = [];
  rows.forEach((row, r) => {
    row.forEach((key, c) => {
      if (!key) return;
      readingOrder.push(key);
      link(key, key);
      for (const [dr, dc] of neighbours) link(key, keyAt(r + dr, c + dc));
    });
  });
  for (let i = 1; i < readingOrder.length; i++) {
    link(readingOrder[i - 1], readingOrder[i]);
    link(readingOrder[i], readingOrder[i - 1]);
  }
  return links;
}

let keyboards: KeyLinks[] | null = null;

/** The links of every keyboard (QWERTY, AZERTY, QWERTZ, keypad), built on first call. */
export function keyboardLinks(): readonly KeyLinks[] {
  keyboards ??= [...STAGGERED_KEYBOARDS.map((rows) => buildLinks(rows, true)), buildLinks(KEYPAD, false)];
  return keyboards;
}
