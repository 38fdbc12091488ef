import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createPasswordLink, type LinkPurpose } from '@/lib/auth/password-links';
import { now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import { enqueueEmail } from '@/lib/mail/queue';
import { passwordLinkEmail } from '@/lib/mail/templates';

type LinkAccount = Pick<Account, 'id' | 'identifier' | 'kind' | 'email' | 'name' | 'locale' | 'status'>;

/**
 * Queues the email that sets one account's password: the first-connection email while the account
 * is pending, the reset email once it is active; a disabled account gets nothing (null).
 * The caller delivers the queue (deliverDueEmails) when it suits it, after the response say.
 */
export async function sendPasswordLinkEmail(account: LinkAccount): Promise<LinkPurpose | null> {
  if (account.status === 'disabled') return null;
  const config = getConfig();
  const purpose: LinkPurpose = account.status === 'pending' ? 'activation' : 'reset';
  const { url } = await createPasswordLink(account.id, purpose);
  const message = passwordLinkEmail({
    locale: account.locale,
    orgName: config.orgName,
    ttlHours: config.resetTokenTtlHours,
    supportEmail: config.supportEmail,
    links: [{ identifier: account.identifier, kind: account.kind, name: account.name, purpose, url }],
  });
  const at = now();
  await enqueueEmail({
    kind: purpose,
    to: account.email,
    ...message,
    accountId: account.id,
    // The same key shape as reset requests: one message per account and instant, never twice.
    idempotencyKey: `password-link/${createHash('sha256').update(account.id).digest('hex').slice(0, 32)}/${at.getTime()}`,
  });
  if (purpose === 'activation') await getDb().update(accounts).set({ invitedAt: at }).where(eq(accounts.id, account.id));
  return purpose;
}
