// Kept instead of zxcvbn-ts's matchers: its check() takes 70–270 ms on a 128-character password (this, under 0.1 ms), it scores a random "xK9#mQ2$" (10^8 guesses) weaker than "Motdepasse2024!" (10^8.15), and it reads random digits "739182645027" as two dates.
/**
 * Common passwords: in the blocklist, a trivial pattern, or one of those with a little decoration
 * around. Everything here works on the folded password (lower case, no accents, see
 * `foldForComparison`) as an array of code points. A "run" is a stretch of the password that
 * follows one simple rule:
 *   - the same character repeated ("aaaa", "!!!!", "    ");
 *   - a sequence with a constant step of 1 or 2 among digits (wrapping 9 → 0) or letters
 *     ("123456789012", "abcdefghijkl", "97531", "zyxw");
 *   - a keyboard walk (see keyboard-walks.ts: "azertyuiopqsd", "1qaz2wsx");
 *   - a year 1900–2099.
 * Any part of a run is a run of the same kind (except for years, handled apart).
 *
 * A string is a weak base when it is in the blocklist (as it is, reversed or with l33t undone),
 * a unit of up to 4 characters repeated, a longer unit repeated that is itself common, or at most
 * three runs (each at least 3 characters long; of any length once the string has 8 or more).
 * The password is common when it is a weak base, or a weak base with a decoration of at most 4
 * runs before and after it ("Motdepasse" + "2024!", "!!" + "soleil" + "!!!!").
 */
import { blocklistMaxEntryLength, isBlocklisted } from './blocklist';
import { keyboardLinks } from './keyboard-walks';

const LETTER = /\p{L}/u;
const OTHER = 0;
const DIGIT = 1;
const LETTER_CLASS = 2;

interface Runs {
  chars: string[];
  /** The folded password, and where each code point starts in it (UTF-16 offsets). */
  text: string;
  offsets: number[];
  /** OTHER, DIGIT or LETTER_CLASS for each character. */
  classes: Uint8Array;
  /** End (exclusive) of the longest run starting at i, years aside; at least i + 1. */
  reach: Int32Array;
  /** Whether a year starts at i. */
  year: Uint8Array;
}

function classify(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 48 && code <= 57) return DIGIT;
  if ((code >= 97 && code <= 122) || (code > 127 && LETTER.test(char))) return LETTER_CLASS;
  return OTHER;
}

function findRuns(chars: string[]): Runs {
  const n = chars.length;
  const classes = new Uint8Array(n);
  const codes = new Array<number>(n);
  const offsets = new Array<number>(n + 1);
  offsets[0] = 0;
  for (let i = 0; i < n; i++) {
    classes[i] = classify(chars[i]);
    codes[i] = chars[i].codePointAt(0) ?? 0;
    offsets[i + 1] = offsets[i] + chars[i].length;
  }
  // Step from character i to i + 1 when both can be part of a sequence, else 0.
  const steps = new Int32Array(Math.max(n - 1, 0));
  for (let i = 0; i + 1 < n; i++) {
    if (classes[i] === DIGIT && classes[i + 1] === DIGIT) {
      const step = (codes[i + 1] - codes[i] + 10) % 10; // 9 → 0 continues 7, 8, 9
      steps[i] = step === 1 || step === 2 ? step : step === 9 || step === 8 ? step - 10 : 0;
    } else if (classes[i] === LETTER_CLASS && classes[i + 1] === LETTER_CLASS) {
      const step = codes[i + 1] - codes[i];
      steps[i] = step !== 0 && step >= -2 && step <= 2 ? step : 0;
    }
  }
  const links = keyboardLinks();
  const reach = new Int32Array(n);
  const year = new Uint8Array(n);
  let repeatEnd = n;
  let sequenceEnd = n;
  const walkEnds = links.map(() => n);
  for (let i = n - 1; i >= 0; i--) {
    const hasNext = i + 1 < n;
    repeatEnd = hasNext && chars[i] === chars[i + 1] ? repeatEnd : i + 1;
    if (!hasNext || steps[i] === 0) sequenceEnd = i + 1;
    else if (i + 2 >= n || steps[i + 1] !== steps[i]) sequenceEnd = i + 2;
    let best = Math.max(repeatEnd, sequenceEnd);
    for (let k = 0; k < links.length; k++) {
      walkEnds[k] = hasNext && links[k].get(chars[i])?.has(chars[i + 1]) ? walkEnds[k] : i + 1;
      if (walkEnds[k] > best) best = walkEnds[k];
    }
    reach[i] = best;
    year[i] =
      i + 4 <= n &&
      classes[i + 2] === DIGIT &&
      classes[i + 3] === DIGIT &&
      ((chars[i] === '1' && chars[i + 1] === '9') || (chars[i] === '2' && chars[i + 1] === '0'))
        ? 1
        : 0;
  }
  return { chars, text: chars.join(''), offsets, classes, reach, year };
}

