import type { Messages } from '@/lib/i18n/messages';

/** English for fr/site.ts: the site around the pages, the home page, the signed-in space and the error pages. */
export const siteMessages: Pick<Messages, 'meta' | 'layout' | 'home' | 'panel' | 'space' | 'notFound' | 'error' | 'refused' | 'busy'> = {
  meta: {
    description: 'Sign in to your space, activate your account and reset your password.',
  },
  layout: {
    skipToContent: 'Skip to content',
    home: 'Home',
    mySpace: 'My space',
    signIn: 'Sign in',
    language: 'Language',
    switchTo: 'Français',
    switchToLabel: 'Passer en français',
    footer: 'Trouble signing in? Contact customer service: {email}',
  },
  home: {
    title: 'Welcome to {org}',
    intro:
      'Your account already exists: it was created from your licence number or your client code. You only need to set your password the first time you sign in.',
    stepsTitle: 'First sign-in, in four steps',
    step1: 'Click “Forgot your password? / First sign-in”.',
    step2:
      'Enter your identifier (8-digit licence number, or the 5-digit client code printed on your invoices) and your email address.',
    step3: 'Open the email you receive and click the link at the very bottom. It is valid for {hours, plural, one {# hour} other {# hours}}.',
    step4: 'Keep the suggested password or choose your own, then sign in.',
    noAccountTitle: 'No account yet?',
    noAccount: 'If your identifier or email address is not recognised, our customer service can create your account.',
  },
  panel: {
    title: 'My space',
    signedOut: 'You are not signed in.',
    greeting: 'Hello {name}',
    signedInAs: 'Signed in with identifier {identifier}.',
    goToSpace: 'Go to my space',
    emailHelp: 'Email address shared by several accounts? Use your number.',
  },
  space: {
    title: 'My space',
    titlePro: 'My Pro Space',
    whoAmI: 'My account',
    identifier: 'Identifier',
    kindLicence: 'Licence number',
    kindClient: 'Client code',
    name: 'Name',
    email: 'Email address',
    sessionsTitle: 'My open sessions',
    sessionCurrent: 'this session',
    sessionIp: 'address {ip}',
    sessionStarted: 'Started on {date}',
    sessionLastSeen: 'last active on {date}',
    sessionRemembered: 'remembered for 30 days',
    sessionBrowser: 'until the browser is closed',
    signOut: 'Sign out',
    endSession: 'End this session',
  },
  notFound: {
    title: 'Page not found',
    body: 'This page does not exist or is no longer available.',
    back: 'Back to the home page',
  },
  error: {
    title: 'Something went wrong',
    body: 'We could not display this page. Please try again in a moment.',
    retry: 'Try again',
  },
  refused: {
    title: 'Form not accepted',
    crossSite: 'This form was sent from another website: for your security, it was ignored.',
    tooLarge: 'This form is too large to be sent. Shorten what you typed and try again.',
    back: 'Back to the home page',
  },
  busy: {
    title: 'The service is very busy',
    body: 'The service is very busy. Try again in a few seconds.',
    reassure: 'Your password was not checked and nothing was counted against your account.',
    back: 'Back to sign-in',
  },
};
