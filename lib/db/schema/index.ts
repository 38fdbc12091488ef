/**
 * The tables, one file per concern. Migrations in drizzle/ are generated from these files
 * (`npm run db:generate`, drizzle.config.ts).
 */
import { accounts } from '@/lib/db/schema/accounts';
import { emailChangeLinks } from '@/lib/db/schema/links';
import { passkeys } from '@/lib/db/schema/factors';
import { sessions } from '@/lib/db/schema/sessions';

export * from '@/lib/db/schema/accounts';
export * from '@/lib/db/schema/account-requests';
export * from '@/lib/db/schema/audit';
export * from '@/lib/db/schema/factors';
export * from '@/lib/db/schema/links';
export * from '@/lib/db/schema/mail';
export * from '@/lib/db/schema/oidc';
export * from '@/lib/db/schema/sessions';

export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
export type Session = typeof sessions.$inferSelect;
export type EmailChangeLink = typeof emailChangeLinks.$inferSelect;
export type Passkey = typeof passkeys.$inferSelect;
