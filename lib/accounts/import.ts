import { sql } from 'drizzle-orm';
import { readCsv } from '@/lib/accounts/csv';
import {
  checkAccountFields,
  describeProblem,
  show,
  type AccountFields,
  type RawAccount,
  type ReportMessage,
} from '@/lib/accounts/fields';
import { columnOf, inferKind, looksLikeWordPress, requiredColumns, type ColumnReading, type ImportColumn, type ImportSource } from '@/lib/accounts/import-columns';
import {
  countHashCell,
  emptyPasswordReport,
  hashDecision,
  readHashCell,
  writeImportedHashes,
  type HashWrite,
  type PasswordReport,
} from '@/lib/accounts/import-passwords';
import { changeRoles, type RoleTarget } from '@/lib/accounts/role';
import { audit, type Actor } from '@/lib/audit';
import { now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { auditRevocations, revokeEmailedSecretsOf } from '@/lib/emailed-secrets/revoke';
import type { IdentifierKind } from '@/lib/identifiers/parse';
import { translator, type Locale, type Translate } from '@/lib/i18n/messages';

/**
 * Accounts from an operator's CSV file (`identifier, kind, email, name[, locale][, role][, password_hash]`,
 * or a WordPress site's user export: lib/accounts/import-columns.ts). Every bad row is reported with
 * its line and never stops the others. Re-running a file updates email, name, locale and role by
 * identifier and never touches status; a changed role ends the account's open sessions
 * (lib/accounts/role.ts). A recognised `password_hash` makes an account active with the password
 * its holder already has (lib/accounts/import-passwords.ts); it never replaces a password chosen
 * in Sésame unless `replacePasswords`.
 */
export type Problem = { line: number; message: string };
export type ImportReport = {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  warnings: Problem[];
  errors: Problem[];
  /** Only when the file has a `password_hash` column (absent from reports stored before it existed). */
  passwords?: PasswordReport;
  /** `wordpress` when the file was read as a WordPress export. */
  source?: 'wordpress';
};
export type ImportOptions = {
  dryRun?: boolean;
  /** The report's language: English by default, as on the command line; the admin page's own. */
  locale?: Locale;
  /** The admin who confirmed an import from /admin, for the audit events of the changes it makes. */
  actor?: Actor;
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
  /** `wordpress`: a WordPress user export (also recognised by its header without being asked). */
  from?: ImportSource;
  /** The header of the column that holds the identifier, when it is not the usual one. */
  identifierColumn?: string;
  /** The kind of every identifier of a file that has no kind column (a WordPress export). */
  kind?: IdentifierKind;
  /** Lets a `password_hash` replace a password already set in Sésame (its sessions end). */
  replacePasswords?: boolean;
};

type Valid = { line: number; account: AccountFields; hash: string | null };

const BATCH_SIZE = 1_000;

const english = translator('en');

/** One account as given in a file or on the command line: its fields and warnings, or its problems, as sentences (English by default). */
export function checkAccount(raw: RawAccount, kinds: readonly IdentifierKind[] = getConfig().identifierKinds, t: Translate = english) {
  const checked = checkAccountFields(raw, kinds);
  if (!checked.ok) return { ok: false as const, problems: checked.problems.map((p) => describeProblem(p, kinds, t)) };
  return { ok: true as const, account: checked.account, warnings: checked.warnings.map((w) => t(w.key, w.values)) };
}

type Header = { columns: (ImportColumn | null)[]; present: Set<ImportColumn>; problems: Problem[]; warnings: Problem[] };

function readHeader(fields: string[], line: number, reading: ColumnReading, t: Translate): Header {
  const columns: (ImportColumn | null)[] = [];
  const present = new Set<ImportColumn>();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const field of fields) {
    const column = columnOf(field, reading);
    if (column && present.has(column)) problems.push({ line, message: t('importReport.columnTwice', { column }) });
    else if (column) present.add(column);
    else if (field.trim()) warnings.push({ line, message: t('importReport.columnUnknown', { value: show(field.trim()) }) });
    columns.push(column);
  }
  const missing = requiredColumns(reading.source).filter((c) => !present.has(c));
  if (missing.length > 0 && reading.identifierColumn !== undefined && missing.includes('identifier')) {
    problems.push({ line, message: t('importReport.identifierColumnMissing', { column: show(reading.identifierColumn) }) });
  } else if (missing.length > 0) {
    const key = reading.source === 'wordpress' ? 'importReport.wordpressHeaderMissing' : 'importReport.headerMissing';
    problems.push({ line, message: t(key, { columns: requiredColumns('sesame').join(', '), missing: missing.join(', ') }) });
  }
  return { columns, present, problems, warnings };
}

