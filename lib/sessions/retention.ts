import { lt, or } from 'drizzle-orm';
import { sessions } from '@/lib/db/schema';
import { daysBefore, type Retention } from '@/lib/db/retention';

export const sessionRetention: Retention = {
  table: sessions,
  id: sessions.id,
  expired: (at, days) => or(lt(sessions.endedAt, daysBefore(at, days.sessionDays)), lt(sessions.expiresAt, daysBefore(at, days.sessionDays)))!,
  reason: 'Ended, or past their end, for SESSION_RETENTION_DAYS: "Mon espace" lists open sessions only, and the audit trail keeps the sign-ins.',
};
