import type { Messages } from '@/lib/i18n/messages';

/** Sésame as the OpenID Connect provider of other apps: its few pages of its own (lib/oidc/pages.ts). */
export const openIdConnectMessages: Pick<Messages, 'openIdConnect'> = {
  openIdConnect: {
    errorTitle: 'Cannot sign in to the app',
    errorText: 'The app that sent you here made a request Sésame cannot accept. Go back to the app and try again; if it happens again, tell its team.',
    errorCode: 'Error code, to give them: {code}',
    back: 'Go to Sésame’s home page',
    logoutTitle: 'Sign out',
    logoutText: 'Do you want to sign out of Sésame? You will also be signed out of the apps that use your Sésame account.',
    logoutYes: 'Yes, sign me out',
    logoutNo: 'No, stay signed in',
    logoutDoneTitle: 'You are signed out',
    logoutDoneText: 'You are signed out of Sésame.',
    secondFactorTitle: 'Second factor required',
    secondFactorText: 'The app {client} asks for a sign-in with a second factor: a passkey, or a code from your authenticator app. Add one in “My space”, then try again from the app.',
    secondFactorLink: 'Go to My space',
  },
};
