import { timestamp } from 'drizzle-orm/pg-core';

/** The timestamp columns every table writes the same way (with the time zone, as Postgres advises). */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
export const at = (name: string) => timestamp(name, { withTimezone: true });
