import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { setLocaleAction } from '@/app/locale-actions';
import { I18nProvider } from '@/components/i18n-provider';
import { SiteHeader } from '@/components/site-header';
import { getConfig } from '@/lib/config';
import { getLocale, getTranslator } from '@/lib/http/locale';
// In this order: each file builds on the ones before.
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/pages.css';
import './styles/admin.css';
import './styles/operators.css';
import './styles/self-service.css';
import './styles/customer-service.css';
import './styles/second-factor.css';
// Last: makes every page fit a 320 px screen, whatever the rules above.
import './styles/reflow.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return {
    title: { default: getConfig().orgName, template: `%s · ${getConfig().orgName}` },
    description: t('meta.description'),
    robots: { index: false },
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1f3a8a' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslator()]);
  return (
    <html lang={locale}>
      <body>
        <a href="#contenu" className="skip-link">
          {t('layout.skipToContent')}
        </a>
        <I18nProvider locale={locale}>
          <SiteHeader switchLocale={setLocaleAction} />
          <main id="contenu" className="site-main" tabIndex={-1}>
            {children}
          </main>
          <footer className="site-footer">
            <p>{t('layout.footer', { email: getConfig().supportEmail })}</p>
          </footer>
        </I18nProvider>
      </body>
    </html>
  );
}
