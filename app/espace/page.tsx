import type { Metadata } from 'next';
import {
  changePasswordAction,
  emailChangeAction,
  endAllOtherSessionsAction,
  endOtherSessionAction,
  setEmailLocaleAction,
  signOutAction,
} from '@/app/espace/actions';
import { disableTotpAction, renewRecoveryCodesAction } from '@/app/espace/double-authentification/actions';
import {
  beginPasskeyRegistrationAction,
  finishPasskeyRegistrationAction,
  removePasskeyAction,
  renamePasskeyAction,
} from '@/app/espace/passkey-actions';
import { ChangePasswordForm } from '@/components/change-password-form';
import { PasskeysCard } from '@/components/passkeys/passkeys-card';
import { SecondFactorCard } from '@/components/second-factor/space-card';
import { factorSummary } from '@/lib/second-factor/factors';
import { Button } from '@/components/ui/button';
import { getConfig } from '@/lib/config';
import { passwordContext } from '@/lib/passwords/new-password-schema';
import { requireUser } from '@/lib/auth/guards';
import { openSessions } from '@/lib/sessions/sessions';
import { dateFormat } from '@/lib/i18n/format';
import { getLocale, getTranslator } from '@/lib/http/locale';
import { Card } from '@/components/ui/card';
import { EmailChangeForm } from '@/components/espace/email-change-form';
import { EmailLanguageForm } from '@/components/espace/email-language-form';
import { CloseOtherSessions } from '@/components/espace/other-sessions';
import { currentEmailLocale } from '@/lib/accounts/email-locale';
import { pendingEmailChange } from '@/lib/email-change/links';
import { emailLocaleNotice, sessionsClosedNotice } from '@/lib/self-service/notices';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('space.title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SpacePage({ searchParams }: Props) {
  const user = await requireUser('/espace');
  const [t, locale, sessions, query, emailLocale, pendingChange] = await Promise.all([
    getTranslator(),
    getLocale(),
    openSessions(user.id),
    searchParams,
    currentEmailLocale(user.id),
    pendingEmailChange(user.id),
  ]);
  const factors = await factorSummary(user.id);
  const notice = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
  const date = dateFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
  // The cards below, by their headings' ids.
  const contents: [string, string][] = [
    ['change-password-title', t('changePassword.title')],
    ['email-change-title', t('selfService.email.title')],
    ['email-locale-title', t('selfService.emailLocale.title')],
    ['second-factor-title', t('secondFactor.space.title')],
    ['passkeys-title', t('passkeys.title')],
    ['sessions-title', t('space.sessionsTitle')],
  ];

  return (
    <div className="narrow stack">
      <h1>{user.kind === 'client' ? t('space.titlePro') : t('space.title')}</h1>
      {/* Seven cards make a long page on a phone: each is one tap away. */}
      <nav aria-label={t('space.onThisPage')} className="page-contents">
        <ul>
          {contents.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Card id="account-title" title={t('space.whoAmI')}>
        <dl className="details">
          <dt>{user.kind === 'client' ? t('space.kindClient') : t('space.kindLicence')}</dt>
          <dd data-testid="account-identifier">{user.identifier}</dd>
          {user.name && (
            <>
              <dt>{t('space.name')}</dt>
              <dd>{user.name}</dd>
            </>
          )}
          <dt>{t('space.email')}</dt>
          <dd>{user.email}</dd>
        </dl>
        <form action={signOutAction}>
          <Button type="submit" variant="secondary">
            {t('space.signOut')}
          </Button>
        </form>
      </Card>

      <Card id="change-password-title" title={t('changePassword.title')}>
        <ChangePasswordForm
          action={changePasswordAction}
          identifier={user.identifier}
          context={passwordContext(user, getConfig().passwordMinLength)}
        />
      </Card>

      <Card id="email-change-title" title={t('selfService.email.title')}>
        <EmailChangeForm
          action={emailChangeAction}
          identifier={user.identifier}
          currentEmail={user.email}
          pending={pendingChange && t('selfService.email.pending', { email: pendingChange.newEmail, date: date.format(pendingChange.createdAt) })}
        />
      </Card>

      <EmailLanguageForm action={setEmailLocaleAction} t={t} current={emailLocale} notice={emailLocaleNotice(query)} />

      <SecondFactorCard user={user} factors={factors} notice={notice('facteur')} actions={{ renew: renewRecoveryCodesAction, disable: disableTotpAction }} />

      <PasskeysCard
        passkeys={factors.passkeys}
        notice={notice('cle')}
        actions={{ begin: beginPasskeyRegistrationAction, finish: finishPasskeyRegistrationAction, rename: renamePasskeyAction, remove: removePasskeyAction }}
      />

      <Card id="sessions-title" title={t('space.sessionsTitle')}>
        <ul className="sessions">
          {sessions.map((s) => (
            <li key={s.id} className="sessions__item">
              <div>
                <p className="sessions__agent">
                  {describeAgent(s.userAgent)}
                  {s.ip && <span className="muted"> · {t('space.sessionIp', { ip: s.ip })}</span>}
                </p>
                <p className="muted">
                  {t('space.sessionStarted', { date: date.format(s.createdAt) })},{' '}
                  {t('space.sessionLastSeen', { date: date.format(s.lastSeenAt) })} ·{' '}
                  {s.remember ? t('space.sessionRemembered') : t('space.sessionBrowser')}
                </p>
              </div>
              {s.id === user.sessionId ? (
                <span className="badge">{t('space.sessionCurrent')}</span>
              ) : (
                <form action={endOtherSessionAction}>
                  <input type="hidden" name="sessionId" value={s.id} />
                  <Button type="submit" variant="secondary">
                    {t('space.endSession')}
                  </Button>
                </form>
              )}
            </li>
          ))}
        </ul>
        <CloseOtherSessions action={endAllOtherSessionsAction} t={t} others={sessions.filter((s) => s.id !== user.sessionId).length} closed={sessionsClosedNotice(query)} />
      </Card>
    </div>
  );
}

/** A readable name for a browser, from its user agent; good enough to recognise one's devices. */
function describeAgent(userAgent: string | null): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : '';
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  return [browser, system].filter(Boolean).join(' · ') || '—';
}
