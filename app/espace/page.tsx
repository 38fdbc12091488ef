import type { Metadata } from 'next';
import { endOtherSessionAction, signOutAction } from '@/app/espace/actions';
import { ChangePasswordForm } from '@/components/change-password-form';
import { Button } from '@/components/ui/button';
import { getConfig } from '@/lib/config';
import { requireUser } from '@/lib/auth/current-user';
import { openSessions } from '@/lib/auth/sessions';
import { getLocale, getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('space.title') };
}

export default async function SpacePage() {
  const user = await requireUser('/espace');
  const [t, locale, sessions] = await Promise.all([getTranslator(), getLocale(), openSessions(user.id)]);
  const date = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  });

  return (
    <div className="narrow stack">
      <h1>{user.kind === 'client' ? t('space.titlePro') : t('space.title')}</h1>
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title" className="card__title">
          {t('space.whoAmI')}
        </h2>
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
      </section>

      <section className="card" aria-labelledby="change-password-title">
        <h2 id="change-password-title" className="card__title">
          {t('changePassword.title')}
        </h2>
        <ChangePasswordForm
          identifier={user.identifier}
          context={{ minLength: getConfig().passwordMinLength, identifier: user.identifier, email: user.email, name: user.name }}
        />
      </section>

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="card__title">
          {t('space.sessionsTitle')}
        </h2>
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
      </section>
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
