/**
 * Le compte rendu d'un import, ligne par ligne (lib/accounts/fields.ts, import.ts, csv.ts) : en
 * ligne de commande et sur /admin/comptes/import. Entre guillemets, les valeurs du fichier, ou
 * les valeurs permises de la colonne.
 */
export const importReportMessages = {
  importReport: {
    kindEmpty: 'le type (kind) est vide (attendu : "licence" ou "client")',
    fieldEmpty: 'la colonne {field} est vide',
    kindUnknown: 'le type (kind) {value} n’est ni "licence" ni "client"',
    localeUnknown: 'la langue (locale) {value} n’est ni "fr" ni "en"',
    roleUnknown: 'le rôle (role) {value} n’est ni "member" ni "admin"',
    kindNotEnabled: 'le type "{value}" n’est pas activé ici (IDENTIFIER_KINDS={kinds})',
    notDigits: 'l’identifiant {value} ne contient pas que des chiffres',
    spreadsheetNumber: 'l’identifiant {value} ne contient pas que des chiffres (un tableur l’a changé en nombre : mettez la colonne au format texte)',
    clientLength: 'le code client {value} doit avoir exactement 5 chiffres, il en a {digits}',
    licenceLength: 'le numéro de licence {value} a {digits} chiffres, 8 au plus sont permis',
    tooLong: 'la colonne {field} fait {length} caractères, {max} au plus sont permis',
    emailFormat: 'l’adresse e-mail {value} n’est pas valide',
    nameControl: 'le nom contient un caractère de contrôle (tabulation, retour à la ligne…) en position {position}',
    nameBidi: 'le nom contient un caractère qui inverse le sens du texte',
    licencePadded: 'le numéro de licence {value} a été complété en "{padded}" (un tableur a sans doute retiré ses zéros de tête)',
    columnTwice: 'la colonne "{column}" apparaît deux fois dans l’en-tête',
    columnUnknown: 'la colonne {value} est inconnue : elle a été ignorée',
    headerMissing: 'l’en-tête doit nommer les colonnes {columns} (et, si besoin, locale et role) ; il manque : {missing}',
    emptyFile: 'le fichier est vide : il faut une ligne d’en-tête, puis une ligne par compte',
    extraValues: 'la ligne a {count} valeurs mais l’en-tête en nomme {named} (une valeur qui contient « {separator} » doit être entre guillemets droits)',
    duplicate: 'l’identifiant "{identifier}" figure déjà ligne {first} : cette ligne a été ignorée',
    roleChange: 'le compte "{identifier}" change de rôle : {from} devient {to}, ce qui ferme ses sessions ouvertes',
    unclosedQuote: 'un champ entre guillemets n’est jamais fermé (il manque un "), donc cette ligne et toutes les suivantes n’ont pas été lues',
    identifierColumnMissing: "l’en-tête n’a pas de colonne {column}, celle que nomme --identifier-column",
    wordpressHeaderMissing: "un export WordPress doit avoir les colonnes user_login (ou celle que nomme --identifier-column) et user_email ; il manque : {missing}",
    wordpressIdentifierHint: "user_login n’est pas ici un numéro de licence ou un code client : prenez l’identifiant dans une autre colonne avec l’option --identifier-column de npm run accounts -- import",
    hashUnrecognised: "password_hash n’est pas une empreinte que Sésame sait vérifier (phpass $P$ ou $H$, WordPress $wp$2y$, bcrypt $2a$, $2b$ ou $2y$) : le compte est importé sans elle, et demandera une première connexion s’il n’a pas déjà de mot de passe",
    hashTooCostly: "password_hash demande plus de tours qu’une connexion ne peut en faire (phpass au-delà de 2^16, bcrypt au-delà du coût 15) : le compte est importé sans elle, et demandera une première connexion s’il n’a pas déjà de mot de passe",
    passwordAlreadySet: "le compte \"{identifier}\" a déjà un mot de passe choisi dans Sésame : cette ligne n’a pas été importée, ce mot de passe reste (--replace-passwords le remplacerait)",
    passwordReplaced: "le compte \"{identifier}\" avait un mot de passe choisi dans Sésame : l’empreinte importée le remplace et ses sessions ouvertes sont fermées",
    hashFormats: "Empreintes de mots de passe : {phpass} phpass (WordPress jusqu’à 6.7, phpBB), {wordpress} WordPress 6.8 ou plus récent, {bcrypt} bcrypt ; {unrecognised} non reconnues, {empty} vides",
  },
};
