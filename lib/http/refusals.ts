import { escapeHtml } from '@/lib/html';
import { translator } from '@/lib/i18n/messages';

/**
 * Requests refused before they reach a page or a server action, with a clear page in both
 * languages rather than the bare "Internal Server Error" Next.js gives for them.
 * - A form posted from another site (cross-site request forgery): Next.js refuses server actions
 *   whose Origin is not this host; this says so first, with a 403.
 * - A body larger than server actions accept (1 MiB): a 413. No form of Sésame comes near it.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
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
export function refusalPage({ reason }: Refusal): string {
  const [fr, en] = [translator('fr'), translator('en')];
  const block = (t: typeof fr, lang: string, heading: 'h1' | 'h2') =>
    `<section lang="${lang}"><${heading}>${escapeHtml(t('refused.title'))}</${heading}>` +
    `<p>${escapeHtml(t(`refused.${reason}`))}</p><p><a href="/" style="color:#1f3a8a">${escapeHtml(t('refused.back'))}</a></p></section>`;
  return [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(fr('refused.title'))} · Sésame</title></head>`,
    '<body style="margin:0;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2937;background:#f3f4f6;line-height:1.5">',
    '<main style="max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px;border-top:4px solid #1f3a8a">',
    block(fr, 'fr', 'h1'),
    '<hr style="border:0;border-top:1px solid #e5e7eb;margin:1.5rem 0">',
    block(en, 'en', 'h2'),
    '</main></body></html>',
  ].join('');
}
