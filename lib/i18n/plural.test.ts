import { describe, expect, it } from 'vitest';
import { dictionaries, formatMessage, translator } from '@/lib/i18n/messages';

const MINUTES = 'Réessayez dans {minutes, plural, one {# minute} other {# minutes}}.';
const HOURS = 'Valid for {hours, plural, one {# hour} other {# hours}}.';

describe('plural messages (ICU MessageFormat)', () => {
  it.each([
    [0, 'Réessayez dans 0 minute.'],
    [1, 'Réessayez dans 1 minute.'],
    [2, 'Réessayez dans 2 minutes.'],
    [15, 'Réessayez dans 15 minutes.'],
  ])('French: %i', (minutes, expected) => {
    expect(formatMessage('fr', MINUTES, { minutes })).toBe(expected);
  });

  it.each([
    [0, 'Valid for 0 hours.'],
    [1, 'Valid for 1 hour.'],
    [2, 'Valid for 2 hours.'],
  ])('English: %i', (hours, expected) => {
    expect(formatMessage('en', HOURS, { hours })).toBe(expected);
  });

  it('writes "#" as the value is, and only inside a plural branch', () => {
    expect(formatMessage('en', '#{n, plural, other {# and #}}#', { n: 1000 })).toBe('#1000 and 1000#');
    expect(formatMessage('fr', MINUTES, { minutes: '3' })).toBe('Réessayez dans 3 minutes.');
  });

  it('fills simple placeholders around and inside the branches', () => {
    const text = '{who}: {n, plural, one {# message from {from}} other {# messages from {from}}} ({n})';
    expect(formatMessage('en', text, { who: 'Marie', n: 1, from: 'Léa' })).toBe('Marie: 1 message from Léa (1)');
    expect(formatMessage('en', text, { who: 'Marie', n: 3, from: 'Léa' })).toBe('Marie: 3 messages from Léa (3)');
  });

  it('chooses an exact "=n" branch first, then the category, then "other"', () => {
    const text = '{n, plural, =0 {none} one {one} other {#}}';
    expect([0, 1, 5].map((n) => formatMessage('en', text, { n }))).toEqual(['none', 'one', '5']);
    // French says "1 000 000 de…" ("many"): without that branch, "other" is used.
    expect(formatMessage('fr', '{n, plural, one {# heure} other {# heures}}', { n: 1_000_000 })).toBe('1000000 heures');
  });

  it('handles a plural inside a plural, "#" being the innermost number', () => {
    const text = '{a, plural, one {# file} other {# files}} in {b, plural, one {# folder} other {# folders {a, plural, one {(#)} other {[#]}}}}';
    expect(formatMessage('en', text, { a: 1, b: 2 })).toBe('1 file in 2 folders (1)');
  });

  it('leaves a placeholder or a block whose value is missing as it is', () => {
    expect(formatMessage('fr', MINUTES, {})).toBe(MINUTES);
    expect(formatMessage('fr', MINUTES, { other: 2 })).toBe(MINUTES);
    expect(formatMessage('en', '{name}, {n, plural, one {# {thing}} other {# {thing}s}}', { name: 'Tom' })).toBe(
      'Tom, {n, plural, one {# {thing}} other {# {thing}s}}',
    );
    expect(translator('fr')('signIn.throttled')).toBe(dictionaries.fr.signIn.throttled);
  });

  it('leaves a malformed block as written', () => {
    expect(formatMessage('en', 'a {n, plural, one {x} b', { n: 1 })).toBe('a {n, plural, one {x} b');
    expect(formatMessage('en', '{n, plural, one {x} seven {y}} {name}', { n: 1, name: 'Z' })).toBe('{n, plural, one {x} seven {y}} Z');
    expect(formatMessage('en', '{n, plural, one {x}}', { n: 2 })).toBe('{n, plural, one {x}}');
  });

  it('never reads a value as a message', () => {
    expect(formatMessage('en', HOURS.replace('hour}', '{unit}}'), { hours: 1, unit: '{hours} # $&' })).toBe('Valid for 1 {hours} # $&.');
  });
});

describe('plural messages of the dictionaries', () => {
  it.each([
    ['fr', 1, 'Réessayez dans 1 minute,'],
    ['fr', 2, 'Réessayez dans 2 minutes,'],
    ['fr', 15, 'Réessayez dans 15 minutes,'],
    ['en', 1, 'Try again in 1 minute,'],
    ['en', 2, 'Try again in 2 minutes,'],
    ['en', 15, 'Try again in 15 minutes,'],
  ] as const)('%s signIn.throttled, %i minute(s)', (locale, minutes, expected) => {
    expect(translator(locale)('signIn.throttled', { minutes })).toContain(expected);
  });

  it('use the same plural arguments in both languages', () => {
    const pluralArguments = (node: unknown, prefix = ''): string[] =>
      typeof node === 'string'
        ? [...node.matchAll(/\{(\w+),\s*plural,/g)].map((m) => `${prefix}:${m[1]}`).sort()
        : Object.entries(node as object).flatMap(([key, value]) => pluralArguments(value, `${prefix}${prefix ? '.' : ''}${key}`));
    expect(pluralArguments(dictionaries.en)).toEqual(pluralArguments(dictionaries.fr));
    expect(pluralArguments(dictionaries.fr).length).toBeGreaterThan(0);
  });

  it('have no "(s)" left: plurals are chosen, not hedged', () => {
    const texts = JSON.stringify(dictionaries);
    expect(texts).not.toMatch(/\(s\)/);
  });
});
