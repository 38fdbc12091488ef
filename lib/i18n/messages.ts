import { en } from '@/lib/i18n/en';
import { fr } from '@/lib/i18n/fr';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof fr>;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
/** Every translatable key, e.g. "signIn.failed". */
export type MessageKey = Leaves<Messages>;
export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export const dictionaries: Record<Locale, Messages> = { fr, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function translator(locale: Locale): Translate {
  const messages = dictionaries[locale];
  return (key, values) => {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
    if (typeof text !== 'string') return key;
    return values ? formatMessage(locale, text, values) : text;
  };
}

const PLURAL_BLOCK = /\{(\w+),\s*plural,/g;
const PLURAL_SELECTOR = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;
const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Fills a dictionary text: "{name}" becomes its value, and an ICU MessageFormat plural block such as
 * "{hours, plural, one {# heure} other {# heures}}" becomes the branch the language's rules pick for
 * the number, "#" written as the value is ("8", as "{hours}" would). A placeholder or block whose
 * value is missing, or a block that does not parse, stays as written. Values are inserted, never re-read.
 * Our own rather than intl-messageformat: the dictionaries and this run in every page's browser
 * bundle, and plural blocks are the only MessageFormat feature the copy needs.
 */
export function formatMessage(locale: Locale, text: string, values: MessageValues): string {
  return fill(locale, text, values, undefined);
}

/** `count` is the number of the plural branch being filled, which "#" stands for. */
function fill(locale: Locale, text: string, values: MessageValues, count: string | undefined): string {
  let out = '';
  let from = 0;
  for (const block of text.matchAll(PLURAL_BLOCK)) {
    const end = block.index < from ? -1 : closingBrace(text, block.index);
    if (end === -1) continue; // inside a block already done, or an unclosed brace: plain text
    const [whole, name] = [text.slice(block.index, end), block[1]];
    const branch = name in values ? pluralBranch(locale, whole.slice(block[0].length, -1), Number(values[name])) : null;
    out += fillPlaceholders(text.slice(from, block.index), values, count);
    out += branch === null ? whole : fill(locale, branch, values, String(values[name]));
    from = end;
  }
  return out + fillPlaceholders(text.slice(from), values, count);
}

/** "{name}" replaced by its value and, inside a plural branch, "#" by the number. */
function fillPlaceholders(text: string, values: MessageValues, count: string | undefined): string {
  const pattern = count === undefined ? /\{(\w+)\}/g : /\{(\w+)\}|#/g;
  return text.replace(pattern, (m, name: string | undefined) =>
    name === undefined ? (count as string) : name in values ? String(values[name]) : m,
  );
}

/** The index just past the "}" that closes the "{" at `open`, or -1 when it is never closed. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The branch for n: "=n" first, then n's plural category, then "other"; null if the block does not parse. */
function pluralBranch(locale: Locale, body: string, n: number): string | null {
  const branches = new Map<string, string>();
  for (let i = 0; body.slice(i).trim() !== ''; ) {
    PLURAL_SELECTOR.lastIndex = i;
    const selector = PLURAL_SELECTOR.exec(body);
    if (!selector) return null;
    const open = PLURAL_SELECTOR.lastIndex - 1;
    const end = closingBrace(body, open);
    if (end === -1) return null;
    branches.set(selector[1], body.slice(open + 1, end - 1));
    i = end;
  }
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return branches.get(`=${n}`) ?? branches.get(rules.select(n)) ?? branches.get('other') ?? null;
}

/** Picks French or English from an Accept-Language header; French when neither is asked for. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { lang: tag.toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q) || 0 };
    })
    .filter((l) => isLocale(l.lang) && l.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? DEFAULT_LOCALE;
}
