import { fold, type AccountColumn } from '@/lib/accounts/fields';
import type { IdentifierKind } from '@/lib/identifiers/parse';

/**
 * The columns an import reads, by the names operators' files give them: Sésame's own header
 * (`identifier, kind, email, name[, locale][, role][, password_hash]`, in English or French) or
 * the export of a WordPress site (`wp user list --fields=user_login,user_email,display_name,user_pass
 * --format=csv`, or the same columns selected from `wp_users`): see docs/wordpress-migration.md.
 */
export type ImportColumn = AccountColumn | 'password_hash';

/** Where the file comes from: read as Sésame's header, or as WordPress's user export. */
export type ImportSource = 'sesame' | 'wordpress';

const SESAME_ALIASES: Record<string, ImportColumn> = {
  identifier: 'identifier', identifiant: 'identifier',
  kind: 'kind', type: 'kind',
  email: 'email', 'e-mail': 'email', mail: 'email', courriel: 'email', 'adresse e-mail': 'email',
  name: 'name', nom: 'name',
  locale: 'locale', langue: 'locale', language: 'locale',
  role: 'role',
  password_hash: 'password_hash', 'password hash': 'password_hash',
};

// WordPress's column names (wp_users). Its `roles` are WordPress's own (editor, subscriber…), not
// Sésame's: that column is not read, so an export never makes anyone an administrator here.
const WORDPRESS_ALIASES: Record<string, ImportColumn> = {
  user_login: 'identifier',
  user_email: 'email',
  display_name: 'name',
  user_pass: 'password_hash',
};

/** A WordPress export names its columns so: a file with both is read as one, whatever the caller said. */
export const looksLikeWordPress = (header: string[]) => {
  const names = new Set(header.map(fold));
  return names.has('user_login') && names.has('user_email');
};

export type ColumnReading = {
  source: ImportSource;
  /** The column that holds the identifier, folded (`--identifier-column`); WordPress's `user_login` otherwise. */
  identifierColumn?: string;
};

/** The column a header cell names, or null for one the import does not read. */
export function columnOf(cell: string, { source, identifierColumn }: ColumnReading): ImportColumn | null {
  const name = fold(cell);
  if (identifierColumn !== undefined) {
    if (name === fold(identifierColumn)) return 'identifier';
    // The identifier comes from the named column: the usual one is left unread.
    if (name === 'user_login' || SESAME_ALIASES[name] === 'identifier') return null;
  }
  if (source === 'wordpress') return WORDPRESS_ALIASES[name] ?? SESAME_ALIASES[name] ?? null;
  return SESAME_ALIASES[name] ?? null;
}

/** The columns a row cannot do without. WordPress's export has no kind: it follows from the identifier. */
export const requiredColumns = (source: ImportSource): ImportColumn[] =>
  source === 'wordpress' ? ['identifier', 'email'] : ['identifier', 'kind', 'email', 'name'];

/**
 * The kind of an identifier that came without one (a WordPress export): the only kind enabled, or
 * with both enabled, a client code when it has exactly 5 digits and a licence number otherwise
 * (one with fewer than 8 digits is padded, with a warning, as in any import). `forced` is the
 * command line's `--kind`.
 */
export function inferKind(identifier: string, kinds: readonly IdentifierKind[], forced?: IdentifierKind): IdentifierKind {
  if (forced) return forced;
  if (kinds.length === 1) return kinds[0];
  const digits = identifier.normalize('NFKC').replace(/[ .\-]/g, '').trim();
  return /^\d{5}$/.test(digits) ? 'client' : 'licence';
}
