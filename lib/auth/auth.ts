import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import { encode } from 'next-auth/jwt';
import { cache } from 'react';
import { getConfig } from '@/lib/config';
import { cookieName, isHttps } from '@/lib/http/cookies';
import { log } from '@/lib/logger';
import { resolveSession, REMEMBERED_LIFETIME_MS, BROWSER_SESSION_LIFETIME_MS } from '@/lib/sessions/sessions';
import { signInProviders } from '@/lib/sign-in/providers';

// Every server component of a request asks for the session; the database is asked once.
const resolveSessionOnce = cache(resolveSession);

export const { auth, signIn, signOut } = NextAuth(() => {
  // Auth.js builds its URLs (and its callback-url cookie) from AUTH_URL, or else from the request's
  // Host and X-Forwarded-Host, which anyone can forge: pin it to APP_URL.
  process.env.AUTH_URL = getConfig().appUrl;
  return config();
});

function config(): NextAuthConfig {
  return {
    // The newest signs; during a rotation the older ones still open the tokens they signed.
    secret: getConfig().authSecrets,
    // No Auth.js route is mounted: sign-in and sign-out go through server actions, and every link
    // is built from APP_URL, so the Host header is never used to build anything.
    trustHost: true,
    // Secure cookies (and their __Secure- names) follow APP_URL, not a request's X-Forwarded-Proto.
    useSecureCookies: isHttps(),
    cookies: { sessionToken: { name: cookieName('session') } },
    pages: { signIn: '/connexion' },
    session: { strategy: 'jwt', maxAge: REMEMBERED_LIFETIME_MS / 1000 },
    jwt: {
      // Auth.js has one lifetime for every session; a browser session gets the shorter one.
      encode: (params) =>
        encode({
          ...params,
          maxAge: (params.token?.remember ? REMEMBERED_LIFETIME_MS : BROWSER_SESSION_LIFETIME_MS) / 1000,
        }),
    },
    // Every way in: lib/sign-in/.
    providers: signInProviders,
    callbacks: {
      async jwt({ token, user }) {
        // `step` is what the sign-in decided about a second factor, read once by the sign-in action
        // (lib/sign-in/opened-session.ts); afterwards the session row is what counts.
        if (user) return { sub: user.id, sid: user.sessionId, remember: user.remember, step: user.secondFactor ?? null };
        // Returning null ends the session: this is how a reset, a disabled account or a sign-out
        // elsewhere takes effect at the next request.
        if (typeof token.sid !== 'string') return null;
        return (await resolveSessionOnce(token.sid)) ? token : null;
      },
      async session({ session, token }) {
        const user = typeof token.sid === 'string' ? await resolveSessionOnce(token.sid) : null;
        return { ...session, user: user ?? undefined } as typeof session;
      },
    },
    logger: {
      // A refused sign-in is an expected outcome, already in the audit trail, not a server error.
      error(error) {
        if (error instanceof CredentialsSignin || error.name === 'CredentialsSignin') return;
        log.error('auth', error);
      },
      warn() {},
    },
  };
}
