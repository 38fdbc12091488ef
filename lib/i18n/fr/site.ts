/** The site around the pages, the home page, the signed-in space and the error pages. */
export const siteMessages = {
  meta: {
    description: 'Connexion à votre espace, activation et réinitialisation du mot de passe.',
  },
  layout: {
    skipToContent: 'Aller au contenu',
    home: 'Accueil',
    mySpace: 'Mon espace',
    signIn: 'Connexion',
    language: 'Langue',
    switchTo: 'English',
    switchToLabel: 'Switch to English',
    footer: 'Un problème pour vous connecter ? Contactez le service client : {email}',
  },
  home: {
    title: 'Bienvenue sur {org}',
    intro:
      'Votre compte existe déjà : il a été créé à partir de votre numéro de licence ou de votre code client. Il vous suffit d’initialiser votre mot de passe lors de votre première connexion.',
    stepsTitle: 'Première connexion, en quatre étapes',
    step1: 'Cliquez sur « Mot de passe oublié ? / Première connexion ».',
    step2:
      'Saisissez votre identifiant (numéro de licence à 8 chiffres, ou code client à 5 chiffres indiqué sur vos factures) et votre adresse e-mail.',
    step3: 'Ouvrez l’e-mail reçu et cliquez sur le lien tout en bas. Il est valable {hours, plural, one {# heure} other {# heures}}.',
    step4: 'Gardez le mot de passe proposé ou choisissez le vôtre, puis connectez-vous.',
    noAccountTitle: 'Pas encore de compte ?',
    noAccount:
      'Si votre identifiant ou votre adresse e-mail n’est pas reconnu, notre service client peut créer votre compte.',
  },
  panel: {
    title: 'Mon espace',
    signedOut: 'Vous n’êtes pas connecté.',
    greeting: 'Bonjour {name}',
    signedInAs: 'Connecté avec l’identifiant {identifier}.',
    goToSpace: 'Accéder à mon espace',
    emailHelp: 'Une adresse e-mail partagée par plusieurs comptes ? Utilisez votre numéro.',
  },
  space: {
    title: 'Mon espace',
    titlePro: 'Mon Espace Pro',
    whoAmI: 'Mon compte',
    identifier: 'Identifiant',
    kindLicence: 'Numéro de licence',
    kindClient: 'Code client',
    name: 'Nom',
    email: 'Adresse e-mail',
    sessionsTitle: 'Mes sessions ouvertes',
    sessionCurrent: 'cette session',
    sessionIp: 'adresse {ip}',
    sessionStarted: 'Ouverte le {date}',
    sessionLastSeen: 'dernière activité le {date}',
    sessionRemembered: 'mémorisée 30 jours',
    sessionBrowser: 'jusqu’à la fermeture du navigateur',
    signOut: 'Se déconnecter',
    endSession: 'Fermer cette session',
  },
  notFound: {
    title: 'Page introuvable',
    body: 'Cette page n’existe pas ou n’est plus disponible.',
    back: 'Revenir à l’accueil',
  },
  error: {
    title: 'Une erreur est survenue',
    body: 'Nous n’avons pas pu afficher cette page. Réessayez dans un instant.',
    retry: 'Réessayer',
  },
  refused: {
    title: 'Formulaire non pris en compte',
    crossSite: 'Ce formulaire a été envoyé depuis un autre site : pour votre sécurité, il n’a pas été pris en compte.',
    tooLarge: 'Ce formulaire est trop volumineux pour être envoyé. Raccourcissez votre saisie et réessayez.',
    back: 'Revenir à l’accueil',
  },
  busy: {
    title: 'Le service est très sollicité',
    body: 'Le service est très sollicité. Réessayez dans quelques secondes.',
    reassure: 'Votre mot de passe n’a pas été vérifié et rien n’a été compté contre votre compte.',
    back: 'Revenir à la connexion',
  },
};