// Scratch buffers for `fewestRuns`, grown on demand (folding can make a password longer).
let scratchSize = 0;
let frontier = new Uint8Array(0);
let next = new Uint8Array(0);
let marks = new Int32Array(0);

function ensureScratch(size: number): void {
  if (size <= scratchSize) return;
  scratchSize = Math.max(size, 2 * scratchSize, 256);
  frontier = new Uint8Array(scratchSize);
  next = new Uint8Array(scratchSize);
  marks = new Int32Array(scratchSize + 1);
}

/**
 * Fewest runs, each at least `minRun` characters long, that cover chars[start, end) end to end;
 * Infinity when more than `maxRuns` would be needed. Breadth first, one pass per run: O(maxRuns × n).
 */
function fewestRuns(runs: Runs, start: number, end: number, minRun: number, maxRuns: number): number {
  const length = end - start;
  if (length === 0) return 0;
  if (length < minRun) return Infinity;
  // Cheap necessary conditions first: a long enough run must start at `start` and end at `end`
  // (any part of a run being a run, the one ending at `end` also starts at end - minRun).
  if (start + minRun > runs.reach[start] && !(runs.year[start] && minRun <= 4)) return Infinity;
  if (runs.reach[end - minRun] < end && !(minRun <= 4 && length >= 4 && runs.year[end - 4])) return Infinity;

  ensureScratch(length + 2);
  frontier.fill(0, 0, length + 1);
  frontier[0] = 1;
  for (let count = 1; count <= maxRuns; count++) {
    // Runs from a frontier position i end anywhere in [i + minRun, reach[i]]: mark those ranges
    // with a difference array; a year ends exactly 4 further (a mark of its own, +1 / -1).
    marks.fill(0, 0, length + 2);
    next.fill(0, 0, length + 1);
    let any = false;
    for (let offset = 0; offset < length; offset++) {
      if (!frontier[offset]) continue;
      const i = start + offset;
      const from = offset + minRun;
      const to = Math.min(runs.reach[i], end) - start;
      if (from <= to) {
        marks[from]++;
        marks[to + 1]--;
        any = true;
      }
      if (runs.year[i] && minRun <= 4 && offset + 4 <= length) {
        next[offset + 4] = 1;
        any = true;
      }
    }
    if (!any) return Infinity;
    let open = 0;
    for (let offset = 0; offset <= length; offset++) {
      open += marks[offset];
      if (open > 0) next[offset] = 1;
    }
    if (next[length]) return count;
    const previous = frontier;
    frontier = next;
    next = previous;
  }
  return Infinity;
}

function hasPeriod(chars: string[], start: number, end: number, period: number): boolean {
  for (let i = start + period; i < end; i++) if (chars[i] !== chars[i - period]) return false;
  return true;
}

const LEET: Record<string, string> = {
  '@': 'a', '4': 'a', '0': 'o', '3': 'e', '€': 'e', '!': 'i', '|': 'i',
  '$': 's', '5': 's', '7': 't', '+': 't', '8': 'b', '9': 'g',
};
const LEET_CHARACTERS = /[@403€!|$57+891]/;

