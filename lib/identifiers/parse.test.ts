import { describe, expect, it } from 'vitest';
import { MAX_EMAIL_LENGTH, normaliseEmail, parseIdentifier, type IdentifierKind } from '@/lib/identifiers/parse';

// IDENTIFIER_KINDS: one deployment enables one or both kinds (default both).
const BOTH: IdentifierKind[] = ['licence', 'client'];
const LICENCE_ONLY: IdentifierKind[] = ['licence'];
const CLIENT_ONLY: IdentifierKind[] = ['client'];

const licence = (value: string) => ({ ok: true, type: 'licence', value });
const client = (value: string) => ({ ok: true, type: 'client', value });
const email = (value: string) => ({ ok: true, type: 'email', value });
const error = (kind: 'required' | 'format' | 'tooLong') => ({ ok: false, error: kind });

describe('parseIdentifier: licence numbers (1 to 8 digits, left-padded to 8)', () => {
  it.each([
    ['00123456', '00123456'],
    ['123456', '00123456'], // people forget the leading zeros
    ['1', '00000001'],
    ['0', '00000000'],
    ['1234', '00001234'],
    ['1234567', '01234567'],
    ['12345678', '12345678'],
    ['99999999', '99999999'],
  ])('%j → licence %j', (input, expected) => {
    expect(parseIdentifier(input, BOTH)).toEqual(licence(expected));
  });

  it.each(['123456789', '000123456', '1234567890', '0'.repeat(50)])('%j (9 digits or more) → format', (input) => {
    expect(parseIdentifier(input, BOTH)).toEqual(error('format'));
  });
});

describe('parseIdentifier: normalisation (NFKC, trim, separators between digits)', () => {
  it.each([
    ['full-width digits', '００１２３４５６', licence('00123456')],
    ['full-width digits, short', '１２３４５６', licence('00123456')],
    ['full-width client code', '１０００５', client('10005')],
    ['ideographic space between full-width digits', '００　１２　３４　５６', licence('00123456')],
    ['leading and trailing spaces', '   00123456   ', licence('00123456')],
    ['leading tab, trailing newline (trimmed)', '\t00123456\n', licence('00123456')],
    ['trailing CRLF (trimmed)', '00123456\r\n', licence('00123456')],
    ['no-break space (NFKC → space) between digits', '00\u00a012\u00a034\u00a056', licence('00123456')],
    ['spaces between digit pairs', '00 12 34 56', licence('00123456')],
    ['dots as thousands separators', '12.345.678', licence('12345678')],
    ['dash', '123-45', client('12345')],
    ['dashes, licence', '0012-3456', licence('00123456')],
    ['mixed separators', '00.12-34 56', licence('00123456')],
    ['separator run between digits', '00 - 12 - 34 - 56', licence('00123456')],
    ['separators dropped before counting: 5 digits', '10 005', client('10005')],
    ['separators dropped before padding', '12 34', licence('00001234')],
  ])('%s: %j', (_label, input, expected) => {
    expect(parseIdentifier(input, BOTH)).toEqual(expected);
  });

  it.each([
    ['leading dot', '.00123456'],
    ['trailing dot', '00123456.'],
    ['leading dash', '-00123456'],
    ['trailing dash', '00123456-'],
    ['leading and trailing dashes', '-123-'],
    ['only separators', '. - .'],
    ['only a dot', '.'],
    ['only a dash', '-'],
  ])('separator at the start or end (%s): %j → format', (_label, input) => {
    expect(parseIdentifier(input, BOTH)).toEqual(error('format'));
  });

  it.each([
    ['slash', '00/12/34'],
    ['comma', '00,123,456'],
    ['underscore', '00_123_456'],
    ['plus', '+123456'],
    ['NUL byte between digits', '0012\u00003456'],
    ['NUL byte at the end', '00123456\u0000'],
    ['NUL byte at the start', '\u000000123456'],
    ['zero-width space between digits', '0012\u200b3456'],
    ['Arabic-Indic digits (not ASCII after NFKC)', '١٢٣٤٥٦'],
    ['« n° » prefix', 'n°123'],
    ['superscript digits (NFKC → digits) are fine, but not after a letter', 'x¹²³'],
  ])('other characters (%s): %j → format', (_label, input) => {
    expect(parseIdentifier(input, BOTH)).toEqual(error('format'));
  });

  // Only spaces, dots and dashes are allowed between digits. A line break inside the value is
  // not a space: a field posted with "1234\r\n5678" must be refused, not read as licence 12345678.
  // (The separator class is a space, a dot or a dash, never `\s`, which would also match CR, LF, tab, U+2028…)
  it.each([
    ['CRLF between digits', '1234\r\n5678'],
    ['LF between digits', '0012\n3456'],
    ['CR between digits', '10\r005'],
  ])('line break inside the value (%s): %j → format', (_label, input) => {
    expect(parseIdentifier(input, BOTH)).toEqual(error('format'));
  });
});

