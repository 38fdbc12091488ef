import { isNotNull, lt, or } from 'drizzle-orm';
import { passwordLinks } from '@/lib/db/schema';
import type { Retention } from '@/lib/db/retention';

export const passwordLinkRetention: Retention = {
  table: passwordLinks,
  id: passwordLinks.id,
  expired: (at) => or(isNotNull(passwordLinks.usedAt), lt(passwordLinks.expiresAt, at))!,
  reason: 'A used or expired link opens nothing; only its hash was ever kept.',
};
