import { hashPassword } from '@/lib/crypto/password-hash';
import { consumeLinkAndSetPassword } from '@/lib/password-links/tokens';

/**
 * Sets the password an emailed link was sent for. The password has passed the policy already;
 * the link is used only now, atomically, so of two tabs posting one link exactly one succeeds.
 * Null when the link was used, revoked or expired in the meantime.
 */
export async function setPasswordWithLink(token: string, password: string) {
  return consumeLinkAndSetPassword(token, await hashPassword(password));
}
