import Link from 'next/link';
import { signInAction } from '@/app/connexion/actions';
import { passkeySignInAction } from '@/app/connexion/passkey-actions';
import { signOutAction } from '@/app/espace/actions';
import { LoginForm } from '@/components/login-form';
import { PasskeySignIn } from '@/components/passkeys/passkey-sign-in';
import { ButtonLink, Button } from '@/components/ui/button';
import { rememberedIdentifier } from '@/lib/http/cookies';
import { currentUser } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/http/locale';

/** Seed 000's "encart": on the right of the home page on a PC, below the content on a phone. */
export async function AuthPanel() {
  const [t, user, remembered] = await Promise.all([getTranslator(), currentUser(), rememberedIdentifier()]);
  return (
    <aside className="auth-panel card" aria-labelledby="auth-panel-title">
      <h2 id="auth-panel-title" className="card__title">
        {t('panel.title')}
      </h2>
      {user ? (
        <>
          <p className="auth-panel__greeting">{t('panel.greeting', { name: user.name || user.identifier })}</p>
          <p className="muted">{t('panel.signedInAs', { identifier: user.identifier })}</p>
          <ButtonLink href="/espace">{t('panel.goToSpace')}</ButtonLink>
          <form action={signOutAction}>
            <Button type="submit" variant="secondary">
              {t('space.signOut')}
            </Button>
          </form>
        </>
      ) : (
        <>
          <p className="auth-panel__status">{t('panel.signedOut')}</p>
          <LoginForm
            action={signInAction}
            variant="panel"
            kinds={getConfig().identifierKinds}
            defaultIdentifier={remembered}
            defaultRemember={Boolean(remembered)}
          />
          <PasskeySignIn mode="sign-in" finish={passkeySignInAction} autofill id="panel-passkey" />
          <p className="auth-panel__opening">
            {t('signIn.newHere')} <Link href="/ouverture-de-compte">{t('signIn.requestOpening')}</Link>
          </p>
        </>
      )}
    </aside>
  );
}
