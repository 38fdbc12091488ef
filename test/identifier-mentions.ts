import type { IdentifierKind } from '@/lib/identifiers/parse';

type Locale = 'fr' | 'en';

/**
 * Whether a text speaks of licence numbers or of client codes, in its language: what a deployment
 * that does not enable that kind must never show. "Service client" is customer service in French,
 * not a client code (English says "customer service"); invoices are where client codes are printed.
 */
export function mentions(kind: IdentifierKind, locale: Locale, text: string): boolean {
  if (kind === 'licence') return /licen[cs]/i.test(text);
  if (locale === 'fr') return /\bclients?\b|factures?/i.test(text.replace(/services? clients?/gi, ''));
  return /\bclients?\b|customer codes?|invoices?/i.test(text);
}

/** The kind a deployment with only `kind` enabled must never speak of. */
export const otherKind = (kind: IdentifierKind): IdentifierKind => (kind === 'licence' ? 'client' : 'licence');
