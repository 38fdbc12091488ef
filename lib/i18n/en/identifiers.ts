import type { Messages } from '@/lib/i18n/messages';

/** English for fr/identifiers.ts: every sentence that names an identifier, per enabled kinds. */
export const identifierMessages: Pick<Messages, 'identifiers'> = {
  identifiers: {
    // What an app of someone else asks to learn (the OpenID Connect consent page, lib/oidc/consent.ts).
    consentScope: {
      licence: "your licence number",
      client: "your client code",
      both: "your licence number or client code",
    },
    homeIntro: {
      licence: 'Your account already exists: it was created from your licence number. You only need to set your password the first time you sign in.',
      client: 'Your account already exists: it was created from your client code. You only need to set your password the first time you sign in.',
      both: 'Your account already exists: it was created from your licence number or your client code. You only need to set your password the first time you sign in.',
    },
    homeStep2: {
      licence: 'Enter your identifier (the 8-digit licence number on your licence card) and your email address.',
      client: 'Enter your identifier (the 5-digit client code printed on your invoices) and your email address.',
      both: 'Enter your identifier (8-digit licence number, or the 5-digit client code printed on your invoices) and your email address.',
    },
    signInHint: {
      licence: 'Licence number or email address',
      client: 'Client code or email address',
      both: 'Licence number, client code or email address',
    },
    sharedEmailHelp: {
      licence: 'If several accounts share one email address (a family, for example), sign in with the licence number.',
      client: 'If several accounts share one email address (several branches, for example), sign in with the client code.',
      both: 'If several accounts share one email address (a family, for example), sign in with the licence number or the client code.',
    },
    format: {
      licence: 'Enter a licence number (up to 8 digits) or an email address.',
      client: 'Enter a client code (5 digits, printed on your invoices) or an email address.',
      both: 'Enter a licence number (up to 8 digits), a client code (5 digits) or an email address.',
    },
    forgotHint: {
      licence: 'Licence number (8 digits, on your licence card)',
      client: 'Client code (5 digits, on your invoices)',
      both: 'Licence number (8 digits) or client code (5 digits, on your invoices)',
    },
    openingLabel: {
      licence: 'Licence number',
      client: 'Client code',
      both: 'Licence number or client code',
    },
    openingHint: {
      licence: 'Optional: if you know it (licence card)',
      client: 'Optional: if you know it (invoices)',
      both: 'Optional: if you know it (licence card, invoices)',
    },
    openingOrganisation: {
      licence: 'Club',
      client: 'Company',
      both: 'Club or company',
    },
    adminHint: {
      licence: 'Licence number (up to 8 digits)',
      client: 'Client code (5 digits)',
      both: 'Licence number (up to 8 digits) or client code (5 digits)',
    },
  },
};