/** In the blocklist as it is, reversed, or once l33t substitutions are undone ("p@ssw0rd"). */
function isBlocklistedVariant(text: string): boolean {
  if (text.length > blocklistMaxEntryLength()) return false;
  if (isBlocklisted(text)) return true;
  if (isBlocklisted(Array.from(text).reverse().join(''))) return true;
  // Only worth undoing when letters are mixed with such characters.
  if (!LEET_CHARACTERS.test(text) || !LETTER.test(text)) return false;
  for (const one of ['i', 'l']) {
    let plain = '';
    for (const char of text) plain += char === '1' ? one : (LEET[char] ?? char);
    if (isBlocklisted(plain)) return true;
  }
  return false;
}

/** Blocklisted, a trivial pattern, or a weak unit repeated: chars[start, end). */
function isWeakBase(runs: Runs, start: number, end: number, depth: number): boolean {
  const { chars } = runs;
  const length = end - start;
  if (isBlocklistedVariant(runs.text.slice(runs.offsets[start], runs.offsets[end]))) return true;
  // "abcabcabcabc", "!!!!!!!!!!!!", "azeazeazeaze": a unit of up to 4 characters repeated.
  for (let period = 1; period <= 4 && period * 2 <= length; period++) {
    if (hasPeriod(chars, start, end, period)) return true;
  }
  // "qwertyqwerty", "soleil2024soleil2024": a longer unit repeated, itself common.
  if (depth === 0) {
    for (let period = 5; period * 2 <= length; period++) {
      if (length % period === 0 && hasPeriod(chars, start, end, period)) {
        if (isCommonChars(chars.slice(start, start + period), depth + 1)) return true;
      }
    }
  }
  // At most three runs of at least 3 characters: "azertyuiop123", "aaaaaa123456", "abcdef2024";
  // from 8 characters on, of any length: "aaaaaaaaaaaaB", "x123456789012y".
  return fewestRuns(runs, start, end, 3, 3) <= 3 || (length >= 8 && fewestRuns(runs, start, end, 1, 3) <= 3);
}

/** The decoration around a weak base is weak too when it is at most this many runs. */
const MAX_DECORATION_RUNS = 4;
/** Besides stripping all of it, how far into the decoration on each side the base may start. */
const PARTIAL_DECORATION = 4;

function cutPositions(max: number): number[] {
  const cuts = [];
  for (let k = 0; k <= Math.min(max, PARTIAL_DECORATION); k++) cuts.push(k);
  if (max > PARTIAL_DECORATION) cuts.push(max);
  return cuts;
}

function isCommonChars(chars: string[], depth: number): boolean {
  const n = chars.length;
  if (n === 0) return false;
  const runs = findRuns(chars);
  if (isWeakBase(runs, 0, n, depth)) return true;

  // "Motdepasse2024!", "!!soleil!!", "2024Soleil", "trustno1!": a weak base, a few runs around.
  // The decoration is what comes before the first letter and after the last; the base may also
  // keep part of it ("trustno1" + "!"), so cuts are tried 0 to 4 characters in and at the letters.
  let leading = 0;
  while (leading < n && runs.classes[leading] !== LETTER_CLASS) leading++;
  let trailing = 0;
  while (trailing < n && runs.classes[n - 1 - trailing] !== LETTER_CLASS) trailing++;
  const prefixes = cutPositions(leading).map((p) => ({ p, runs: fewestRuns(runs, 0, p, 1, MAX_DECORATION_RUNS) }));
  const suffixes = cutPositions(trailing).map((q) => ({ q, runs: fewestRuns(runs, n - q, n, 1, MAX_DECORATION_RUNS) }));
  for (const prefix of prefixes) {
    for (const suffix of suffixes) {
      const { p } = prefix;
      const { q } = suffix;
      if ((p === 0 && q === 0) || n - p - q < 3) continue;
      if (prefix.runs + suffix.runs > MAX_DECORATION_RUNS) continue;
      if (isWeakBase(runs, p, n - q, depth)) return true;
    }
  }
  return false;
}

/** Whether a folded password (see `foldForComparison`) is common. */
export function isCommonPassword(folded: string): boolean {
  if (folded.trim() === '') return true; // only spaces
  return isCommonChars(Array.from(folded), 0);
}
