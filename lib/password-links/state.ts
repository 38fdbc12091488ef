import { desc, eq } from 'drizzle-orm';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { passwordLinks } from '@/lib/db/schema';

/**
 * The state of an account's latest emailed link, for customer service answering "my link does
 * not work": none ever sent, outstanding (usable until it expires), used, or expired.
 */
export type LinkState =
  | { state: 'none' }
  | { state: 'outstanding' | 'used' | 'expired'; purpose: 'activation' | 'reset'; createdAt: Date; expiresAt: Date; usedAt: Date | null; outstanding: number };

export async function accountLinkState(accountId: string): Promise<LinkState> {
  const links = await getDb()
    .select({ purpose: passwordLinks.purpose, createdAt: passwordLinks.createdAt, expiresAt: passwordLinks.expiresAt, usedAt: passwordLinks.usedAt })
    .from(passwordLinks)
    .where(eq(passwordLinks.accountId, accountId))
    .orderBy(desc(passwordLinks.createdAt));
  const [latest] = links;
  if (!latest) return { state: 'none' };
  const at = now();
  const usable = (l: (typeof links)[number]) => l.usedAt === null && l.expiresAt > at;
  const state = latest.usedAt ? 'used' : usable(latest) ? 'outstanding' : 'expired';
  return { state, ...latest, outstanding: links.filter(usable).length };
}
