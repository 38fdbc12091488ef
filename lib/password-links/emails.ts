import { inArray } from 'drizzle-orm';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import { accountEmail } from '@/lib/mail/account-email';
import { enqueueEmail, type QueuedEmail } from '@/lib/mail/queue';
import { passwordLinkEmail } from '@/lib/mail/templates/password-link';
import { createPasswordLink, type LinkPurpose } from '@/lib/password-links/tokens';

/**
 * The one composer of password-link emails, for reset requests, staff and invitations alike:
 * a first-connection link while an account is pending, a reset link once it is active.
 */
export type LinkAccount = Pick<Account, 'id' | 'identifier' | 'kind' | 'email' | 'name' | 'locale' | 'emailLocale' | 'status'>;

export const linkPurpose = (account: Pick<Account, 'status'>): LinkPurpose => (account.status === 'pending' ? 'activation' : 'reset');

/**
 * One email for accounts that share an address (a family), each with a new link of its own, in
 * the language of the first (lib/mail/account-email.ts). Disabled accounts must have been left
 * out by the caller.
 */
export async function composeLinkEmail(group: LinkAccount[], at = now()): Promise<QueuedEmail> {
  const links = await Promise.all(
    group.map(async (account) => {
      const purpose = linkPurpose(account);
      const { url } = await createPasswordLink(account.id, purpose);
      return { identifier: account.identifier, kind: account.kind, name: account.name, purpose, url };
    }),
  );
  const template = links.every((l) => l.purpose === 'activation') ? 'activation' : 'reset';
  return accountEmail(template, group, (letterhead) => passwordLinkEmail({ ...letterhead, links }), { at });
}

/** Accounts grouped by address, in the order first seen. */
export function byAddress<T extends Pick<Account, 'email'>>(list: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const account of list) groups.set(account.email, [...(groups.get(account.email) ?? []), account]);
  return [...groups.values()];
}

/**
 * Queues the link emails of these accounts, one message per address, and marks the pending ones
 * invited. The caller delivers the queue when it suits it (after the response, say).
 */
export async function queueLinkEmails(list: LinkAccount[]): Promise<void> {
  const at = now();
  for (const group of byAddress(list)) await enqueueEmail(await composeLinkEmail(group, at));
  const pending = list.filter((a) => a.status === 'pending').map((a) => a.id);
  if (pending.length) await getDb().update(accounts).set({ invitedAt: at }).where(inArray(accounts.id, pending));
}
