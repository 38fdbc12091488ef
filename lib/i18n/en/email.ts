import type { Messages } from '@/lib/i18n/messages';

/** English for fr/email.ts: the sentences of the emails. */
export const emailMessages: Pick<Messages, 'email'> = {
  email: {
    greeting: 'Hello {name},',
    greetingNoName: 'Hello,',
    signature: 'The {orgName} team',
    kinds: {
      licence: 'Licence',
      client: 'Client code',
    },
    passwordLink: {
      subjectActivation: 'Activate your {orgName} account',
      subjectReset: 'Reset your {orgName} password',
      introActivation:
        'Your {orgName} account is ready. For your first connection, create your password with the link at the very bottom of this email.',
      introReset: 'You asked to reset your {orgName} password. Choose a new password with the link at the very bottom of this email.',
      introSeveral:
        'This email address belongs to several {orgName} accounts. Each account has its own link, at the very bottom of this email: for a first connection it lets you create your password; otherwise, choose a new one.',
      identifier: 'Your identifier: {identifiers}',
      identifierSeveral: 'Your identifiers: {identifiers}',
      validity: 'This link is valid for {hours, plural, one {# hour} other {# hours}}.',
      validitySeveral: 'Each link is valid for {hours, plural, one {# hour} other {# hours}}.',
      ignore: 'If you did not ask for this, ignore this email: your password is unchanged.',
      help: 'Any question? Write to us at {supportEmail}.',
      linksTitle: 'Your link',
      linksTitleSeveral: 'Your links',
      activate: 'Create my password',
      reset: 'Choose a new password',
      rawUrl: 'If the button does not work, copy this address into your browser:',
      textLink: '{action}:',
    },
    passwordChanged: {
      subject: 'Your password has been changed',
      what: 'The password of your {orgName} account (identifier {identifier}) was changed on {when} (Paris time).',
      fine: 'If this was you, there is nothing to do.',
      notYou: 'If it was not you, reset your password right away at {resetUrl} and tell us at {supportEmail}.',
    },
    accountRequestReceived: {
      subject: 'Your {orgName} account request',
      body: 'We have received your account request. Our customer service will get back to you as soon as possible.',
      help: 'If you did not make this request, ignore this email or write to us at {supportEmail}.',
    },
    // Never sent in English (customer service reads the French one); here so both languages have the same keys.
    accountRequestNotification: {
      subject: 'New account request: {name}',
      name: 'Name:',
      organisation: 'Club or company:',
      identifier: 'Identifier given:',
      email: 'Email:',
      phone: 'Phone:',
      openLink: 'Open the request in the administration',
      openText: 'Open the request: {url}',
    },
  },
};