/** Reads, checks and writes the accounts of a CSV file, `batchSize` rows per statement. */
export async function importAccounts(csvText: string, options: ImportOptions = {}): Promise<ImportReport> {
  const { dryRun = false, onProgress, batchSize = BATCH_SIZE } = options;
  const t = options.locale ? translator(options.locale) : english;
  const say = (m: ReportMessage) => t(m.key, m.values);
  const kinds = getConfig().identifierKinds;
  const csv = readCsv(csvText);
  const errors = csv.problems.map((p) => ({ line: p.line, message: say(p.message) }));
  const report: ImportReport = { rows: 0, created: 0, updated: 0, unchanged: 0, warnings: [], errors };
  const [headerRecord, ...records] = csv.records;
  report.rows = records.length;
  if (!headerRecord) {
    report.errors.push({ line: 1, message: t('importReport.emptyFile') });
    return report;
  }
  const source: ImportSource = options.from === 'wordpress' || looksLikeWordPress(headerRecord.fields) ? 'wordpress' : 'sesame';
  if (source === 'wordpress') report.source = source;
  const header = readHeader(headerRecord.fields, headerRecord.line, { source, identifierColumn: options.identifierColumn }, t);
  report.warnings.push(...header.warnings);
  if (header.problems.length > 0) {
    report.errors.push(...header.problems);
    return finish(report, dryRun);
  }
  if (header.present.has('password_hash')) report.passwords = emptyPasswordReport();
  // Without a kind column (a WordPress export), each identifier's kind follows from its digits.
  const kindOf = header.present.has('kind') ? null : (identifier: string) => inferKind(identifier, kinds, options.kind);

  const seen = new Map<string, number>();
  for (let start = 0; start < records.length; start += batchSize) {
    const valid: Valid[] = [];
    for (const { line, fields } of records.slice(start, start + batchSize)) {
      const raw: RawAccount & { password_hash?: string } = {};
      header.columns.forEach((column, i) => {
        if (column) raw[column] = fields[i];
      });
      if (kindOf) raw.kind = kindOf(raw.identifier ?? '');
      const extra = fields.slice(header.columns.length).filter((f) => f.trim() !== '').length;
      const checked = checkAccount(raw, kinds, t);
      const problems = checked.ok ? [] : [...checked.problems];
      if (extra > 0) {
        problems.push(t('importReport.extraValues', { count: String(header.columns.length + extra), named: String(header.columns.length), separator: csv.separator }));
      }
      if (checked.ok && problems.length === 0) {
        const first = seen.get(checked.account.identifier);
        if (first !== undefined) problems.push(t('importReport.duplicate', { identifier: checked.account.identifier, first: String(first) }));
      }
      if (problems.length > 0 || !checked.ok) {
        if (source === 'wordpress' && !options.identifierColumn && !checked.ok && raw.identifier?.trim()) problems.push(t('importReport.wordpressIdentifierHint'));
        report.errors.push({ line, message: problems.join('; ') });
        continue;
      }
      seen.set(checked.account.identifier, line);
      report.warnings.push(...checked.warnings.map((message) => ({ line, message })));
      const cell = readHashCell(raw.password_hash);
      if (report.passwords) countHashCell(report.passwords, cell);
      if (cell.kind === 'unrecognised') report.warnings.push({ line, message: t(cell.tooCostly ? 'importReport.hashTooCostly' : 'importReport.hashUnrecognised') });
      valid.push({ line, account: checked.account, hash: cell.kind === 'hash' ? cell.hash : null });
    }
    await writeBatch(valid, { dryRun, actor: options.actor, replacePasswords: Boolean(options.replacePasswords) }, report, t);
    onProgress?.(Math.min(start + batchSize, records.length), records.length);
  }
  return finish(report, dryRun);
}

async function finish(report: ImportReport, dryRun: boolean): Promise<ImportReport> {
  const byLine = (a: Problem, b: Problem) => a.line - b.line;
  report.errors.sort(byLine);
  report.warnings.sort(byLine);
  if (!dryRun) {
    const { rows, created, updated, unchanged, passwords } = report;
    const importedHashes = passwords ? Object.values(passwords.formats).reduce((a, b) => a + b, 0) : 0;
    await audit({ type: 'accounts_imported', details: { rows, created, updated, unchanged, errors: report.errors.length, importedHashes } });
  }
  return report;
}

/**
 * One select tells new, changed and unchanged rows apart; one `insert … on conflict do update`
 * writes the new and changed ones; imported hashes of existing accounts are written apart
 * (lib/accounts/import-passwords.ts), in the same transaction.
 */
