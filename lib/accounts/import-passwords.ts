import { sql } from 'drizzle-orm';
import { audit, type Actor } from '@/lib/audit';
import { importableHashFormat, legacyHashFormat, type LegacyHashFormat } from '@/lib/crypto/legacy-hashes';
import type { DbOrTx } from '@/lib/emailed-secrets/secrets';
import { translator, type Translate } from '@/lib/i18n/messages';
import { endSessionsOf } from '@/lib/sessions/sessions';

/**
 * The `password_hash` column of an import: members of the site Sésame replaces keep the password
 * they have (docs/wordpress-migration.md). A recognised hash makes the account active at once; its
 * holder's first sign-in checks it and replaces it with a hash of Sésame's own (lib/sign-in/).
 * A hash is never quoted in a report, a log or an audit event: only its format is.
 */
export type HashCell =
  | { kind: 'none' }
  /** `tooCostly`: a known format asking for more rounds than a sign-in may spend (lib/crypto/legacy-hashes.ts `importableHashFormat`). */
  | { kind: 'unrecognised'; tooCostly: boolean }
  | { kind: 'hash'; format: LegacyHashFormat; hash: string };

/** What a row's `password_hash` cell holds. */
export function readHashCell(cell: string | undefined): HashCell {
  const hash = cell?.trim() ?? '';
  if (hash === '') return { kind: 'none' };
  const format = importableHashFormat(hash);
  return format ? { kind: 'hash', format, hash } : { kind: 'unrecognised', tooCostly: legacyHashFormat(hash) !== null };
}

/** The report's count of the hashes a file holds, by format, and what became of them. */
export type PasswordReport = {
  formats: Record<LegacyHashFormat, number>;
  /** Rows whose cell is not a hash Sésame verifies: imported without it (each one is a warning). */
  unrecognised: number;
  /** Rows with no hash in a file that has the column: imported without one, as in any import. */
  empty: number;
  /** Hashes that replace a password already set in Sésame (`--replace-passwords`). */
  replaced: number;
};

export const emptyPasswordReport = (): PasswordReport => ({ formats: { phpass: 0, 'wordpress-bcrypt': 0, bcrypt: 0 }, unrecognised: 0, empty: 0, replaced: 0 });

export function countHashCell(report: PasswordReport, cell: HashCell): void {
  if (cell.kind === 'hash') report.formats[cell.format] += 1;
  else if (cell.kind === 'unrecognised') report.unrecognised += 1;
  else report.empty += 1;
}

/** An existing account's password state, as an import sees it. */
export type PasswordState = { hasPassword: boolean; importedHash: string | null };

/**
 * What a row's hash does to an existing account: nothing when it holds that hash already, refused
 * when the account has a password of Sésame's own (its holder chose it here) unless the operator
 * asked to replace them, written otherwise.
 */
export function hashDecision(current: PasswordState, hash: string, replacePasswords: boolean): 'same' | 'refused' | 'write' | 'replace' {
  if (current.importedHash === hash) return 'same';
  if (!current.hasPassword) return 'write';
  return replacePasswords ? 'replace' : 'refused';
}

export type HashWrite = { accountId: string; identifier: string; hash: string; replace: boolean };

/**
 * Writes imported hashes onto existing accounts, inside the import's transaction. A pending
 * account becomes active (a disabled one stays disabled). A password of Sésame's own is removed
 * only where the operator asked (`replace`), checked again here so that a member who set one since
 * the import read the account keeps it; those accounts' sessions end, as after a reset.
 */
export async function writeImportedHashes(tx: DbOrTx, writes: readonly HashWrite[], at: Date, actor?: Actor): Promise<void> {
  if (writes.length === 0) return;
  const rows = JSON.stringify(writes.map((w) => ({ id: w.accountId, hash: w.hash, replace: w.replace })));
  const stamp = at.toISOString();
  await tx.execute(sql`
    update accounts as a
    set imported_password_hash = r.hash, password_imported_at = ${stamp}::timestamptz, password_hash = null,
        status = case when a.status = 'pending' then 'active' else a.status end,
        activated_at = case when a.status = 'pending' then ${stamp}::timestamptz else a.activated_at end,
        updated_at = ${stamp}::timestamptz
    from json_to_recordset(${rows}::json) as r(id uuid, hash text, replace boolean)
    where a.id = r.id and (a.password_hash is null or r.replace)`);
  const replaced = writes.filter((w) => w.replace);
  if (replaced.length === 0) return;
  const ended = await endSessionsOf(tx, replaced.map((w) => w.accountId), 'password_replaced', at);
  for (const w of replaced) {
    await audit(
      {
        type: 'password_replaced_by_import',
        accountId: w.accountId,
        identifier: w.identifier,
        actorId: actor?.id ?? null,
        request: actor?.request,
        details: { sessionsEnded: ended.get(w.accountId) ?? 0 },
      },
      tx,
    );
  }
}

/** The report's line on hashes, in the reader's language (English on the command line). */
export const describeHashFormats = (p: PasswordReport, t: Translate = translator('en')) =>
  t('importReport.hashFormats', {
    phpass: String(p.formats.phpass),
    wordpress: String(p.formats['wordpress-bcrypt']),
    bcrypt: String(p.formats.bcrypt),
    unrecognised: String(p.unrecognised),
    empty: String(p.empty),
  });
