import 'server-only';
import { cookies } from 'next/headers';
import { cookieName, cookieOptions } from '@/lib/http/cookies';
import { ENROLMENT_TTL_MS } from '@/lib/second-factor/enrolment';

/**
 * The browser's enrolment in progress (enrolment.ts): the sealed secret, in an HttpOnly cookie
 * scoped to /espace/double-authentification, for as long as an enrolment lasts.
 */
export async function setEnrolmentCookie(enrolment: string): Promise<void> {
  (await cookies()).set(cookieName('totpEnrolment'), enrolment, cookieOptions('totpEnrolment', ENROLMENT_TTL_MS / 1000));
}

export async function enrolmentCookie(): Promise<string | undefined> {
  return (await cookies()).get(cookieName('totpEnrolment'))?.value;
}

/** The enrolment is confirmed: its secret has no business in the browser any more. */
export async function clearEnrolmentCookie(): Promise<void> {
  (await cookies()).set(cookieName('totpEnrolment'), '', cookieOptions('totpEnrolment', 0));
}
