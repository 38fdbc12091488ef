import type { Account } from '@/lib/db/schema';
import { DIGIT_GROUPS, looksLikeEmail, MAX_EMAIL_LENGTH, normaliseEmail, type IdentifierKind } from '@/lib/identifiers/parse';
import { translator, type Locale, type MessageKey, type MessageValues, type Translate } from '@/lib/i18n/messages';

/**
 * The fields of an account, checked the same way wherever an account comes from: the staff
 * forms, a CSV import, the command line and the demo accounts. A problem is a code; the web forms
 * show it translated (lib/accounts/schema.ts) and operators' reports as an English sentence that
 * quotes the value (`describeProblem`).
 */
export const ACCOUNT_COLUMNS = ['identifier', 'kind', 'email', 'name', 'locale', 'role'] as const;
export type AccountColumn = (typeof ACCOUNT_COLUMNS)[number];
export type RawAccount = Partial<Record<AccountColumn, string>>;
export type Role = Account['role'];
export type AccountFields = { identifier: string; kind: IdentifierKind; email: string; name: string; locale?: Locale; role?: Role };

export const MAX_NAME_LENGTH = 200;

export type FieldProblem = { field: AccountColumn; value: string } & (
  | { code: 'empty' | 'unknown' | 'notEnabled' | 'bidi' | 'format' | 'spreadsheetNumber' | 'notDigits' }
  | { code: 'clientLength' | 'licenceLength'; digits: number }
  | { code: 'tooLong'; length: number }
  | { code: 'control'; position: number }
);

/** A sentence of an import report, said in the reader's language when it is shown. */
export type ReportMessage = { key: MessageKey; values?: MessageValues };
export type CheckedAccount = { ok: true; account: AccountFields; warnings: ReportMessage[] } | { ok: false; problems: FieldProblem[] };

// Values are compared without case or accents, so French files read as well.
export const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase();
const KINDS: Record<string, IdentifierKind> = {
  licence: 'licence', license: 'licence', 'numero de licence': 'licence',
  client: 'client', 'code client': 'client', 'client code': 'client', customer: 'client',
};
const ROLES: Record<string, Role> = { member: 'member', membre: 'member', admin: 'admin', administrateur: 'admin', administrator: 'admin' };
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// Bidirectional overrides make a name display as something else in the admin pages and emails.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;

type Result<T> = { value: T; warning?: ReportMessage } | { problem: FieldProblem };

export function checkKind(raw: string, kinds: readonly IdentifierKind[]): Result<IdentifierKind> {
  const value = raw.trim();
  const kind = KINDS[value.toLowerCase()] ?? KINDS[fold(value)];
  if (!value) return { problem: { field: 'kind', code: 'empty', value } };
  if (!kind) return { problem: { field: 'kind', code: 'unknown', value } };
  if (!kinds.includes(kind)) return { problem: { field: 'kind', code: 'notEnabled', value: kind } };
  return { value: kind };
}

/** An identifier of the given kind, normalised as sign-in normalises it (licences padded to 8 digits). */
export function checkIdentifier(raw: string, kind: IdentifierKind): Result<string> {
  const value = raw.normalize('NFKC').trim();
  const problem = (code: 'empty' | 'spreadsheetNumber' | 'notDigits') => ({ problem: { field: 'identifier' as const, code, value: raw } });
  if (value === '') return problem('empty');
  if (!DIGIT_GROUPS.test(value)) return problem(/^\d+([.,]\d+)?e\+?\d+$/i.test(value) ? 'spreadsheetNumber' : 'notDigits');
  const digits = value.replace(/[ .\-]/g, '');
  if (kind === 'client') {
    return digits.length === 5 ? { value: digits } : { problem: { field: 'identifier', code: 'clientLength', value: raw, digits: digits.length } };
  }
  if (digits.length > 8) return { problem: { field: 'identifier', code: 'licenceLength', value: raw, digits: digits.length } };
  const padded = digits.padStart(8, '0');
  if (padded === digits) return { value: digits };
  return { value: padded, warning: { key: 'importReport.licencePadded', values: { value: show(raw), padded } } };
}

export function checkEmail(raw: string): Result<string> {
  const value = normaliseEmail(raw);
  if (value === '') return { problem: { field: 'email', code: 'empty', value } };
  if (value.length > MAX_EMAIL_LENGTH) return { problem: { field: 'email', code: 'tooLong', value, length: raw.trim().length } };
  return looksLikeEmail(value) ? { value } : { problem: { field: 'email', code: 'format', value: raw.trim() } };
}

