import { AddPasskey, type AddPasskeyActions } from '@/components/passkeys/add-passkey';
import { RemovePasskey } from '@/components/passkeys/remove-passkey';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import type { FormAction, RedirectAction } from '@/lib/forms/state';
import { dateFormat } from '@/lib/i18n/format';
import { getLocale, getTranslator } from '@/lib/http/locale';
import { MAX_PASSKEY_NAME } from '@/lib/passkeys/limits';
import type { ConfirmField } from '@/lib/second-factor/confirm-identity-schema';
import type { FactorSummary } from '@/lib/second-factor/factors';

const NOTICES = { renommee: 'passkeys.renamed', retiree: 'passkeys.removed' } as const;

/** The actions of app/espace/passkey-actions.ts, handed down by the page. */
export type PasskeysCardActions = AddPasskeyActions & { rename: RedirectAction; remove: FormAction<ConfirmField> };

type Props = { passkeys: FactorSummary['passkeys']; notice?: string; actions: PasskeysCardActions };

/** /espace: the person's passkeys, when each was added and last used; add, rename, remove. */
export async function PasskeysCard({ passkeys, notice, actions }: Props) {
  const [t, locale] = await Promise.all([getTranslator(), getLocale()]);
  const date = dateFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
  const known = notice === 'renommee' || notice === 'retiree' ? NOTICES[notice] : null;
  return (
    <Card id="passkeys-title" title={t('passkeys.title')}>
      <p>{t('passkeys.intro')}</p>
      {known && (
        <Alert tone="success">
          <p>{t(known)}</p>
        </Alert>
      )}
      {passkeys.length === 0 ? (
        <p data-testid="passkeys-none">{t('passkeys.none')}</p>
      ) : (
        <ul className="passkeys" aria-label={t('passkeys.title')}>
          {passkeys.map((k) => (
            <li key={k.id} className="passkeys__item" data-testid="passkey">
              <p>
                <strong>{k.name}</strong>
                {k.backedUp && <span className="muted"> · {t('passkeys.synced')}</span>}
              </p>
              <p className="muted">
                {t('passkeys.added_on', { date: date.format(k.createdAt) })} ·{' '}
                {k.lastUsedAt ? t('passkeys.lastUsed', { date: date.format(k.lastUsedAt) }) : t('passkeys.neverUsed')}
              </p>
              <details className="second-factor__more">
                <summary>{t('passkeys.renameTitle', { name: k.name })}</summary>
                <form action={actions.rename} className="form">
                  <input type="hidden" name="id" value={k.id} />
                  <Field id={`rename-${k.id.slice(0, 16)}`} name="name" label={t('passkeys.nameLabel')} defaultValue={k.name} maxLength={MAX_PASSKEY_NAME} required />
                  <Button type="submit" variant="secondary">
                    {t('passkeys.rename')}
                  </Button>
                </form>
              </details>
              <RemovePasskey id={k.id} name={k.name} action={actions.remove} />
            </li>
          ))}
        </ul>
      )}
      <h3 className="passkeys__add-title">{t('passkeys.addTitle')}</h3>
      <AddPasskey actions={{ begin: actions.begin, finish: actions.finish }} />
    </Card>
  );
}
