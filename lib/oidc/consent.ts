import { escapeHtml } from '@/lib/html';
import { plainPage } from '@/lib/http/plain-page';
import { identifierText } from '@/lib/identifiers/wording';
import type { Locale } from '@/lib/i18n/messages';
import { translator } from '@/lib/i18n/messages';
import type { SessionUser } from '@/lib/sessions/sessions';

/**
 * The consent page of someone else's app (a client registered with `--third-party`): what it will
 * receive, scope by scope, and two buttons. A plain form posted back to the interaction, so it
 * works without JavaScript; the organisation's own apps never show it.
 */
export function consentPage(options: { locale: Locale; app: string; scopes: string[]; action: string; user: Pick<SessionUser, 'kind'> }): string {
  const t = translator(options.locale);
  const items: string[] = [t('openIdConnect.consentSub')];
  if (options.scopes.includes('identifier')) items.push(t(identifierText('consentScope', [options.user.kind])));
  if (options.scopes.includes('email')) items.push(t('openIdConnect.consentEmail'));
  if (options.scopes.includes('profile')) items.push(t('openIdConnect.consentProfile'));
  if (options.scopes.includes('offline_access')) items.push(t('openIdConnect.consentOffline'));
  const button = (value: 'allow' | 'deny', label: string, primary: boolean) =>
    `<button type="submit" name="decision" value="${value}" style="font:inherit;padding:.6rem 1rem;margin:0 .5rem .5rem 0;border-radius:6px;border:1px solid #1f3a8a;${primary ? 'background:#1f3a8a;color:#fff' : 'background:#fff;color:#1f3a8a'}">${escapeHtml(label)}</button>`;
  return plainPage([
    {
      lang: options.locale,
      title: t('openIdConnect.consentTitle', { app: options.app }),
      paragraphs: [t('openIdConnect.consentIntro', { app: options.app })],
      trustedHtml:
        `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` +
        `<p>${escapeHtml(t('openIdConnect.consentNote'))}</p>` +
        `<form method="post" action="${escapeHtml(options.action)}">${button('allow', t('openIdConnect.consentAllow'), true)}${button('deny', t('openIdConnect.consentDeny'), false)}</form>`,
    },
  ]);
}
