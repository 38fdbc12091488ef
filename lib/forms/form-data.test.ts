import { describe, expect, it } from 'vitest';
import { checkbox, single } from '@/lib/forms/form-data';

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

const file = () => new File(['00123456'], 'id.txt', { type: 'text/plain' });

describe('single', () => {
  it('returns the one text value of a field', () => {
    expect(single(form([['identifier', '00123456']]), 'identifier')).toBe('00123456');
  });

  it('returns the value untouched (no trimming, empty kept)', () => {
    expect(single(form([['identifier', '  00 12 34 56 ']]), 'identifier')).toBe('  00 12 34 56 ');
    expect(single(form([['identifier', '']]), 'identifier')).toBe('');
  });

  it('reads each field independently', () => {
    const data = form([
      ['identifier', '10005'],
      ['email', 'contact@papeterie-exemple.fr'],
      ['email2', 'a'],
      ['email2', 'b'],
    ]);
    expect(single(data, 'identifier')).toBe('10005');
    expect(single(data, 'email')).toBe('contact@papeterie-exemple.fr');
    expect(single(data, 'email2')).toBeUndefined();
  });

  it.each<[string, [string, string | Blob][]]>([
    ['missing field', [['other', 'x']]],
    ['empty form', []],
    ['field sent twice', [['identifier', '00123456'], ['identifier', '10005']]],
    ['field sent twice with the same value', [['identifier', '00123456'], ['identifier', '00123456']]],
    ['field sent three times', [['identifier', 'a'], ['identifier', 'b'], ['identifier', 'c']]],
    ['a file', [['identifier', file()]]],
    ['a blob', [['identifier', new Blob(['00123456'])]]],
    ['a text and a file', [['identifier', '00123456'], ['identifier', file()]]],
  ])('%s → undefined', (_label, entries) => {
    expect(single(form(entries), 'identifier')).toBeUndefined();
  });

  it('is exact about the field name', () => {
    const data = form([['Identifier', '00123456']]);
    expect(single(data, 'identifier')).toBeUndefined();
    expect(single(data, 'Identifier')).toBe('00123456');
  });
});

describe('checkbox', () => {
  it.each([
    ['on', true],
    ['1', true],
    ['true', true],
    ['off', false],
    ['0', false],
    ['false', false],
    ['', false],
    ['ON', false],
    ['yes', false],
  ])('value %j → %s', (value, expected) => {
    expect(checkbox(form([['remember', value]]), 'remember')).toBe(expected);
  });

  it.each<[string, [string, string | Blob][]]>([
    ['missing (an unticked box is not sent)', []],
    ['sent twice', [['remember', 'on'], ['remember', 'on']]],
    ['a file', [['remember', new File(['on'], 'on')]]],
  ])('%s → false', (_label, entries) => {
    expect(checkbox(form(entries), 'remember')).toBe(false);
  });
});
