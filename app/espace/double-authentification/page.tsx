import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import QRCode from 'qrcode';
import Link from 'next/link';
import { cancelSignInAction } from '@/app/connexion/code/actions';
import { Button } from '@/components/ui/button';
import { EnrolForm } from '@/app/espace/double-authentification/enrol-form';
import { StartEnrolForm } from '@/app/espace/double-authentification/start-enrol-form';
import { Card } from '@/components/ui/card';
import { sessionUser } from '@/lib/auth/guards';
import { secondFactorPath } from '@/lib/sign-in/second-step';
import { getConfig } from '@/lib/config';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { getTranslator } from '@/lib/http/locale';
import { enrolmentSecret } from '@/lib/second-factor/enrolment';
import { enrolmentCookie } from '@/lib/second-factor/enrolment-cookie';
import { hasConfirmedTotp } from '@/lib/second-factor/factors';
import { groupedSecret, secretFromText, totpUri } from '@/lib/second-factor/totp';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('secondFactor.enrol.pageTitle') };
}

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

const PATH = '/espace/double-authentification';

/**
 * Turning on the authenticator app: members from /espace, staff right after their password (their
 * session opens nothing else until this is done). First "Afficher le QR code" (members give their
 * password again): the secret is made then, for this session only (lib/second-factor/enrolment.ts).
 * The QR code is an SVG made here, so the page works without JavaScript; the secret is also shown
 * as text for apps that cannot scan.
 */
export default async function EnrolPage({ searchParams }: Props) {
  const params = await searchParams;
  const asked = typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined;
  const next = safeRedirectPath(asked);
  const user = await sessionUser();
  if (!user) redirect(`/connexion?callbackUrl=${encodeURIComponent(PATH)}`);
  if (user.secondFactor === 'pending') redirect(secondFactorPath('pending', PATH));
  const enabled = await hasConfirmedTotp(user.id);
  const secret = enabled ? null : enrolmentSecret(user, await enrolmentCookie());
  const t = await getTranslator();
  const uri = secret ? totpUri(getConfig().orgName, user.identifier, secretFromText(secret)) : null;
  const svg = uri ? await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null;

  // The form keeps its place whether the app is on yet or not: the answer that turns it on (its
  // recovery codes) comes back to the same form, even when the page renders again around it.
  return (
    <div className="narrow stack">
      <h1>{t('secondFactor.enrol.pageTitle')}</h1>
      <Card id="enrol-title" title={t('secondFactor.space.title')}>
        {!enabled && <p>{user.secondFactor === 'enrol' ? t('secondFactor.enrol.staffIntro') : t('secondFactor.enrol.memberIntro')}</p>}
        {secret && svg && (
          <>
            <ol className="enrol-steps">
              <li>{t('secondFactor.enrol.step1')}</li>
              <li>
                <p>{t('secondFactor.enrol.step2')}</p>
                {/* Made here by the qrcode package from our own otpauth:// address: no markup of anyone's. */}
                <div className="enrol-steps__qr" role="img" aria-label={t('secondFactor.enrol.qrAlt')} dangerouslySetInnerHTML={{ __html: svg }} />
                {/* A phone cannot scan its own screen: its authenticator app opens otpauth:// addresses. */}
                <p>
                  <a href={uri ?? undefined} data-testid="totp-link">
                    {t('secondFactor.enrol.sameDevice')}
                  </a>
                </p>
                <p>
                  {t('secondFactor.enrol.secretLabel')}{' '}
                  <code className="enrol-steps__secret" data-testid="totp-secret">
                    {groupedSecret(secret)}
                  </code>
                </p>
              </li>
              <li>{t('secondFactor.enrol.step3')}</li>
            </ol>
          </>
        )}
        {enabled || secret ? (
          <EnrolForm next={next} enabled={enabled} />
        ) : (
          <StartEnrolForm callbackUrl={asked} askPassword={user.secondFactor !== 'enrol'} />
        )}
        {!enabled && user.secondFactor === 'enrol' && (
          <form action={cancelSignInAction} className="second-factor__cancel">
            <Button type="submit" variant="link">
              {t('secondFactor.code.cancel')}
            </Button>
          </form>
        )}
        {!enabled && user.secondFactor !== 'enrol' && (
          <p className="second-factor__cancel">
            <Link href="/espace">{t('secondFactor.enrol.later')}</Link>
          </p>
        )}
      </Card>
    </div>
  );
}
