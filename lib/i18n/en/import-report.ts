/**
 * An import's report, line by line (lib/accounts/fields.ts, import.ts, csv.ts): on the command line
 * and on /admin/comptes/import. Values in quotes are the file's own, or the column's allowed values.
 */
export const importReportMessages = {
  importReport: {
    kindEmpty: 'kind is empty (expected "licence" or "client")',
    fieldEmpty: '{field} is empty',
    kindUnknown: 'kind {value} is not "licence" or "client"',
    localeUnknown: 'locale {value} is not "fr" or "en"',
    roleUnknown: 'role {value} is not "member" or "admin"',
    kindNotEnabled: 'kind "{value}" is not enabled here (IDENTIFIER_KINDS={kinds})',
    notDigits: 'identifier {value} is not made of digits',
    spreadsheetNumber: 'identifier {value} is not made of digits (a spreadsheet turned it into a number: format the column as text)',
    clientLength: 'client code {value} must have exactly 5 digits, it has {digits}',
    licenceLength: 'licence number {value} has {digits} digits, at most 8 are allowed',
    tooLong: '{field} is {length} characters long, at most {max} are allowed',
    emailFormat: 'email {value} is not a valid address',
    nameControl: 'name contains a control character (a tab, a line break…) at position {position}',
    nameBidi: 'name contains a text-direction override character',
    licencePadded: 'licence number {value} was padded to "{padded}" (a spreadsheet probably dropped its leading zeros)',
    columnTwice: 'column "{column}" appears twice in the header',
    columnUnknown: 'column {value} is not known and was ignored',
    headerMissing: 'the header must name the columns {columns} (and optionally locale, role); missing: {missing}',
    emptyFile: 'the file is empty: it needs a header line and one line per account',
    extraValues: 'the line has {count} values but the header names {named} (a value containing "{separator}" must be in double quotes)',
    duplicate: 'identifier "{identifier}" already appears on line {first}; this line was ignored',
    roleChange: 'account "{identifier}" changes role from {from} to {to}, which ends its open sessions',
    unclosedQuote: 'a quoted field is never closed (a " is missing), so this line and every line after it were not read',
    identifierColumnMissing: "the header has no column {column}, which --identifier-column names",
    wordpressHeaderMissing: "a WordPress export needs the columns user_login (or the one --identifier-column names) and user_email; missing: {missing}",
    wordpressIdentifierHint: "user_login is not a licence number or client code here: take the identifier from another column with the --identifier-column option of npm run accounts -- import",
    hashUnrecognised: "password_hash is not a hash Sésame can check (phpass $P$ or $H$, WordPress $wp$2y$, bcrypt $2a$, $2b$ or $2y$): the account is imported without it, and needs a first connection unless it already has a password",
    hashTooCostly: "password_hash asks for more rounds than a sign-in may spend (phpass above 2^16, bcrypt above cost 15): the account is imported without it, and needs a first connection unless it already has a password",
    passwordAlreadySet: "account \"{identifier}\" already has a password chosen in Sésame: this line was not imported, so that password stays (--replace-passwords would replace it)",
    passwordReplaced: "account \"{identifier}\" had a password chosen in Sésame: the imported hash replaces it and its open sessions end",
    hashFormats: "Password hashes: {phpass} phpass (WordPress up to 6.7, phpBB), {wordpress} WordPress 6.8 or later, {bcrypt} bcrypt; {unrecognised} not recognised, {empty} empty",
  },
};
