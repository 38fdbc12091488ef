import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { auditEvents, oidcClients } from '@/lib/db/schema';

/**
 * What staff see of the OpenID Connect provider in /admin: the apps registered, and on an
 * account's page the apps it signed in to (from the audit trail, kept AUDIT_RETENTION_DAYS).
 */
export type ClientRow = { id: string; name: string; confidential: boolean; requireSecondFactor: boolean; redirectUris: string[]; signIns30Days: number };

export async function clientsForAdmin(): Promise<ClientRow[]> {
  const since = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
  const rows = await getDb()
    .select({
      id: oidcClients.id,
      name: oidcClients.name,
      secretHash: oidcClients.secretHash,
      requireSecondFactor: oidcClients.requireSecondFactor,
      redirectUris: oidcClients.redirectUris,
      signIns: sql<number>`(select count(*)::int from audit_events e where e.type = 'oidc_sign_in' and e.details->>'client' = oidc_clients.id and e.at > ${since}::timestamptz)`,
    })
    .from(oidcClients)
    .orderBy(oidcClients.name);
  return rows.map(({ secretHash, signIns, ...row }) => ({ ...row, confidential: secretHash !== null, signIns30Days: signIns }));
}

export type AccountApp = { clientId: string; name: string | null; lastSignIn: Date; signIns: number };

/** The apps an account signed in to with Sésame, the most recent first. */
export async function appsOfAccount(accountId: string): Promise<AccountApp[]> {
  const client = sql<string>`${auditEvents.details}->>'client'`;
  const rows = await getDb()
    .select({ clientId: client, name: oidcClients.name, lastSignIn: sql<Date>`max(${auditEvents.at})`, signIns: sql<number>`count(*)::int` })
    .from(auditEvents)
    .leftJoin(oidcClients, eq(oidcClients.id, client))
    .where(and(eq(auditEvents.accountId, accountId), eq(auditEvents.type, 'oidc_sign_in')))
    .groupBy(client, oidcClients.name)
    .orderBy(desc(sql`max(${auditEvents.at})`));
  return rows.map((r) => ({ ...r, lastSignIn: new Date(r.lastSignIn) }));
}
