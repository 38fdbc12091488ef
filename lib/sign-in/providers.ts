import Credentials from 'next-auth/providers/credentials';
import { getConfig } from '@/lib/config';
import { requestInfo } from '@/lib/http/request-info';
import { challengeCookie } from '@/lib/passkeys/challenge-cookie';
import { decodeIdentifier } from '@/lib/sign-in/credentials';
import { signInWithPasskey } from '@/lib/sign-in/passkey';
import type { OpenedSession } from '@/lib/sign-in/open-session';
import { signInWithPassword } from '@/lib/sign-in/password';
import { RefusedSignIn } from '@/lib/sign-in/refusal';

/** What Auth.js keeps of an opened session: it goes into the session token (lib/auth/auth.ts). */
const sessionUser = (opened: OpenedSession) => ({
  id: opened.accountId,
  sessionId: opened.sessionId,
  remember: opened.remember,
  secondFactor: opened.secondFactor,
});

/**
 * Every way in, as Auth.js providers (lib/auth/auth.ts). Each checks its proof with its own module,
 * which opens the session through lib/sign-in/open-session.ts; what Auth.js gets back is the
 * opened session, which goes into the session token.
 */
export const signInProviders = [
  Credentials({
    credentials: { identifierType: {}, identifier: {}, password: {}, remember: {} },
    async authorize(credentials, request) {
      const result = await signInWithPassword(
        {
          parsed: decodeIdentifier(credentials, getConfig().identifierKinds),
          password: credentials.password,
          remember: credentials.remember === '1',
        },
        requestInfo(request.headers),
      );
      if (!result.ok) throw new RefusedSignIn(result);
      return sessionUser(result);
    },
  }),
  // A passkey: the browser's assertion, checked against this browser's challenge (cookie).
  Credentials({
    id: 'passkey',
    credentials: { response: {} },
    async authorize(credentials, request) {
      const result = await signInWithPasskey(credentials.response, await challengeCookie(), requestInfo(request.headers));
      if (!result.ok) throw new RefusedSignIn({ reason: 'passkey', passkey: result.reason });
      return sessionUser(result);
    },
  }),
];
