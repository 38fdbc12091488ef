import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { confirmEmailChangeAction } from '@/app/espace/email/actions';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getConfig } from '@/lib/config';
import { findUsableEmailChange } from '@/lib/email-change/links';
import { cookieName } from '@/lib/http/cookies';
import { getTranslator } from '@/lib/http/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('selfService.confirm.pageTitle'), robots: { index: false } };
}

/**
 * Where the emailed link lands: which account takes which address, and one button that confirms
 * it (a POST, so a mail scanner opening the link confirms nothing). No sign-in needed: the link
 * went to the new address after the account's password was checked.
 */
export default async function ConfirmEmailChangePage() {
  const [t, jar] = await Promise.all([getTranslator(), cookies()]);
  const change = await findUsableEmailChange(jar.get(cookieName('emailChange'))?.value);

  return (
    <div className="narrow narrow--form stack">
      <h1>{t('selfService.confirm.pageTitle')}</h1>
      {change ? (
        <Card id="email-change-confirm" title={t('selfService.confirm.cardTitle')}>
          <p className="email-change__address" data-testid="new-email">
            {change.link.newEmail}
          </p>
          <p>
            {t('selfService.confirm.body', {
              account: t(`selfService.confirm.${change.account.kind}`, { identifier: change.account.identifier }),
              email: change.link.newEmail,
            })}
          </p>
          <form action={confirmEmailChangeAction}>
            <Button type="submit">{t('selfService.confirm.button')}</Button>
          </form>
        </Card>
      ) : (
        <section className="card stack" aria-labelledby="invalid-link-title">
          <h2 id="invalid-link-title" className="card__title">
            {t('selfService.confirm.invalidTitle')}
          </h2>
          <p>{t('selfService.confirm.invalidBody', { hours: getConfig().resetTokenTtlHours })}</p>
          <p>
            <ButtonLink href="/espace">{t('selfService.confirm.toSpace')}</ButtonLink>
          </p>
        </section>
      )}
    </div>
  );
}
