/**
 * What `npm run accounts` prints: counts, the report of an import or of invitations, and a progress
 * bar (scripts/accounts.ts).
 */
import type { ImportReport, Problem } from '@/lib/accounts/import';
import { describeHashFormats } from '@/lib/accounts/import-passwords';
import type { InviteReport } from '@/lib/accounts/invite';
import { getConfig } from '@/lib/config';

export const number = new Intl.NumberFormat('en-US');
export const plural = (n: number, word: string, words = `${word}s`) => `${number.format(n)} ${n === 1 ? word : words}`;

/** `\r[#####-----] 45,000/100,000 rows` on a terminal; a line every 10% otherwise (logs, CI). */
export function progressBar(unit: string) {
  const tty = Boolean(process.stderr.isTTY);
  let lastTenth = 0;
  let drawn = false;
  return {
    update(done: number, total: number) {
      if (total === 0) return;
      const text = `${number.format(done)}/${number.format(total)} ${unit}`;
      if (tty) {
        const filled = Math.round((done / total) * 30);
        process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${text}`);
        drawn = true;
      } else if (Math.floor((done / total) * 10) > lastTenth || done === total) {
        lastTenth = Math.floor((done / total) * 10);
        process.stderr.write(`${text} (${Math.floor((done / total) * 100)}%)\n`);
      }
    },
    end() {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}

const printProblems = (title: string, problems: Problem[]) => {
  if (problems.length === 0) return;
  console.log(`\n${title}:`);
  for (const p of problems) console.log(`  line ${p.line}: ${p.message}`);
};

export function printImport(file: string, report: ImportReport, dryRun: boolean) {
  printProblems('Warnings', report.warnings);
  printProblems('Errors (these lines were not imported)', report.errors);
  const verb = dryRun ? 'would be ' : '';
  const from = report.source === 'wordpress' ? ', read as a WordPress export' : '';
  console.log(`\nImport of ${file}${from}${dryRun ? ' (dry run: nothing was written)' : ''}`);
  console.log(`  ${plural(report.rows, 'row')} read`);
  console.log(`  ${number.format(report.created)} ${verb}created, ${number.format(report.updated)} ${verb}updated, ${number.format(report.unchanged)} unchanged`);
  if (report.passwords) {
    console.log(`  ${describeHashFormats(report.passwords)}`);
    if (report.passwords.replaced > 0) console.log(`  ${plural(report.passwords.replaced, 'password')} chosen in Sésame ${verb}replaced by an imported hash`);
  }
  console.log(`  ${plural(report.warnings.length, 'warning')}, ${plural(report.errors.length, 'error')}`);
}

export function printInvite(report: InviteReport) {
  for (const batch of report.failedBatches) {
    const sample = batch.identifiers.slice(0, 5).join(', ') + (batch.identifiers.length > 5 ? ', …' : '');
    console.log(`  Refused batch of ${plural(batch.accounts, 'account')} (${sample}): ${batch.error}`);
  }
  console.log(`Invitations: ${plural(report.invited, 'account')} invited, ${plural(report.failedBatches.length, 'batch', 'batches')} refused, ${number.format(report.remaining)} still to invite.`);
  if (!getConfig().resendApiKey && report.invited > 0) console.log('  (No RESEND_API_KEY: the emails were printed above instead of being sent.)');
  if (report.failedBatches.length > 0) console.log('  Run `npm run accounts -- invite --pending` again to retry the others.');
}

/** Invitations under one lock per database: a second run at the same time sends nothing and says so. */