describe('parseIdentifier: which kinds are enabled', () => {
  it.each<[string, IdentifierKind[], object]>([
    // 5 digits
    ['10005', BOTH, client('10005')],
    ['10005', CLIENT_ONLY, client('10005')],
    ['10005', LICENCE_ONLY, licence('00010005')],
    ['00001', BOTH, client('00001')],
    ['10 005', CLIENT_ONLY, client('10005')],
    // 8 digits
    ['00123456', BOTH, licence('00123456')],
    ['00123456', LICENCE_ONLY, licence('00123456')],
    ['00123456', CLIENT_ONLY, error('format')],
    // fewer than 5 digits: never padded into a client code
    ['1005', BOTH, licence('00001005')],
    ['1005', LICENCE_ONLY, licence('00001005')],
    ['1005', CLIENT_ONLY, error('format')],
    // 6 digits
    ['100050', CLIENT_ONLY, error('format')],
    ['100050', LICENCE_ONLY, licence('00100050')],
    // 9 digits: nothing
    ['123456789', LICENCE_ONLY, error('format')],
    ['123456789', CLIENT_ONLY, error('format')],
    // no kind at all: digits are never accepted
    ['10005', [], error('format')],
    ['00123456', [], error('format')],
  ])('%j with %j', (input, kinds, expected) => {
    expect(parseIdentifier(input, kinds)).toEqual(expected);
  });

  it.each<[IdentifierKind[]]>([[BOTH], [LICENCE_ONLY], [CLIENT_ONLY], [[]]])('emails are accepted whatever the kinds (%j)', (kinds) => {
    expect(parseIdentifier('marie.dupont@example.org', kinds)).toEqual(email('marie.dupont@example.org'));
  });

  it('the order of kinds does not matter', () => {
    expect(parseIdentifier('10005', ['client', 'licence'])).toEqual(client('10005'));
    expect(parseIdentifier('123456', ['client', 'licence'])).toEqual(licence('00123456'));
  });
});

describe('parseIdentifier: emails', () => {
  it.each([
    ['marie.dupont@example.org', 'marie.dupont@example.org'],
    ['Marie.Dupont@Example.ORG', 'marie.dupont@example.org'],
    ['  famille.durand@example.org  ', 'famille.durand@example.org'],
    ['CONTACT@PAPETERIE-EXEMPLE.FR', 'contact@papeterie-exemple.fr'],
    ['marie+sport@example.org', 'marie+sport@example.org'],
    ['12345@example.org', '12345@example.org'], // contains @ → email, even if it starts with digits
    ['ｍａｒｉｅ＠ｅｘａｍｐｌｅ．ｏｒｇ', 'marie@example.org'], // full-width, NFKC
  ])('%j → email %j', (input, expected) => {
    expect(parseIdentifier(input, BOTH)).toEqual(email(expected));
  });

  it.each([
    ['no local part', '@example.org'],
    ['no domain', 'marie@'],
    ['only @', '@'],
    ['two @', 'marie@dupont@example.org'],
    ['space inside', 'marie dupont@example.org'],
    ['CRLF inside (header injection attempt)', 'marie@example.org\r\nBcc: x@evil.test'],
    ['LF inside', 'marie@example.org\nx'],
    ['NUL inside', 'marie@example.org\u0000'],
  ])('malformed email (%s): %j → format', (_label, input) => {
    expect(parseIdentifier(input, BOTH)).toEqual(error('format'));
  });

  it(`accepts an email of exactly ${MAX_EMAIL_LENGTH} characters`, () => {
    const domain = '@example.org';
    const address = 'a'.repeat(MAX_EMAIL_LENGTH - domain.length) + domain;
    expect(address).toHaveLength(254);
    expect(parseIdentifier(address, BOTH)).toEqual(email(address));
  });

  it('refuses an email of 255 characters as tooLong', () => {
    const domain = '@example.org';
    const address = 'a'.repeat(255 - domain.length) + domain;
    expect(parseIdentifier(address, BOTH)).toEqual(error('tooLong'));
  });

  it('measures the email after trimming', () => {
    const domain = '@example.org';
    const address = 'a'.repeat(254 - domain.length) + domain;
    expect(parseIdentifier(`   ${address}   `, BOTH)).toEqual(email(address));
  });

  it('MAX_EMAIL_LENGTH is 254', () => {
    expect(MAX_EMAIL_LENGTH).toBe(254);
  });
});

