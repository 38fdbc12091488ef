/**
 * The /espace forms that work by a plain post and a redirect come back with what happened in the
 * query, so the page says it with or without JavaScript. Nothing in it is trusted: unknown values
 * show nothing.
 */
export const NOTICE_PARAMS = {
  /** How many sessions "Fermer toutes mes autres sessions" ended. */
  sessionsClosed: 'sessions-fermees',
  /** "Langue de mes e-mails": `ok` or `invalide`. */
  emailLocale: 'langue-emails',
} as const;

type Query = Record<string, string | string[] | undefined>;

/** How many sessions the last "close all" ended; null when the query does not say. */
export function sessionsClosedNotice(query: Query): number | null {
  const value = query[NOTICE_PARAMS.sessionsClosed];
  return typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : null;
}

export type EmailLocaleNotice = 'ok' | 'invalide';

export function emailLocaleNotice(query: Query): EmailLocaleNotice | null {
  const value = query[NOTICE_PARAMS.emailLocale];
  return value === 'ok' || value === 'invalide' ? value : null;
}