async function writeBatch(
  batch: Valid[],
  { dryRun, actor, replacePasswords }: { dryRun: boolean; actor?: Actor; replacePasswords: boolean },
  report: ImportReport,
  t: Translate,
): Promise<void> {
  if (batch.length === 0) return;
  const db = getDb();
  const identifiers = JSON.stringify(batch.map((v) => v.account.identifier));
  const existing = new Map(
    (
      await db
        .select({
          id: accounts.id,
          identifier: accounts.identifier,
          email: accounts.email,
          name: accounts.name,
          locale: accounts.locale,
          role: accounts.role,
          hasPassword: sql<boolean>`${accounts.passwordHash} is not null`,
          importedHash: accounts.importedPasswordHash,
        })
        .from(accounts)
        .where(sql`${accounts.identifier} in (select json_array_elements_text(${identifiers}::json))`)
    ).map((row) => [row.identifier, row]),
  );

  // Locale and role left out of the file (no column, or an empty cell) keep their current value.
  const toWrite: (Required<AccountFields> & { hash: string | null })[] = [];
  // Accounts whose address changes: links sent to the old one (password and address-change links)
  // are revoked with the update.
  const emailChanged: string[] = [];
  // Accounts whose role changes: changed apart (changeRoles), which ends their sessions.
  const roleChanged: RoleTarget[] = [];
  const hashWrites: HashWrite[] = [];
  for (const { line, account, hash } of batch) {
    const current = existing.get(account.identifier);
    const next = { ...account, locale: account.locale ?? current?.locale ?? 'fr', role: account.role ?? current?.role ?? 'member', hash };
    if (!current) {
      report.created += 1;
      toWrite.push(next);
      continue;
    }
    const decision = hash === null ? 'same' : hashDecision(current, hash, replacePasswords);
    if (decision === 'refused') {
      report.errors.push({ line, message: t('importReport.passwordAlreadySet', { identifier: account.identifier }) });
      continue;
    }
    if (decision === 'write' || decision === 'replace') {
      hashWrites.push({ accountId: current.id, identifier: account.identifier, hash: hash!, replace: decision === 'replace' });
      if (decision === 'replace') {
        report.passwords!.replaced += 1;
        report.warnings.push({ line, message: t('importReport.passwordReplaced', { identifier: account.identifier }) });
      }
    }
    const fieldsSame = current.email === next.email && current.name === next.name && current.locale === next.locale && current.role === next.role;
    if (fieldsSame && decision === 'same') {
      report.unchanged += 1;
      continue;
    }
    report.updated += 1;
    if (!fieldsSame) toWrite.push({ ...next, hash: null });
    if (current.email !== next.email) emailChanged.push(current.id);
    if (current.role !== next.role) {
      roleChanged.push({ accountId: current.id, role: next.role });
      report.warnings.push({ line, message: t('importReport.roleChange', { identifier: account.identifier, from: current.role, to: next.role }) });
    }
  }
  if (dryRun || (toWrite.length === 0 && hashWrites.length === 0)) return;

  // The rows travel as one JSON parameter: Drizzle's builder takes longer to write a
  // 1,000-row VALUES list than Postgres takes to run it. The role is written here for new accounts
  // only; an existing account's goes through changeRoles, in the same transaction. A new account
  // with an imported hash is active at once; an existing one gets its hash from writeImportedHashes.
  const rows = JSON.stringify(toWrite.map(({ identifier, kind, email, name, locale, role, hash }) => ({ identifier, kind, email, name, locale, role, hash })));
  const at = now();
  const stamp = at.toISOString();
  const revocations = await db.transaction(async (tx) => {
    if (toWrite.length > 0) {
      await tx.execute(sql`
        insert into accounts (identifier, kind, email, name, locale, role, status, imported_password_hash, password_imported_at, activated_at, created_at, updated_at)
        select r.identifier, r.kind, r.email, r.name, r.locale, r.role,
          case when r.hash is null then 'pending' else 'active' end, r.hash,
          case when r.hash is null then null else ${stamp}::timestamptz end,
          case when r.hash is null then null else ${stamp}::timestamptz end,
          ${stamp}::timestamptz, ${stamp}::timestamptz
        from json_to_recordset(${rows}::json) as r(identifier text, kind text, email text, name text, locale text, role text, hash text)
        on conflict (identifier) do update
          -- Never the password, the status or the kind; the role apart, below.
          set email = excluded.email, name = excluded.name, locale = excluded.locale, updated_at = excluded.updated_at`);
    }
    await writeImportedHashes(tx, hashWrites, at, actor);
    await changeRoles(tx, roleChanged, { source: 'import', actor }, at);
    return revokeEmailedSecretsOf(tx, emailChanged, 'email_changed', at);
  });
  await auditRevocations(revocations, actor);
}
