import { lt } from 'drizzle-orm';
import { auditEvents } from '@/lib/db/schema';
import { daysBefore, type Retention } from '@/lib/db/retention';

/** The audit trail of lib/audit.ts. */
export const auditRetention: Retention = {
  table: auditEvents,
  id: auditEvents.id,
  expired: (at, days) => lt(auditEvents.at, daysBefore(at, days.auditDays)),
  reason: 'Older than AUDIT_RETENTION_DAYS: long enough to answer "who did what" about the past year.',
};
