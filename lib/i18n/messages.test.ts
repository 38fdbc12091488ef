import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALE,
  dictionaries,
  isLocale,
  localeFromAcceptLanguage,
  LOCALES,
  translator,
  type MessageKey,
} from '@/lib/i18n/messages';

/** Every leaf of a dictionary as [dotted key, text]; non-string leaves are kept so they can fail. */
function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (node === null || typeof node !== 'object') return [[prefix, node]];
  return Object.entries(node).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** The text without its "{n, plural, one {…} other {…}}" blocks (innermost first), then its "{name}" placeholders. */
function withoutPlaceholders(text: string): string {
  const pluralParts = /(?:=\d+|\b(?:zero|one|two|few|many|other))\s*\{(?:[^{}]|\{\w+\})*\}|\{\w+,\s*plural,\s*\}/g;
  let rest = text;
  for (let before = ''; before !== rest; ) [before, rest] = [rest, rest.replace(pluralParts, '')];
  return rest.replace(/\{\w+\}/g, '');
}

const fr = new Map(leaves(dictionaries.fr));
const en = new Map(leaves(dictionaries.en));

describe('dictionaries', () => {
  it('are French (default) and English', () => {
    expect([...LOCALES]).toEqual(['fr', 'en']);
    expect(DEFAULT_LOCALE).toBe('fr');
    expect(Object.keys(dictionaries).sort()).toEqual(['en', 'fr']);
  });

  it('have exactly the same keys', () => {
    const frKeys = [...fr.keys()].sort();
    const enKeys = [...en.keys()].sort();
    expect(frKeys.filter((k) => !en.has(k)), 'in fr, missing from en').toEqual([]);
    expect(enKeys.filter((k) => !fr.has(k)), 'in en, missing from fr').toEqual([]);
    expect(frKeys.length).toBeGreaterThan(0);
  });

  it.each(['fr', 'en'] as const)('%s: every value is a non-empty string', (locale) => {
    const bad = leaves(dictionaries[locale])
      .filter(([, text]) => typeof text !== 'string' || text.trim() === '')
      .map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it('use the same {placeholders} for each key', () => {
    const mismatches = [...fr.entries()]
      .filter(([key]) => en.has(key))
      .map(([key, text]) => ({
        key,
        fr: placeholders(String(text)),
        en: placeholders(String(en.get(key))),
      }))
      .filter((m) => m.fr.join() !== m.en.join());
    expect(mismatches).toEqual([]);
  });

  it('have no unbalanced braces (a typo would show "{name" to users)', () => {
    const bad = [...fr.entries(), ...en.entries()]
      .filter(([, text]) => withoutPlaceholders(String(text)).match(/[{}]/))
      .map(([key, text]) => `${key}: ${String(text)}`);
    expect(bad).toEqual([]);
  });
});

describe('translator', () => {
  it('returns the text of a key in each language', () => {
    expect(translator('fr')('layout.home')).toBe(dictionaries.fr.layout.home);
    expect(translator('en')('layout.home')).toBe(dictionaries.en.layout.home);
    expect(translator('fr')('layout.home')).not.toBe(translator('en')('layout.home'));
  });

  it('interpolates {placeholders}', () => {
    expect(translator('fr')('panel.greeting', { name: 'Marie' })).toBe('Bonjour Marie');
    expect(translator('en')('home.title', { org: 'Sésame' })).toBe('Welcome to Sésame');
    expect(translator('fr')('home.step3', { hours: 8 })).toContain('valable 8 heures');
  });

  it('replaces every occurrence and leaves unknown placeholders as they are', () => {
    const t = translator('fr');
    expect(t('panel.greeting', { other: 'x' })).toBe('Bonjour {name}');
    expect(t('panel.greeting')).toBe('Bonjour {name}');
  });

  it('does not interpret replacement patterns in values', () => {
    expect(translator('fr')('panel.greeting', { name: '$& $1 {name}' })).toBe('Bonjour $& $1 {name}');
  });

  it('returns the key itself for an unknown key', () => {
    const t = translator('en');
    expect(t('nope.missing' as MessageKey)).toBe('nope.missing');
    expect(t('layout' as MessageKey)).toBe('layout'); // a group, not a text
    expect(t('layout.home.deeper' as MessageKey)).toBe('layout.home.deeper');
    expect(t('' as MessageKey)).toBe('');
  });

  it('translates every key of both dictionaries to a string other than the key', () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const key of fr.keys()) expect(t(key as MessageKey), `${locale} ${key}`).not.toBe(key);
    }
  });
});

describe('isLocale', () => {
  it.each<[unknown, boolean]>([
    ['fr', true],
    ['en', true],
    ['de', false],
    ['FR', false],
    ['', false],
    [undefined, false],
    [['fr'], false],
  ])('%j → %s', (value, expected) => {
    expect(isLocale(value)).toBe(expected);
  });
});

describe('localeFromAcceptLanguage', () => {
  it.each<[string | null, 'fr' | 'en']>([
    [null, 'fr'],
    ['', 'fr'],
    ['en-US,en;q=0.9', 'en'],
    ['en', 'en'],
    ['EN-gb', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['de-DE', 'fr'],
    ['de, en;q=0.5', 'en'],
    ['de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7', 'en'],
    ['en;q=0', 'fr'],
    ['en;q=0, de', 'fr'],
    ['fr;q=0.5, en;q=0.8', 'en'],
    ['en;q=0.5, fr;q=0.8', 'fr'],
    ['*', 'fr'],
    ['en;q=abc', 'fr'],
    ['  en-US  ', 'en'],
  ])('%j → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
