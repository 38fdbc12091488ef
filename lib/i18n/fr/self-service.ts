/** What members do by themselves in /espace: other sessions, the language of emails, a new address. */
export const selfServiceMessages = {
  selfService: {
    sessions: {
      closeOthers: 'Fermer toutes mes autres sessions',
      closeOthersHint: 'Vos autres appareils et navigateurs devront se reconnecter. Cette session reste ouverte.',
      closed:
        '{count, plural, =0 {Aucune autre session n’était ouverte.} one {# autre session a été fermée.} other {# autres sessions ont été fermées.}} Cette session reste ouverte.',
    },
    emailLocale: {
      title: 'Langue de mes e-mails',
      legend: 'Écrire mes e-mails en',
      hint: 'Liens de connexion, avis de changement de mot de passe et d’adresse : tous les e-mails de votre compte.',
      fr: 'Français',
      en: 'English (anglais)',
      submit: 'Enregistrer la langue',
      saved: 'C’est enregistré : vos prochains e-mails seront écrits en {language}.',
      savedFr: 'français',
      savedEn: 'anglais',
      invalid: 'Choisissez le français ou l’anglais.',
    },
    email: {
      title: 'Changer mon adresse e-mail',
      current: 'Adresse actuelle : {email}',
      intro:
        'Un lien de confirmation sera envoyé à la nouvelle adresse. Rien ne change tant que ce lien n’est pas confirmé, et votre adresse actuelle sera prévenue de la demande.',
      newEmail: 'Nouvelle adresse e-mail',
      newEmailHint: 'Par exemple nom@exemple.fr',
      password: 'Mot de passe actuel',
      submit: 'Envoyer le lien de confirmation',
      sent: 'Un lien de confirmation a été envoyé à {email}. Il est valable {hours, plural, one {# heure} other {# heures}}. Votre adresse reste {current} tant qu’il n’est pas confirmé.',
      pending: 'Changement en attente : un lien de confirmation a été envoyé à {email} le {date}.',
      required: 'Saisissez la nouvelle adresse e-mail.',
      format: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
      tooLong: 'Cette adresse est trop longue (254 caractères au plus).',
      same: 'C’est déjà l’adresse de votre compte. Saisissez une autre adresse.',
      tooMany: 'Vous avez demandé trop de liens de confirmation. Réessayez dans une heure.',
    },
    confirm: {
      pageTitle: 'Confirmer ma nouvelle adresse e-mail',
      cardTitle: 'Nouvelle adresse',
      body: 'Le compte ({account}) utilisera désormais l’adresse {email} : connexion par e-mail, liens de mot de passe et tous ses messages.',
      licence: 'numéro de licence {identifier}',
      client: 'code client {identifier}',
      button: 'Confirmer cette adresse',
      invalidTitle: 'Ce lien n’est plus valable',
      invalidBody:
        'Il a déjà servi, il a expiré (il est valable {hours, plural, one {# heure} other {# heures}}), ou l’adresse ou le mot de passe du compte ont changé depuis la demande. Vous pouvez refaire la demande depuis votre espace.',
      toSpace: 'Aller à mon espace',
      doneTitle: 'Adresse e-mail modifiée',
      doneBody: 'C’est fait : la nouvelle adresse est désormais celle de votre compte. Les liens de mot de passe envoyés à l’ancienne adresse ne fonctionnent plus.',
    },
  },
  selfServiceEmail: {
    confirm: {
      subject: 'Confirmez votre nouvelle adresse e-mail {orgName}',
      intro: 'Vous avez demandé que l’adresse e-mail de votre compte {orgName} ({account}) devienne {email}.',
      action: 'Confirmer ma nouvelle adresse',
      validity: 'Ce lien est valable {hours, plural, one {# heure} other {# heures}}. Tant que vous ne l’avez pas confirmé, rien ne change.',
      ignore: 'Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : l’adresse du compte reste inchangée.',
    },
    notice: {
      subject: 'Demande de changement de l’adresse e-mail de votre compte {orgName}',
      what: 'Le {when} (heure de Paris), quelqu’un connecté à votre compte {orgName} ({account}) a demandé que son adresse e-mail devienne {email}.',
      nothingYet: 'Rien ne change tant que la nouvelle adresse n’a pas été confirmée. Si c’est bien vous, vous n’avez rien à faire.',
      notYou:
        'Si ce n’est pas vous, changez votre mot de passe dès maintenant ({resetUrl}) : cela annule la demande. Puis contactez notre service client à {supportEmail} en indiquant votre identifiant.',
    },
  },
};