describe('parseIdentifier: missing, hostile and oversized input', () => {
  it.each([
    ['empty string', ''],
    ['spaces only', '     '],
    ['tab and newlines only', '\t\r\n'],
    ['ideographic space only (NFKC → space)', '\u3000'],
    ['no-break space only', '\u00a0'],
  ])('%s → required', (_label, input) => {
    expect(parseIdentifier(input, BOTH)).toEqual(error('required'));
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['number', 123456],
    ['array of one string', ['00123456']],
    ['array of two strings', ['00123456', '10005']],
    ['object', { toString: () => '00123456' }],
    ['boolean', true],
  ])('non-string input (%s) → required', (_label, input) => {
    expect(parseIdentifier(input, BOTH)).toEqual(error('required'));
  });

  it.each([
    ['letters', 'abcdef'],
    ['letters and digits', 'AB123456'],
    ['digits then letters', '00123456a'],
    ['doubled letters', 'AA'],
    ['a licence with a letter O for a zero', '0O123456'],
    ['SQL fragment', "1' OR '1'='1"],
    ['SQL fragment after a valid number', "00123456' --"],
    ['SQL comment', '00123456; DROP TABLE accounts'],
    ['HTML', '<script>alert(1)</script>'],
    ['negative number', '-123'],
    ['decimal with comma', '12,5'],
    ['exponent', '1e5'],
    ['hexadecimal', '0x1F'],
  ])('%s: %j → format', (_label, input) => {
    expect(parseIdentifier(input, BOTH)).toEqual(error('format'));
  });

  it('refuses input over 320 characters as tooLong, before looking at it', () => {
    expect(parseIdentifier('1'.repeat(321), BOTH)).toEqual(error('tooLong'));
    expect(parseIdentifier(' '.repeat(321), BOTH)).toEqual(error('tooLong'));
    expect(parseIdentifier(`${'a'.repeat(310)}@example.org`, BOTH)).toEqual(error('tooLong'));
  });

  it('still reads input of exactly 320 characters', () => {
    const padded = `${' '.repeat(156)}00123456${' '.repeat(156)}`;
    expect(padded).toHaveLength(320);
    expect(parseIdentifier(padded, BOTH)).toEqual(licence('00123456'));
  });

  it('never returns anything but digits for a licence or client code', () => {
    const inputs = ['00 12 34 56', '12.345.678', '123-45', '１２３', '\t42\n', '1 2 3 4 5'];
    for (const input of inputs) {
      const parsed = parseIdentifier(input, BOTH);
      expect(parsed.ok, input).toBe(true);
      if (parsed.ok) expect(parsed.value, input).toMatch(/^\d{5}$|^\d{8}$/);
    }
  });
});

describe('normaliseEmail', () => {
  it.each([
    ['Marie.Dupont@Example.org', 'marie.dupont@example.org'],
    ['  contact@papeterie-exemple.fr \n', 'contact@papeterie-exemple.fr'],
    ['ＭＡＲＩＥ＠ＥＸＡＭＰＬＥ．ＯＲＧ', 'marie@example.org'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  it('agrees with parseIdentifier on valid emails', () => {
    const raw = '  Famille.Durand@Example.ORG ';
    expect(parseIdentifier(raw, BOTH)).toEqual(email(normaliseEmail(raw)));
  });
});
