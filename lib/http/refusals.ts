import { plainPage } from '@/lib/http/plain-page';
import { translator } from '@/lib/i18n/messages';

/**
 * Requests refused before they reach a page or a server action, with a clear page in both
 * languages rather than the bare "Internal Server Error" Next.js gives for them.
 * - A form posted from another site (cross-site request forgery): Next.js refuses server actions
 *   whose Origin is not this host; this says so first, with a 403.
 * - A body larger than server actions accept (1 MiB): a 413. No form of Sésame comes near it.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
// server/body-limit.mjs counts bodies sent without a Content-Length against the same limit (lib/startup.ts hands it over).
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Refusal = { status: 403 | 413; reason: 'crossSite' | 'tooLarge' };

export function refusalOf(method: string, headers: Headers): Refusal | null {
  if (SAFE_METHODS.has(method)) return null;
  const origin = headers.get('origin');
  // The same comparison Next.js makes for server actions: the Origin's host against the host asked for.
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (origin !== null && (origin === 'null' || hostOf(origin) !== host)) return { status: 403, reason: 'crossSite' };
  if (Number(headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return { status: 413, reason: 'tooLarge' };
  return null;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The refusal page: French, then English, each with its own lang attribute and heading. */
export function refusalPage({ reason }: Refusal, pathname = '/'): string {
  // The CSV import's page says what its files may weigh, and leads back to it.
  const upload = reason === 'tooLarge' && pathname.startsWith('/admin/comptes/import');
  return plainPage(
    (['fr', 'en'] as const).map((lang) => {
      const t = translator(lang);
      const paragraph = upload ? t('accounts.import.errors.tooLarge') : t(`refused.${reason}`);
      const link = upload ? { href: '/admin/comptes/import', label: t('accounts.import.another') } : { href: '/', label: t('refused.back') };
      return { lang, title: t('refused.title'), paragraphs: [paragraph], link };
    }),
  );
}
