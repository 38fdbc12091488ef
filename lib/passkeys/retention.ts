import { lt } from 'drizzle-orm';
import { webauthnChallenges } from '@/lib/db/schema';
import type { Retention } from '@/lib/db/retention';

export const webauthnChallengeRetention: Retention = {
  table: webauthnChallenges,
  id: webauthnChallenges.tokenHash,
  expired: (at) => lt(webauthnChallenges.expiresAt, at),
  reason:
    'A challenge serves once within 5 minutes (lib/passkeys/challenges.ts); one nobody came back for is otherwise cleared only when the next is issued, and names the account it was for.',
};
