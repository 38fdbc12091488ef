import { and, eq, gt, isNull } from 'drizzle-orm';
import { decodeCsvFile } from '@/lib/accounts/csv';
import { importAccounts, type ImportReport } from '@/lib/accounts/import';
import type { Locale } from '@/lib/i18n/messages';
import { audit, type Actor } from '@/lib/audit';
import { HOUR, now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { isUuid } from '@/lib/db/ids';
import { accountImports } from '@/lib/db/schema';
import { seal, unseal } from '@/lib/crypto/sealed';

/**
 * The CSV import from the browser: the uploaded file gets the command line's dry run (the same
 * line-numbered report), waits sealed in the database, and is imported only when the admin who
 * sent it confirms, within an hour, once. The file imported is the file checked.
 */
// Under the 1 MiB every request body is held to (server/body-limit.mjs), leaving room for the
// form around the file: about 12,000 accounts. Larger files: split them, or the command line.
export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_VALIDITY_MS = HOUR;

export type UploadProblem = 'missing' | 'empty' | 'tooLarge' | 'notCsv';

// Spreadsheet and archive formats people pick by mistake (.xlsx and .ods are zip files; .xls an OLE file).
const BINARY_STARTS = [[0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0], [0x25, 0x50, 0x44, 0x46]];

/** What is wrong with an uploaded file, or its text. */
export async function readUpload(file: FormDataEntryValue | null): Promise<{ ok: true; name: string; text: string } | { ok: false; problem: UploadProblem }> {
  if (!(file instanceof File) || file.name === '') return { ok: false, problem: 'missing' };
  if (file.size > IMPORT_MAX_BYTES) return { ok: false, problem: 'tooLarge' };
  if (file.size === 0) return { ok: false, problem: 'empty' };
  const extension = /\.(csv|txt)$/i.test(file.name);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const binary = BINARY_STARTS.some((start) => start.every((b, i) => bytes[i] === b)) || bytes.includes(0);
  if (!extension || binary) return { ok: false, problem: 'notCsv' };
  return { ok: true, name: file.name.slice(0, 200), text: decodeCsvFile(bytes).text };
}

/** Runs the dry run (its report in the admin's language) and keeps the file sealed; the id of the waiting import. */
export async function prepareImport(name: string, text: string, actor: Actor, locale: Locale = 'en'): Promise<string> {
  const report = await importAccounts(text, { dryRun: true, locale });
  const [row] = await getDb()
    .insert(accountImports)
    .values({ actorId: actor.id, fileName: name, content: seal(text), dryRun: report, createdAt: now() })
    .returning({ id: accountImports.id });
  return row.id;
}

export type StoredImport = { id: string; fileName: string; dryRun: ImportReport; result: ImportReport | null; confirmable: boolean };

/** An import of this admin's, for its page; null for anyone else's or an unknown id. */
export async function loadImport(id: string, actorId: string): Promise<StoredImport | null> {
  if (!isUuid(id)) return null;
  const [row] = await getDb()
    .select()
    .from(accountImports)
    .where(and(eq(accountImports.id, id), eq(accountImports.actorId, actorId)));
  if (!row) return null;
  const fresh = row.createdAt.getTime() > now().getTime() - IMPORT_VALIDITY_MS;
  return {
    id: row.id,
    fileName: row.fileName,
    dryRun: row.dryRun as ImportReport,
    result: (row.result as ImportReport | null) ?? null,
    confirmable: row.confirmedAt === null && fresh,
  };
}

/**
 * Imports a waiting file for real. The row is claimed by one conditional update, so a double
 * click or two tabs import it once; the sealed file is then emptied.
 */
export async function confirmImport(id: string, actor: Actor, locale: Locale = 'en'): Promise<ImportReport | null> {
  if (!isUuid(id)) return null;
  const db = getDb();
  const at = now();
  const [claimed] = await db
    .update(accountImports)
    .set({ confirmedAt: at })
    .where(
      and(
        eq(accountImports.id, id),
        eq(accountImports.actorId, actor.id),
        isNull(accountImports.confirmedAt),
        gt(accountImports.createdAt, new Date(at.getTime() - IMPORT_VALIDITY_MS)),
      ),
    )
    .returning();
  if (!claimed) return null;
  const report = await importAccounts(unseal(claimed.content), { locale, actor });
  await db.update(accountImports).set({ result: report, content: '' }).where(eq(accountImports.id, id));
  const { rows, created, updated, unchanged } = report;
  await audit({
    type: 'admin_accounts_imported',
    actorId: actor.id,
    request: actor.request,
    details: { importId: id, file: claimed.fileName, rows, created, updated, unchanged, errors: report.errors.length },
  });
  return report;
}
