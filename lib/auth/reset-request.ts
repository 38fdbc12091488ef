import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { accountsForReset } from '@/lib/accounts/matching';
import { audit } from '@/lib/audit';
import { createPasswordLink } from '@/lib/auth/password-links';
import { now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import { parseIdentifier } from '@/lib/identifiers';
import { deliverDueEmails, enqueueEmail } from '@/lib/mail/queue';
import { passwordLinkEmail } from '@/lib/mail/templates';
import { DAY, HOUR, hit } from '@/lib/rate-limit';
import type { RequestInfo } from '@/lib/request-info';

export const RESET_LIMITS = { perAccountHour: 3, perAccountDay: 10, perIpHour: 10 } as const;

export type ResetRequest = { identifier: string; email: string };

async function withinAccountLimits(account: Account): Promise<boolean> {
  return (
    (await hit(`reset:account-hour:${account.id}`, RESET_LIMITS.perAccountHour, HOUR)) &&
    (await hit(`reset:account-day:${account.id}`, RESET_LIMITS.perAccountDay, DAY))
  );
}

/**
 * Everything a reset or first-connection request does, run after the response has been sent so
 * that the answer and its timing are the same whatever the request matched. Pending accounts get
 * the first-connection email, active ones the reset email, disabled and unknown ones nothing;
 * accounts sharing an address get one message listing each account with its own link.
 */
export async function processResetRequest(input: ResetRequest, request: RequestInfo): Promise<void> {
  const config = getConfig();
  const parsed = input.identifier ? parseIdentifier(input.identifier, config.identifierKinds) : null;
  const identifier = parsed?.ok ? parsed : null;
  const email = input.email ? input.email.normalize('NFKC').trim().toLowerCase() : null;
  const asked = identifier?.value ?? email;

  if (!(await hit(`reset:ip:${request.ip}`, RESET_LIMITS.perIpHour, HOUR))) {
    await audit({ type: 'reset_throttled', identifier: asked, request, details: { limit: 'ip' } });
    return;
  }

  const matched = await accountsForReset(identifier, email, config.resetMatch);
  const eligible: Account[] = [];
  for (const account of matched) {
    if (account.status === 'disabled') continue;
    if (await withinAccountLimits(account)) eligible.push(account);
    else await audit({ type: 'reset_throttled', accountId: account.id, identifier: account.identifier, request, details: { limit: 'account' } });
  }
  await audit({
    type: 'reset_requested',
    identifier: asked,
    request,
    details: { matched: matched.length, sent: eligible.length },
  });
  if (eligible.length === 0) return;

  const byAddress = new Map<string, Account[]>();
  for (const account of eligible) byAddress.set(account.email, [...(byAddress.get(account.email) ?? []), account]);
  for (const [to, group] of byAddress) {
    const links = [];
    for (const account of group) {
      const purpose = account.status === 'pending' ? 'activation' : 'reset';
      const { url } = await createPasswordLink(account.id, purpose);
      links.push({ identifier: account.identifier, kind: account.kind, name: account.name, purpose, url } as const);
    }
    const message = passwordLinkEmail({
      locale: group[0].locale,
      orgName: config.orgName,
      ttlHours: config.resetTokenTtlHours,
      supportEmail: config.supportEmail,
      links,
    });
    await enqueueEmail({
      kind: links.every((l) => l.purpose === 'activation') ? 'activation' : 'reset',
      to,
      ...message,
      accountId: group.length === 1 ? group[0].id : null,
      // One key per message, so a retry is never delivered twice; hashed to stay short however
      // many accounts share the address.
      idempotencyKey: `password-link/${createHash('sha256').update(group.map((a) => a.id).join('+')).digest('hex').slice(0, 32)}/${now().getTime()}`,
    });
  }
  const pending = eligible.filter((a) => a.status === 'pending').map((a) => a.id);
  if (pending.length) await getDb().update(accounts).set({ invitedAt: now() }).where(inArray(accounts.id, pending));
  await deliverDueEmails();
}
