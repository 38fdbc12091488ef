import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { RedirectAction } from '@/lib/forms/state';
import type { Locale, Translate } from '@/lib/i18n/messages';
import type { EmailLocaleNotice } from '@/lib/self-service/notices';

/**
 * "Langue de mes e-mails": two radio buttons and a save button, a plain post that works without
 * JavaScript. `current` is the language emails are written in today; `action` is
 * app/espace/actions.ts's setEmailLocaleAction, handed down by the page.
 */
export function EmailLanguageForm({ action, t, current, notice }: { action: RedirectAction; t: Translate; current: Locale; notice: EmailLocaleNotice | null }) {
  return (
    <Card id="email-locale-title" title={t('selfService.emailLocale.title')}>
      <form action={action} className="form">
        {notice === 'ok' && (
          <Alert tone="success">
            <p>{t('selfService.emailLocale.saved', { language: t(current === 'en' ? 'selfService.emailLocale.savedEn' : 'selfService.emailLocale.savedFr') })}</p>
          </Alert>
        )}
        {notice === 'invalide' && (
          <Alert tone="error">
            <p>{t('selfService.emailLocale.invalid')}</p>
          </Alert>
        )}
        <fieldset className="choice" aria-describedby="email-locale-hint">
          <legend className="field__label">{t('selfService.emailLocale.legend')}</legend>
          <p id="email-locale-hint" className="field__hint">
            {t('selfService.emailLocale.hint')}
          </p>
          {(['fr', 'en'] as const).map((locale) => (
            <div key={locale} className="checkbox">
              <input
                id={`email-locale-${locale}`}
                type="radio"
                name="emailLocale"
                value={locale}
                defaultChecked={current === locale}
                className="checkbox__input"
              />
              <label htmlFor={`email-locale-${locale}`} className="checkbox__label">
                {t(`selfService.emailLocale.${locale}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <div>
          <Button type="submit" variant="secondary">
            {t('selfService.emailLocale.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
