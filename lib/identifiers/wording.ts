import type { IdentifierKind } from '@/lib/identifiers/parse';
import type { MessageKey, Messages } from '@/lib/i18n/messages';

/** Which identifiers the texts speak of: licence numbers, client codes, or both. */
export type IdentifierWording = 'licence' | 'client' | 'both';
export const IDENTIFIER_WORDINGS: readonly IdentifierWording[] = ['licence', 'client', 'both'];

/** A sentence that names identifiers: a group of lib/i18n/{fr,en}/identifiers.ts. */
export type IdentifierText = keyof Messages['identifiers'];

/**
 * The wording of a deployment: a federation (licences only) never reads of client codes, a
 * wholesaler (client codes only) never of licences. No kind at all accepts emails only; the
 * texts then keep naming both, as the default does.
 */
export function identifierWording(kinds: readonly IdentifierKind[]): IdentifierWording {
  const licence = kinds.includes('licence');
  const client = kinds.includes('client');
  if (licence && !client) return 'licence';
  if (client && !licence) return 'client';
  return 'both';
}

/** The key of `text` in this deployment's wording, e.g. "identifiers.signInHint.licence". */
export function identifierText(text: IdentifierText, kinds: readonly IdentifierKind[]): MessageKey {
  return `identifiers.${text}.${identifierWording(kinds)}`;
}
