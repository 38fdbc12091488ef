import { sql } from 'drizzle-orm';
import { readCsv } from '@/lib/accounts/csv';
import { audit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import { MAX_EMAIL_LENGTH, parseIdentifier, type IdentifierKind } from '@/lib/identifiers';

/**
 * Accounts from an operator's CSV file (`identifier, kind, email, name[, locale][, role]`).
 * Every bad row is reported with its line and never stops the others. Re-running a file updates
 * email, name, locale and role by identifier and never touches passwords or status.
 */
export type Problem = { line: number; message: string };
export type ImportReport = {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  warnings: Problem[];
  errors: Problem[];
};
export type ImportOptions = {
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
};

export type Locale = 'fr' | 'en';
export type Role = 'member' | 'admin';
export type AccountInput = { identifier: string; kind: IdentifierKind; email: string; name: string; locale?: Locale; role?: Role };
export type RawAccount = Partial<Record<Column, string>>;
type Checked = { ok: true; account: AccountInput; warnings: string[] } | { ok: false; problems: string[] };

const COLUMNS = ['identifier', 'kind', 'email', 'name', 'locale', 'role'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['identifier', 'kind', 'email', 'name'];

// Headers and values are compared without case or accents, so French files read as well.
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase();
const HEADER_ALIASES: Record<string, Column> = {
  identifier: 'identifier', identifiant: 'identifier',
  kind: 'kind', type: 'kind',
  email: 'email', 'e-mail': 'email', mail: 'email', courriel: 'email', 'adresse e-mail': 'email',
  name: 'name', nom: 'name',
  locale: 'locale', langue: 'locale', language: 'locale',
  role: 'role',
};
const KINDS: Record<string, IdentifierKind> = {
  licence: 'licence', license: 'licence', 'numero de licence': 'licence',
  client: 'client', 'code client': 'client', 'client code': 'client', customer: 'client',
};
const ROLES: Record<string, Role> = { member: 'member', membre: 'member', admin: 'admin', administrateur: 'admin', administrator: 'admin' };

export const MAX_NAME_LENGTH = 200;
const BATCH_SIZE = 1_000;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// Bidirectional overrides make a name display as something else in the admin pages and emails.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;
const DIGIT_GROUPS = /^\d+(?:[ .\-]+\d+)*$/;

/** A value as it can be quoted in a message: escaped, and cut when long. */
const show = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

type IdentifierCheck = { value: string; warning?: string } | { problem: string };

function checkIdentifier(raw: string, kind: IdentifierKind): IdentifierCheck {
  const value = raw.normalize('NFKC').trim();
  if (value === '') return { problem: 'identifier is empty' };
  if (!DIGIT_GROUPS.test(value)) {
    const hint = /^\d+([.,]\d+)?e\+?\d+$/i.test(value) ? ' (a spreadsheet turned it into a number: format the column as text)' : '';
    return { problem: `identifier ${show(raw)} is not made of digits${hint}` };
  }
  const digits = value.replace(/[ .\-]/g, '');
  if (kind === 'client') {
    return digits.length === 5 ? { value: digits } : { problem: `client code ${show(raw)} must have exactly 5 digits, it has ${digits.length}` };
  }
  if (digits.length > 8) return { problem: `licence number ${show(raw)} has ${digits.length} digits, at most 8 are allowed` };
  if (digits.length === 8) return { value: digits };
  const padded = digits.padStart(8, '0');
  return { value: padded, warning: `licence number ${show(raw)} was padded to "${padded}" (a spreadsheet probably dropped its leading zeros)` };
}

/** Validates one account as given in a file or on the command line. Messages never name the line. */
export function checkAccount(raw: RawAccount, kinds: readonly IdentifierKind[] = getConfig().identifierKinds): Checked {
  const problems: string[] = [];
  const warnings: string[] = [];

  const kindText = raw.kind?.trim() ?? '';
  const kind = KINDS[kindText.toLowerCase()] ?? KINDS[fold(kindText)];
  if (!kindText) problems.push('kind is empty (expected "licence" or "client")');
  else if (!kind) problems.push(`kind ${show(kindText)} is not "licence" or "client"`);
  else if (!kinds.includes(kind)) problems.push(`kind "${kind}" is not enabled here (IDENTIFIER_KINDS=${kinds.join(',')})`);

  const id = checkIdentifier(raw.identifier ?? '', kind ?? 'licence');
  // Without a known kind only an empty identifier can be told wrong.
  if ('problem' in id && (kind || !(raw.identifier ?? '').trim())) problems.push(id.problem);
  if ('warning' in id && id.warning) warnings.push(id.warning);
  const identifier = kind && 'value' in id ? id.value : null;

  const emailText = raw.email?.trim() ?? '';
  const email = parseIdentifier(emailText, []);
  if (!emailText) problems.push('email is empty');
  else if (emailText.length > MAX_EMAIL_LENGTH) problems.push(`email is ${emailText.length} characters long, at most ${MAX_EMAIL_LENGTH} are allowed`);
  else if (!email.ok || email.type !== 'email') problems.push(`email ${show(emailText)} is not a valid address`);

  const name = (raw.name ?? '').normalize('NFC').trim();
  const controlAt = name.search(CONTROL);
  if (controlAt >= 0) problems.push(`name contains a control character (a tab, a line break…) at position ${controlAt + 1}`);
  else if (BIDI.test(name)) problems.push('name contains a text-direction override character');
  // Characters, not UTF-16 units (an emoji is one); the cheap test first.
  const length = name.length > MAX_NAME_LENGTH ? [...name].length : name.length;
  if (length > MAX_NAME_LENGTH) problems.push(`name is ${length} characters long, at most ${MAX_NAME_LENGTH} are allowed`);

  let locale: Locale | undefined;
  const localeText = raw.locale?.trim() ?? '';
  if (localeText) {
    const code = fold(localeText).slice(0, 2);
    if ((code === 'fr' || code === 'en') && /^[a-z]{2}([-_][a-z]{2})?$/i.test(localeText)) locale = code;
    else problems.push(`locale ${show(localeText)} is not "fr" or "en"`);
  }

  let role: Role | undefined;
  const roleText = raw.role?.trim() ?? '';
  if (roleText) {
    role = ROLES[roleText.toLowerCase()] ?? ROLES[fold(roleText)];
    if (!role) problems.push(`role ${show(roleText)} is not "member" or "admin"`);
  }

  if (problems.length > 0 || !kind || !identifier || !email.ok) return { ok: false, problems };
  return { ok: true, warnings, account: { identifier, kind, email: email.value, name, locale, role } };
}

type Header = { columns: (Column | null)[]; problems: Problem[]; warnings: Problem[] };

function readHeader(fields: string[], line: number): Header {
  const columns: (Column | null)[] = [];
  const present = new Set<Column>();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const field of fields) {
    const column = HEADER_ALIASES[fold(field)] ?? null;
    if (column && present.has(column)) problems.push({ line, message: `column "${column}" appears twice in the header` });
    else if (column) present.add(column);
    else if (field.trim()) warnings.push({ line, message: `column ${show(field.trim())} is not known and was ignored` });
    columns.push(column);
  }
  const missing = REQUIRED.filter((c) => !present.has(c));
  if (missing.length > 0) {
    problems.push({
      line,
      message: `the header must name the columns ${COLUMNS.slice(0, 4).join(', ')} (and optionally locale, role); missing: ${missing.join(', ')}`,
    });
  }
  return { columns, problems, warnings };
}

type Valid = { line: number; account: AccountInput };

/** Reads, checks and writes the accounts of a CSV file, `batchSize` rows per statement. */
export async function importAccounts(csvText: string, options: ImportOptions = {}): Promise<ImportReport> {
  const { dryRun = false, onProgress, batchSize = BATCH_SIZE } = options;
  const kinds = getConfig().identifierKinds;
  const csv = readCsv(csvText);
  const report: ImportReport = { rows: 0, created: 0, updated: 0, unchanged: 0, warnings: [], errors: [...csv.problems] };
  const [headerRecord, ...records] = csv.records;
  report.rows = records.length;
  if (!headerRecord) {
    report.errors.push({ line: 1, message: 'the file is empty: it needs a header line and one line per account' });
    return report;
  }
  const header = readHeader(headerRecord.fields, headerRecord.line);
  report.warnings.push(...header.warnings);
  if (header.problems.length > 0) {
    report.errors.push(...header.problems);
    return finish(report, dryRun);
  }

  const seen = new Map<string, number>();
  for (let start = 0; start < records.length; start += batchSize) {
    const valid: Valid[] = [];
    for (const { line, fields } of records.slice(start, start + batchSize)) {
      const raw: RawAccount = {};
      header.columns.forEach((column, i) => {
        if (column) raw[column] = fields[i];
      });
      const extra = fields.slice(header.columns.length).filter((f) => f.trim() !== '').length;
      const checked = checkAccount(raw, kinds);
      const problems = checked.ok ? [] : [...checked.problems];
      if (extra > 0) {
        problems.push(
          `the line has ${header.columns.length + extra} values but the header names ${header.columns.length} ` +
            `(a value containing "${csv.separator}" must be in double quotes)`,
        );
      }
      if (checked.ok && problems.length === 0) {
        const first = seen.get(checked.account.identifier);
        if (first !== undefined) problems.push(`identifier "${checked.account.identifier}" already appears on line ${first}; this line was ignored`);
      }
      if (problems.length > 0 || !checked.ok) {
        report.errors.push({ line, message: problems.join('; ') });
        continue;
      }
      seen.set(checked.account.identifier, line);
      report.warnings.push(...checked.warnings.map((message) => ({ line, message })));
      valid.push({ line, account: checked.account });
    }
    await writeBatch(valid, dryRun, report);
    onProgress?.(Math.min(start + batchSize, records.length), records.length);
  }
  return finish(report, dryRun);
}

async function finish(report: ImportReport, dryRun: boolean): Promise<ImportReport> {
  const byLine = (a: Problem, b: Problem) => a.line - b.line;
  report.errors.sort(byLine);
  report.warnings.sort(byLine);
  if (!dryRun) {
    const { rows, created, updated, unchanged } = report;
    await audit({ type: 'accounts_imported', details: { rows, created, updated, unchanged, errors: report.errors.length } });
  }
  return report;
}

/**
 * One select tells new, changed and unchanged rows apart; one `insert … on conflict do update`
 * writes the new and changed ones.
 */
async function writeBatch(batch: Valid[], dryRun: boolean, report: ImportReport): Promise<void> {
  if (batch.length === 0) return;
  const db = getDb();
  const identifiers = JSON.stringify(batch.map((v) => v.account.identifier));
  const existing = new Map(
    (
      await db
        .select({ identifier: accounts.identifier, email: accounts.email, name: accounts.name, locale: accounts.locale, role: accounts.role })
        .from(accounts)
        .where(sql`${accounts.identifier} in (select json_array_elements_text(${identifiers}::json))`)
    ).map((row) => [row.identifier, row]),
  );

  // Locale and role left out of the file (no column, or an empty cell) keep their current value.
  const toWrite: (AccountInput & { locale: Locale; role: Role })[] = [];
  for (const { line, account } of batch) {
    const current = existing.get(account.identifier);
    const next = { ...account, locale: account.locale ?? current?.locale ?? 'fr', role: account.role ?? current?.role ?? 'member' };
    if (!current) {
      report.created += 1;
      toWrite.push(next);
      continue;
    }
    if (current.email === next.email && current.name === next.name && current.locale === next.locale && current.role === next.role) {
      report.unchanged += 1;
      continue;
    }
    report.updated += 1;
    toWrite.push(next);
    if (current.role !== next.role) {
      report.warnings.push({ line, message: `account "${account.identifier}" changes role from ${current.role} to ${next.role}` });
    }
  }
  if (dryRun || toWrite.length === 0) return;

  // The rows travel as one JSON parameter: Drizzle's builder takes longer to write a
  // 1,000-row VALUES list than Postgres takes to run it.
  const rows = JSON.stringify(toWrite.map(({ identifier, kind, email, name, locale, role }) => ({ identifier, kind, email, name, locale, role })));
  const at = now().toISOString();
  await db.execute(sql`
    insert into accounts (identifier, kind, email, name, locale, role, created_at, updated_at)
    select r.identifier, r.kind, r.email, r.name, r.locale, r.role, ${at}::timestamptz, ${at}::timestamptz
    from json_to_recordset(${rows}::json) as r(identifier text, kind text, email text, name text, locale text, role text)
    on conflict (identifier) do update
      -- Never the password, the status or the kind: a re-import only refreshes these four.
      set email = excluded.email, name = excluded.name, locale = excluded.locale, role = excluded.role, updated_at = excluded.updated_at`);
}

/** Creates one pending account (CLI `create` and `create-admin`); refuses an identifier in use. */
export async function createAccount(input: RawAccount, actor = 'cli'): Promise<{ account: Account; warnings: string[] }> {
  const checked = checkAccount(input);
  if (!checked.ok) throw new Error(`The account was not created: ${checked.problems.join('; ')}.`);
  const { account } = checked;
  const at = now();
  const [row] = await getDb()
    .insert(accounts)
    .values({ ...account, locale: account.locale ?? 'fr', role: account.role ?? 'member', createdAt: at, updatedAt: at })
    .onConflictDoNothing({ target: accounts.identifier })
    .returning();
  if (!row) throw new Error(`An account with the identifier "${account.identifier}" already exists; nothing was changed.`);
  await audit({ type: 'account_created', accountId: row.id, identifier: row.identifier, details: { by: actor, role: row.role } });
  return { account: row, warnings: checked.warnings };
}
