import type { ImportReport, Problem } from '@/lib/accounts/import';
import { describeHashFormats } from '@/lib/accounts/import-passwords';
import type { Translate } from '@/lib/i18n/messages';

const SHOWN = 200;

/** The command line's report of an import: counts, then every warning and error with its line (the first 200 of each). */
export function ImportReportView({ report, dryRun, t }: { report: ImportReport; dryRun: boolean; t: Translate }) {
  const problems = (id: string, title: string, list: Problem[]) =>
    list.length > 0 && (
      <section aria-labelledby={id}>
        <h3 id={id}>{title}</h3>
        <ul className="import-report" data-testid={id}>
          {list.slice(0, SHOWN).map((p, i) => (
            <li key={i}>{t('accounts.import.line', { line: p.line, message: p.message })}</li>
          ))}
        </ul>
        {list.length > SHOWN && <p>{t('accounts.import.more', { count: list.length - SHOWN })}</p>}
      </section>
    );
  const counts = { created: report.created, updated: report.updated, unchanged: report.unchanged };
  return (
    <div className="stack" data-testid="import-report">
      <ul>
        <li>{t('accounts.import.rows', { count: report.rows })}</li>
        <li data-testid="import-counts">{t(dryRun ? 'accounts.import.wouldCounts' : 'accounts.import.counts', counts)}</li>
        {report.passwords && <li data-testid="import-hashes">{describeHashFormats(report.passwords, t)}</li>}
        <li>{t('accounts.import.problemCounts', { warnings: report.warnings.length, errors: report.errors.length })}</li>
      </ul>
      {problems('import-warnings', t('accounts.import.warnings'), report.warnings)}
      {problems('import-errors', t(dryRun ? 'accounts.import.errorsTitle' : 'accounts.import.errorsDone'), report.errors)}
    </div>
  );
}
