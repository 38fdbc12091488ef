import type { selfServiceMessages as fr } from '@/lib/i18n/fr/self-service';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** What members do by themselves in /espace: other sessions, the language of emails, a new address. */
export const selfServiceMessages: Widen<typeof fr> = {
  selfService: {
    sessions: {
      closeOthers: 'Close all my other sessions',
      closeOthersHint: 'Your other devices and browsers will have to sign in again. This session stays open.',
      closed:
        '{count, plural, =0 {No other session was open.} one {# other session was closed.} other {# other sessions were closed.}} This session stays open.',
    },
    emailLocale: {
      title: 'Language of my emails',
      legend: 'Write my emails in',
      hint: 'Sign-in links, notices of a changed password or address: every email about your account.',
      fr: 'Français (French)',
      en: 'English',
      submit: 'Save the language',
      saved: 'Saved: your next emails will be written in {language}.',
      savedFr: 'French',
      savedEn: 'English',
      invalid: 'Choose French or English.',
    },
    email: {
      title: 'Change my email address',
      current: 'Current address: {email}',
      intro:
        'A confirmation link will be sent to the new address. Nothing changes until that link is confirmed, and your current address will be told about the request.',
      newEmail: 'New email address',
      newEmailHint: 'For example name@example.com',
      password: 'Current password',
      submit: 'Send the confirmation link',
      sent: 'A confirmation link was sent to {email}. It is valid for {hours, plural, one {# hour} other {# hours}}. Your address stays {current} until it is confirmed.',
      pending: 'Change pending: a confirmation link was sent to {email} on {date}.',
      required: 'Enter the new email address.',
      format: 'Enter a valid email address, for example name@example.com.',
      tooLong: 'This address is too long (254 characters at most).',
      same: 'This is already your account’s address. Enter another address.',
      tooMany: 'You have asked for too many confirmation links. Try again in an hour.',
    },
    confirm: {
      pageTitle: 'Confirm my new email address',
      cardTitle: 'New address',
      body: 'The account ({account}) will now use the address {email}: signing in by email, password links and all its messages.',
      licence: 'licence number {identifier}',
      client: 'client code {identifier}',
      button: 'Confirm this address',
      invalidTitle: 'This link is no longer valid',
      invalidBody:
        'It has been used, it has expired (it is valid for {hours, plural, one {# hour} other {# hours}}), or the account’s address or password changed since the request. You can ask again from your space.',
      toSpace: 'Go to my space',
      doneTitle: 'Email address changed',
      doneBody: 'Done: the new address is now your account’s. Password links sent to the old address no longer work.',
    },
  },
  selfServiceEmail: {
    confirm: {
      subject: 'Confirm your new {orgName} email address',
      intro: 'You asked for the email address of your {orgName} account ({account}) to become {email}.',
      action: 'Confirm my new address',
      validity: 'This link is valid for {hours, plural, one {# hour} other {# hours}}. Nothing changes until you confirm it.',
      ignore: 'If you did not ask for this, ignore this email: the account’s address stays as it is.',
    },
    notice: {
      subject: 'Request to change the email address of your {orgName} account',
      what: 'On {when} (Paris time), someone signed in to your {orgName} account ({account}) asked for its email address to become {email}.',
      nothingYet: 'Nothing changes until the new address is confirmed. If it was you, there is nothing to do.',
      notYou:
        'If it was not you, change your password now ({resetUrl}): that cancels the request. Then contact our customer service at {supportEmail} with your identifier.',
    },
  },
};
