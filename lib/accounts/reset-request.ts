import { accountsForReset } from '@/lib/accounts/reset-matching';
import { audit } from '@/lib/audit';
import { getConfig } from '@/lib/config';
import type { Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import { normaliseEmail, parseIdentifier } from '@/lib/identifiers/parse';
import { deliverDueEmails } from '@/lib/mail/queue';
import { queueLinkEmails } from '@/lib/password-links/emails';
import type { ForgotValues } from '@/lib/password-links/request-schema';
import { THROTTLE_POLICIES } from '@/lib/throttles/policies';
import { countWithinLimit } from '@/lib/throttles/rate-limit';

const { resetAccountHour, resetAccountDay, resetAddress } = THROTTLE_POLICIES;
export const RESET_LIMITS = { perAccountHour: resetAccountHour.limit, perAccountDay: resetAccountDay.limit, perIpHour: resetAddress.limit } as const;

async function withinAccountLimits(account: Account): Promise<boolean> {
  return (
    (await countWithinLimit(resetAccountHour, account.id)) &&
    (await countWithinLimit(resetAccountDay, account.id))
  );
}

/**
 * "Mot de passe oublié ? / Première connexion", whose form is lib/password-links/request-schema.ts:
 * one of the ways an account is sent its link, beside staff (staff.ts) and invitations (invite.ts).
 * It looks accounts up, so it lives with them: lib/password-links/ never reads lib/accounts/.
 *
 * Everything a reset or first-connection request does, run after the response has been sent so
 * that the answer and its timing are the same whatever the request matched. Pending accounts get
 * the first-connection email, active ones the reset email, disabled and unknown ones nothing;
 * accounts sharing an address get one message listing each account with its own link.
 */
export async function processResetRequest(input: ForgotValues, request: RequestInfo): Promise<void> {
  const config = getConfig();
  const parsed = input.identifier ? parseIdentifier(input.identifier, config.identifierKinds) : null;
  const identifier = parsed?.ok ? parsed : null;
  const email = input.email ? normaliseEmail(input.email) : null;
  const asked = identifier?.value ?? email;

  if (!(await countWithinLimit(resetAddress, request.ip))) {
    await audit({ type: 'reset_throttled', identifier: asked, request, details: { limit: 'ip' } });
    return;
  }

  const matched = await accountsForReset(identifier, email, config.resetMatch, config.identifierKinds);
  const eligible: Account[] = [];
  for (const account of matched) {
    if (account.status === 'disabled') continue;
    if (await withinAccountLimits(account)) eligible.push(account);
    else await audit({ type: 'reset_throttled', accountId: account.id, identifier: account.identifier, request, details: { limit: 'account' } });
  }
  await audit({ type: 'reset_requested', identifier: asked, request, details: { matched: matched.length, sent: eligible.length } });
  if (eligible.length === 0) return;
  await queueLinkEmails(eligible);
  await deliverDueEmails();
}
