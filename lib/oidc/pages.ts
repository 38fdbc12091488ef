import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml } from '@/lib/html';
import { plainPage, type PageBlock } from '@/lib/http/plain-page';
import { translator, isLocale, type Locale } from '@/lib/i18n/messages';
import { cookieName } from '@/lib/http/cookies';
import { parseCookies } from '@/lib/oidc/sesame-session';

/**
 * The provider's few pages of its own, in Sésame's look (lib/http/plain-page.ts), without script:
 * an error it cannot send back to the app, the sign-out question of RP-initiated logout, and its
 * answer. Every other page a person sees is Sésame's own (/connexion and the rest).
 */

/** The language the visitor chose in Sésame (its cookie), French otherwise. */
export function localeOf(request: IncomingMessage): Locale {
  const chosen = parseCookies(request.headers.cookie ?? '').get(cookieName('locale'));
  return isLocale(chosen) ? chosen : 'fr';
}

/** The error page, in both languages, with the protocol's code and never its details. */
const errorBlocks = (code: string): PageBlock[] =>
  (['fr', 'en'] as const).map((lang) => {
    const t = translator(lang);
    return { lang, title: t('openIdConnect.errorTitle'), paragraphs: [t('openIdConnect.errorText'), t('openIdConnect.errorCode', { code })], link: { href: '/', label: t('openIdConnect.back') } };
  });

/** A page answered outside the provider (the sign-in step, lib/oidc/interaction.ts), never cached. */
export function sendPage(response: ServerResponse, status: number, page: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(page);
}

const html = (ctx: KoaContextWithOIDC, blocks: PageBlock[]) => {
  ctx.type = 'html';
  ctx.body = plainPage(blocks);
};

/** An error the provider cannot redirect to the app (an unknown client, a redirect URI not registered…): both languages, its code, never its details. */
export async function renderProviderError(ctx: KoaContextWithOIDC, out: { error: string }): Promise<void> {
  html(ctx, errorBlocks(String(out.error)));
}

/** RP-initiated logout: the question, with the provider's form (its hidden fields) and two buttons. */
export async function renderLogout(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const lang = localeOf(ctx.req);
  const t = translator(lang);
  const button = (label: string, yes: boolean) =>
    `<button type="submit" form="op.logoutForm"${yes ? ' name="logout" value="yes"' : ''} style="font:inherit;padding:.6rem 1rem;margin:0 .5rem .5rem 0;border-radius:6px;border:1px solid #1f3a8a;${yes ? 'background:#1f3a8a;color:#fff' : 'background:#fff;color:#1f3a8a'}">${escapeHtml(label)}</button>`;
  html(ctx, [
    {
      lang,
      title: t('openIdConnect.logoutTitle'),
      paragraphs: [t('openIdConnect.logoutText')],
      trustedHtml: `${form}<p>${button(t('openIdConnect.logoutYes'), true)}${button(t('openIdConnect.logoutNo'), false)}</p>`,
    },
  ]);
}

export async function renderLogoutDone(ctx: KoaContextWithOIDC): Promise<void> {
  const lang = localeOf(ctx.req);
  const t = translator(lang);
  html(ctx, [{ lang, title: t('openIdConnect.logoutDoneTitle'), paragraphs: [t('openIdConnect.logoutDoneText')], link: { href: '/', label: t('openIdConnect.back') } }]);
}

/** The same error page, answered outside the provider (the sign-in step, lib/oidc/interaction.ts). */
export function renderErrorPage(response: ServerResponse, status: number, code: string): void {
  sendPage(response, status, plainPage(errorBlocks(code)));
}

/**
 * oidc-provider's form_post page (the code posted back to the app), in the visitor's language: its
 * title, the line shown when scripts do not run, and the button that then sends the form. Its
 * script, whose hash the CSP carries, is left as it is. Matched on oidc-provider's own words:
 * e2e/openid-connect.spec.ts sees the page without JavaScript, so a change of them fails there.
 */
export function localiseFormPost(ctx: { body: unknown; req: IncomingMessage }): void {
  if (typeof ctx.body !== 'string' || !ctx.body.includes('<title>Submitting Callback</title>')) return;
  const locale = localeOf(ctx.req);
  const t = translator(locale);
  ctx.body = ctx.body
    .replace('<html>', `<html lang="${locale}">`)
    .replace('<title>Submitting Callback</title>', `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t('openIdConnect.formPostTitle'))}</title>`)
    .replace("Your browser does not support JavaScript or you've disabled it.", escapeHtml(t('openIdConnect.formPostNoScript')))
    .replace('<button autofocus type="submit">Continue</button>', `<button autofocus type="submit">${escapeHtml(t('openIdConnect.formPostContinue'))}</button>`);
}
