import { and, isNull, lt, or } from 'drizzle-orm';
import { accountImports } from '@/lib/db/schema';
import { daysBefore, type Retention } from '@/lib/db/retention';

// An import can be confirmed for an hour (lib/accounts/browser-import.ts); its page says so for a day.
const UNCONFIRMED_KEPT_DAYS = 1;
// The report of an import, for the admin who ran it; the audit trail keeps its counts.
const REPORT_KEPT_DAYS = 30;

/** The files uploaded in /admin/comptes/import (lib/accounts/browser-import.ts). */
export const accountImportRetention: Retention = {
  table: accountImports,
  id: accountImports.id,
  expired: (at) =>
    or(
      and(isNull(accountImports.confirmedAt), lt(accountImports.createdAt, daysBefore(at, UNCONFIRMED_KEPT_DAYS))),
      lt(accountImports.createdAt, daysBefore(at, REPORT_KEPT_DAYS)),
    )!,
  reason:
    'A file never confirmed is sealed names and addresses nobody can import any more: gone a day after its upload. A confirmed one keeps only its reports, gone after 30 days, as sessions and emails.',
};
