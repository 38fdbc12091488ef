/**
 * Every sentence that names an identifier, in three versions: the deployment's enabled kinds
 * (IDENTIFIER_KINDS) pick one with `identifierWording()` (lib/identifiers/wording.ts). A federation
 * (licences only) never reads of client codes, a wholesaler (client codes only) never of licences.
 */
export const identifierMessages = {
  identifiers: {
    // What an app of someone else asks to learn (the OpenID Connect consent page, lib/oidc/consent.ts).
    consentScope: {
      licence: "votre numéro de licence",
      client: "votre code client",
      both: "votre numéro de licence ou votre code client",
    },
    homeIntro: {
      licence:
        'Votre compte existe déjà : il a été créé à partir de votre numéro de licence. Il vous suffit d’initialiser votre mot de passe lors de votre première connexion.',
      client:
        'Votre compte existe déjà : il a été créé à partir de votre code client. Il vous suffit d’initialiser votre mot de passe lors de votre première connexion.',
      both: 'Votre compte existe déjà : il a été créé à partir de votre numéro de licence ou de votre code client. Il vous suffit d’initialiser votre mot de passe lors de votre première connexion.',
    },
    homeStep2: {
      licence: 'Saisissez votre identifiant (numéro de licence à 8 chiffres, indiqué sur votre carte de licence) et votre adresse e-mail.',
      client: 'Saisissez votre identifiant (code client à 5 chiffres indiqué sur vos factures) et votre adresse e-mail.',
      both: 'Saisissez votre identifiant (numéro de licence à 8 chiffres, ou code client à 5 chiffres indiqué sur vos factures) et votre adresse e-mail.',
    },
    signInHint: {
      licence: 'Numéro de licence ou adresse e-mail',
      client: 'Code client ou adresse e-mail',
      both: 'Numéro de licence, code client ou adresse e-mail',
    },
    sharedEmailHelp: {
      licence:
        'Si plusieurs comptes utilisent la même adresse e-mail (une famille, par exemple), connectez-vous avec le numéro de licence.',
      client:
        'Si plusieurs comptes utilisent la même adresse e-mail (plusieurs établissements, par exemple), connectez-vous avec le code client.',
      both: 'Si plusieurs comptes utilisent la même adresse e-mail (une famille, par exemple), connectez-vous avec le numéro de licence ou le code client.',
    },
    format: {
      licence: 'Saisissez un numéro de licence (jusqu’à 8 chiffres) ou une adresse e-mail.',
      client: 'Saisissez un code client (5 chiffres, indiqué sur vos factures) ou une adresse e-mail.',
      both: 'Saisissez un numéro de licence (jusqu’à 8 chiffres), un code client (5 chiffres) ou une adresse e-mail.',
    },
    forgotHint: {
      licence: 'Numéro de licence (8 chiffres, sur votre carte de licence)',
      client: 'Code client (5 chiffres, sur vos factures)',
      both: 'Numéro de licence (8 chiffres) ou code client (5 chiffres, sur vos factures)',
    },
    openingLabel: {
      licence: 'Numéro de licence',
      client: 'Code client',
      both: 'Numéro de licence ou code client',
    },
    openingHint: {
      licence: 'Facultatif : si vous le connaissez (carte de licence)',
      client: 'Facultatif : si vous le connaissez (factures)',
      both: 'Facultatif : si vous le connaissez (carte de licence, factures)',
    },
    openingOrganisation: {
      licence: 'Club',
      client: 'Société',
      both: 'Club ou société',
    },
    adminHint: {
      licence: 'Numéro de licence (jusqu’à 8 chiffres)',
      client: 'Code client (5 chiffres)',
      both: 'Numéro de licence (jusqu’à 8 chiffres) ou code client (5 chiffres)',
    },
  },
};
