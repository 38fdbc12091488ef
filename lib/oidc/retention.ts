import { lt } from 'drizzle-orm';
import { oidcRecords } from '@/lib/db/schema';
import { daysBefore, type Retention } from '@/lib/db/retention';

export const oidcRecordRetention: Retention = {
  table: oidcRecords,
  // Ids are random (256 bits): unique across the provider's models in practice.
  id: oidcRecords.id,
  expired: (at) => lt(oidcRecords.expiresAt, daysBefore(at, 1)),
  reason:
    'Codes, tokens, grants and the provider\'s sessions are of no use once expired (lib/oidc/adapter.ts already ignores them); a day\'s grace keeps a replayed code recognised as one.',
};
