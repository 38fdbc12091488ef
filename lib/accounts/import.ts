import { sql } from 'drizzle-orm';
import { readCsv } from '@/lib/accounts/csv';
import {
  ACCOUNT_COLUMNS,
  checkAccountFields,
  describeProblem,
  fold,
  show,
  type AccountColumn,
  type AccountFields,
  type RawAccount,
  type ReportMessage,
} from '@/lib/accounts/fields';
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
 * Accounts from an operator's CSV file (`identifier, kind, email, name[, locale][, role]`).
 * Every bad row is reported with its line and never stops the others. Re-running a file updates
 * email, name, locale and role by identifier and never touches passwords or status; a changed role
 * ends the account's open sessions (lib/accounts/role.ts).
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
  /** The report's language: English by default, as on the command line; the admin page's own. */
  locale?: Locale;
  /** The admin who confirmed an import from /admin, for the audit events of the changes it makes. */
  actor?: Actor;
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
};

type Valid = { line: number; account: AccountFields };

const REQUIRED: AccountColumn[] = ['identifier', 'kind', 'email', 'name'];
const HEADER_ALIASES: Record<string, AccountColumn> = {
  identifier: 'identifier', identifiant: 'identifier',
  kind: 'kind', type: 'kind',
  email: 'email', 'e-mail': 'email', mail: 'email', courriel: 'email', 'adresse e-mail': 'email',
  name: 'name', nom: 'name',
  locale: 'locale', langue: 'locale', language: 'locale',
  role: 'role',
};
const BATCH_SIZE = 1_000;

const english = translator('en');

/** One account as given in a file or on the command line: its fields and warnings, or its problems, as sentences (English by default). */
export function checkAccount(raw: RawAccount, kinds: readonly IdentifierKind[] = getConfig().identifierKinds, t: Translate = english) {
  const checked = checkAccountFields(raw, kinds);
  if (!checked.ok) return { ok: false as const, problems: checked.problems.map((p) => describeProblem(p, kinds, t)) };
  return { ok: true as const, account: checked.account, warnings: checked.warnings.map((w) => t(w.key, w.values)) };
}

type Header = { columns: (AccountColumn | null)[]; problems: Problem[]; warnings: Problem[] };

function readHeader(fields: string[], line: number, t: Translate): Header {
  const columns: (AccountColumn | null)[] = [];
  const present = new Set<AccountColumn>();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const field of fields) {
    const column = HEADER_ALIASES[fold(field)] ?? null;
    if (column && present.has(column)) problems.push({ line, message: t('importReport.columnTwice', { column }) });
    else if (column) present.add(column);
    else if (field.trim()) warnings.push({ line, message: t('importReport.columnUnknown', { value: show(field.trim()) }) });
    columns.push(column);
  }
  const missing = REQUIRED.filter((c) => !present.has(c));
  if (missing.length > 0) {
    problems.push({
      line,
      message: t('importReport.headerMissing', { columns: ACCOUNT_COLUMNS.slice(0, 4).join(', '), missing: missing.join(', ') }),
    });
  }
  return { columns, problems, warnings };
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
  const header = readHeader(headerRecord.fields, headerRecord.line, t);
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
        report.errors.push({ line, message: problems.join('; ') });
        continue;
      }
      seen.set(checked.account.identifier, line);
      report.warnings.push(...checked.warnings.map((message) => ({ line, message })));
      valid.push({ line, account: checked.account });
    }
    await writeBatch(valid, { dryRun, actor: options.actor }, report, t);
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
async function writeBatch(batch: Valid[], { dryRun, actor }: { dryRun: boolean; actor?: Actor }, report: ImportReport, t: Translate): Promise<void> {
  if (batch.length === 0) return;
  const db = getDb();
  const identifiers = JSON.stringify(batch.map((v) => v.account.identifier));
  const existing = new Map(
    (
      await db
        .select({ id: accounts.id, identifier: accounts.identifier, email: accounts.email, name: accounts.name, locale: accounts.locale, role: accounts.role })
        .from(accounts)
        .where(sql`${accounts.identifier} in (select json_array_elements_text(${identifiers}::json))`)
    ).map((row) => [row.identifier, row]),
  );

  // Locale and role left out of the file (no column, or an empty cell) keep their current value.
  const toWrite: Required<AccountFields>[] = [];
  // Accounts whose address changes: links sent to the old one (password and address-change links)
  // are revoked with the update.
  const emailChanged: string[] = [];
  // Accounts whose role changes: changed apart (changeRoles), which ends their sessions.
  const roleChanged: RoleTarget[] = [];
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
    if (current.email !== next.email) emailChanged.push(current.id);
    if (current.role !== next.role) {
      roleChanged.push({ accountId: current.id, role: next.role });
      report.warnings.push({ line, message: t('importReport.roleChange', { identifier: account.identifier, from: current.role, to: next.role }) });
    }
  }
  if (dryRun || toWrite.length === 0) return;

  // The rows travel as one JSON parameter: Drizzle's builder takes longer to write a
  // 1,000-row VALUES list than Postgres takes to run it. The role is written here for new accounts
  // only; an existing account's goes through changeRoles, in the same transaction.
  const rows = JSON.stringify(toWrite.map(({ identifier, kind, email, name, locale, role }) => ({ identifier, kind, email, name, locale, role })));
  const at = now();
  const revocations = await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into accounts (identifier, kind, email, name, locale, role, created_at, updated_at)
      select r.identifier, r.kind, r.email, r.name, r.locale, r.role, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
      from json_to_recordset(${rows}::json) as r(identifier text, kind text, email text, name text, locale text, role text)
      on conflict (identifier) do update
        -- Never the password, the status or the kind; the role apart, below.
        set email = excluded.email, name = excluded.name, locale = excluded.locale, updated_at = excluded.updated_at`);
    await changeRoles(tx, roleChanged, { source: 'import', actor }, at);
    return revokeEmailedSecretsOf(tx, emailChanged, 'email_changed', at);
  });
  await auditRevocations(revocations, actor);
}
