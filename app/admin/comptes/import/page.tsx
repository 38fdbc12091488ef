import type { Metadata } from 'next';
import { confirmImportAction } from '@/app/admin/comptes/import/actions';
import { AdminHeader } from '@/components/admin/admin-header';
import { ImportReportView } from '@/components/admin/import-report';
import { ImportUploadForm } from '@/app/admin/comptes/import/import-upload-form';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { IMPORT_MAX_BYTES, loadImport, type UploadProblem } from '@/lib/accounts/browser-import';
import { requireAdmin } from '@/lib/auth/guards';
import { getTranslator } from '@/lib/http/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('accounts.import.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const ERRORS: (UploadProblem | 'expired')[] = ['missing', 'empty', 'tooLarge', 'notCsv', 'expired'];
const param = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');

/** Upload a CSV file, read the dry run's report, confirm: the command line's import from the browser. */
export default async function ImportPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const admin = await requireAdmin('/admin/comptes/import');
  const t = await getTranslator();
  const error = ERRORS.find((e) => e === param(params.erreur));
  const previewId = param(params.apercu);
  const resultId = param(params.resultat);
  const stored = previewId || resultId ? await loadImport(previewId || resultId, admin.id) : null;
  const showResult = Boolean(resultId && stored?.result);
  const showPreview = Boolean(previewId && stored && !stored.result);

  return (
    <div className="narrow stack">
      <AdminHeader current="import" title={t('accounts.import.title')} />

      {error && (
        <Alert tone="error">
          <p>{t(`accounts.import.errors.${error}`)}</p>
        </Alert>
      )}

      {stored && showResult && stored.result && (
        <Card id="import-result" title={t('accounts.import.resultTitle', { file: stored.fileName })}>
          <Alert tone="success">
            <p>{t('accounts.import.done')}</p>
          </Alert>
          <ImportReportView report={stored.result} dryRun={false} t={t} />
          <p>
            <ButtonLink href="/admin/comptes" variant="secondary">
              {t('accounts.title')}
            </ButtonLink>
          </p>
        </Card>
      )}

      {stored && showPreview && (
        <Card id="import-preview" title={t('accounts.import.reportTitle', { file: stored.fileName })}>
          <p>
            <strong>{t('accounts.import.dryRunNote')}</strong>
          </p>
          <ImportReportView report={stored.dryRun} dryRun t={t} />
          {stored.confirmable && stored.dryRun.created + stored.dryRun.updated > 0 ? (
            <form action={confirmImportAction} className="stack">
              <input type="hidden" name="importId" value={stored.id} />
              <p className="muted">{t('accounts.import.confirmHelp')}</p>
              <div>
                <Button type="submit">{t('accounts.import.confirm')}</Button>
              </div>
            </form>
          ) : (
            <p>{stored.confirmable ? t('accounts.import.nothing') : t('accounts.import.errors.expired')}</p>
          )}
          <p className="import-another">
            <ButtonLink href="/admin/comptes/import" variant="secondary">
              {t('accounts.import.another')}
            </ButtonLink>
          </p>
        </Card>
      )}

      {!showPreview && (
        <Card id="import-file-title" title={t('accounts.import.fileTitle')}>
          <p>{t('accounts.import.help')}</p>
          <ImportUploadForm
            label={t('accounts.import.file')}
            hint={t('accounts.import.limit')}
            submit={t('accounts.import.check')}
            tooLarge={t('accounts.import.errors.tooLarge')}
            maxBytes={IMPORT_MAX_BYTES}
          />
        </Card>
      )}
    </div>
  );
}
