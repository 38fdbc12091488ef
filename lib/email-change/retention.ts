import { isNotNull, lt, or } from 'drizzle-orm';
import { emailChangeLinks } from '@/lib/db/schema';
import type { Retention } from '@/lib/db/retention';

export const emailChangeLinkRetention: Retention = {
  table: emailChangeLinks,
  id: emailChangeLinks.id,
  expired: (at) => or(isNotNull(emailChangeLinks.usedAt), lt(emailChangeLinks.expiresAt, at))!,
  reason:
    'A used (or replaced) or expired link confirms nothing, as password links; it holds two addresses, and the audit trail keeps the change.',
};