export function checkName(raw: string): Result<string>[] {
  const value = raw.normalize('NFC').trim();
  const problems: Result<string>[] = [];
  const controlAt = value.search(CONTROL);
  if (controlAt >= 0) problems.push({ problem: { field: 'name', code: 'control', value, position: controlAt + 1 } });
  else if (BIDI.test(value)) problems.push({ problem: { field: 'name', code: 'bidi', value } });
  // Characters, not UTF-16 units (an emoji is one); the cheap test first.
  const length = value.length > MAX_NAME_LENGTH ? [...value].length : value.length;
  if (length > MAX_NAME_LENGTH) problems.push({ problem: { field: 'name', code: 'tooLong', value, length } });
  return problems.length > 0 ? problems : [{ value }];
}

function checkLocale(raw: string): Result<Locale> {
  const value = raw.trim();
  const code = fold(value).slice(0, 2);
  if ((code === 'fr' || code === 'en') && /^[a-z]{2}([-_][a-z]{2})?$/i.test(value)) return { value: code };
  return { problem: { field: 'locale', code: 'unknown', value } };
}

function checkRole(raw: string): Result<Role> {
  const value = raw.trim();
  const role = ROLES[value.toLowerCase()] ?? ROLES[fold(value)];
  return role ? { value: role } : { problem: { field: 'role', code: 'unknown', value } };
}

/**
 * Checks every field of one account and reports every problem at once. Locale and role may be
 * left out (they then keep their current or default value) unless `requireAll`.
 */
export function checkAccountFields(raw: RawAccount, kinds: readonly IdentifierKind[], requireAll = false): CheckedAccount {
  const results: Result<unknown>[] = [];
  const kind = checkKind(raw.kind ?? '', kinds);
  const identifier = checkIdentifier(raw.identifier ?? '', 'value' in kind ? kind.value : 'licence');
  results.push(kind);
  // Without a known kind, only an empty identifier can be told wrong.
  if ('value' in kind || ('problem' in identifier && identifier.problem.code === 'empty')) results.push(identifier);
  const email = checkEmail(raw.email ?? '');
  const name = checkName(raw.name ?? '');
  results.push(email, ...name);
  const optional = <T>(field: 'locale' | 'role', check: (v: string) => Result<T>): Result<T | undefined> => {
    const text = raw[field]?.trim() ?? '';
    if (text) return check(text);
    return requireAll ? { problem: { field, code: 'empty', value: '' } } : { value: undefined };
  };
  const locale = optional('locale', checkLocale);
  const role = optional('role', checkRole);
  results.push(locale, role);

  const problems = results.flatMap((r) => ('problem' in r ? [r.problem] : []));
  if (!('value' in kind) || !('value' in identifier) || !('value' in email) || !('value' in name[0]) || !('value' in locale) || !('value' in role) || problems.length > 0) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    warnings: identifier.warning ? [identifier.warning] : [],
    account: { identifier: identifier.value, kind: kind.value, email: email.value, name: name[0].value, locale: locale.value, role: role.value },
  };
}

/** A value as it can be quoted in a message: escaped, and cut when long. */
export const show = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

const english = translator('en');

/** A problem as operators read it in an import report (in their language) or on the command line (English). */
export function describeProblem(p: FieldProblem, kinds: readonly IdentifierKind[], t: Translate = english): string {
  switch (p.code) {
    case 'empty':
      return p.field === 'kind' ? t('importReport.kindEmpty') : t('importReport.fieldEmpty', { field: p.field });
    case 'unknown':
      if (p.field === 'kind') return t('importReport.kindUnknown', { value: show(p.value) });
      return p.field === 'locale' ? t('importReport.localeUnknown', { value: show(p.value) }) : t('importReport.roleUnknown', { value: show(p.value) });
    case 'notEnabled':
      return t('importReport.kindNotEnabled', { value: p.value, kinds: kinds.join(',') });
    case 'notDigits':
      return t('importReport.notDigits', { value: show(p.value) });
    case 'spreadsheetNumber':
      return t('importReport.spreadsheetNumber', { value: show(p.value) });
    case 'clientLength':
      return t('importReport.clientLength', { value: show(p.value), digits: String(p.digits) });
    case 'licenceLength':
      return t('importReport.licenceLength', { value: show(p.value), digits: String(p.digits) });
    case 'tooLong':
      return t('importReport.tooLong', { field: p.field, length: String(p.length), max: String(p.field === 'email' ? MAX_EMAIL_LENGTH : MAX_NAME_LENGTH) });
    case 'format':
      return t('importReport.emailFormat', { value: show(p.value) });
    case 'control':
      return t('importReport.nameControl', { position: String(p.position) });
    case 'bidi':
      return t('importReport.nameBidi');
  }
}
