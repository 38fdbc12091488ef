import { plainPage } from '@/lib/http/plain-page';
import { translator, type Locale } from '@/lib/i18n/messages';

/**
 * The answer to a sign-in when the hashing pool is full (lib/crypto/hash-pool.ts): a 503 that says
 * to come back in a few seconds, never a wrong-password message. Load balancers and browsers read
 * Retry-After; people read the page.
 */
export const BUSY_RETRY_SECONDS = 5;
export const BUSY_PATH = '/connexion/occupe';

export function busyResponse(locale: Locale): Response {
  const t = translator(locale);
  const page = plainPage([{ lang: locale, title: t('busy.title'), paragraphs: [t('busy.body'), t('busy.reassure')], link: { href: '/connexion', label: t('busy.back') } }]);
  return new Response(page, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': String(BUSY_RETRY_SECONDS), 'Cache-Control': 'no-store' },
  });
}
