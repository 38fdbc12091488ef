import { and, inArray, lt } from 'drizzle-orm';
import { emailEvents, emailOutbox } from '@/lib/db/schema';
import { daysBefore, type Retention } from '@/lib/db/retention';

export const emailRetention: Retention = {
  table: emailOutbox,
  id: emailOutbox.id,
  expired: (at, days) => and(inArray(emailOutbox.status, ['sent', 'failed']), lt(emailOutbox.createdAt, daysBefore(at, days.emailDays)))!,
  reason: 'Sent or failed for EMAIL_RETENTION_DAYS (addresses, links, notices); a pending email is never deleted.',
};

export const emailEventRetention: Retention = {
  table: emailEvents,
  id: emailEvents.svixId,
  expired: (at, days) => lt(emailEvents.receivedAt, daysBefore(at, days.emailDays)),
  reason:
    "Resend's news of an email (delivered, bounced…) is kept as long as the email it is about (EMAIL_RETENTION_DAYS), counted from its arrival: after that the history has no email to show it with. Resend stops retrying an event long before, so a replay is still refused.",
};
