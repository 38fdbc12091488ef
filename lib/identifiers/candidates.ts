import type { Identifier, IdentifierKind } from '@/lib/identifiers/parse';

/**
 * What a number typed may stand for, in the order that wins. Five digits are a client code, and,
 * when licences are enabled too, also the licence number with its zeros restored (`12345` for
 * licence 00012345): the client code when an account has it, else the licence. Both are looked
 * up in one query (see `findAccountByNumber`) and both are throttled, so neither the time taken
 * nor a throttle tells which one exists.
 */
export function identifierCandidates(parsed: Identifier, kinds: readonly IdentifierKind[]): Identifier[] {
  if (parsed.type === 'client' && kinds.includes('licence')) return [parsed, { type: 'licence', value: parsed.value.padStart(8, '0') }];
  return [parsed];
}
