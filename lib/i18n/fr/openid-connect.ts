/** Sésame as the OpenID Connect provider of other apps: its few pages of its own (lib/oidc/pages.ts). */
export const openIdConnectMessages = {
  openIdConnect: {
    errorTitle: 'Connexion à l’application impossible',
    errorText: 'L’application qui vous a envoyé ici a fait une demande que Sésame ne peut pas accepter. Revenez à l’application et réessayez ; si cela recommence, prévenez son équipe.',
    errorCode: 'Code de l’erreur, à leur transmettre : {code}',
    back: 'Aller à l’accueil de Sésame',
    logoutTitle: 'Se déconnecter',
    logoutText: 'Voulez-vous vous déconnecter de Sésame ? Vous serez aussi déconnecté des applications qui utilisent votre compte Sésame.',
    logoutYes: 'Oui, me déconnecter',
    logoutNo: 'Non, rester connecté',
    logoutDoneTitle: 'Vous êtes déconnecté',
    logoutDoneText: 'Vous êtes déconnecté de Sésame.',
    secondFactorTitle: 'Deuxième facteur demandé',
    secondFactorText: 'L’application {client} demande une connexion avec un deuxième facteur : une clé d’accès, ou un code de votre application d’authentification. Ajoutez-en un dans « Mon espace », puis réessayez depuis l’application.',
    secondFactorLink: 'Aller à Mon espace',
  },
};
