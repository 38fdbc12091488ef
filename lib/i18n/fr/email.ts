/**
 * The emails: subject, HTML and plain text are built from these sentences. "{orgName}" is the
 * organisation's name; "{hours, plural, …}" picks "1 heure" or "8 heures".
 */
export const emailMessages = {
  email: {
    greeting: 'Bonjour {name},',
    greetingNoName: 'Bonjour,',
    signature: 'L’équipe {orgName}',
    kinds: {
      licence: 'Licence',
      client: 'Code client',
    },
    passwordLink: {
      subjectActivation: 'Activez votre compte {orgName}',
      subjectReset: 'Réinitialisation de votre mot de passe {orgName}',
      introActivation:
        'Votre compte {orgName} est prêt. Pour votre première connexion, créez votre mot de passe en cliquant sur le lien tout en bas de cet e-mail.',
      introReset:
        'Vous avez demandé à réinitialiser votre mot de passe {orgName}. Choisissez un nouveau mot de passe en cliquant sur le lien tout en bas de cet e-mail.',
      introSeveral:
        'Cette adresse e-mail est celle de plusieurs comptes {orgName}. Chaque compte a son propre lien, tout en bas de cet e-mail : pour une première connexion, il permet de créer votre mot de passe ; sinon, d’en choisir un nouveau.',
      identifier: 'Votre identifiant : {identifiers}',
      identifierSeveral: 'Vos identifiants : {identifiers}',
      validity: 'Ce lien est valable {hours, plural, one {# heure} other {# heures}}.',
      validitySeveral: 'Chaque lien est valable {hours, plural, one {# heure} other {# heures}}.',
      ignore: 'Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.',
      help: 'Une question ? Écrivez-nous à {supportEmail}.',
      linksTitle: 'Votre lien',
      linksTitleSeveral: 'Vos liens',
      activate: 'Créer mon mot de passe',
      reset: 'Choisir un nouveau mot de passe',
      rawUrl: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
      textLink: '{action} :',
    },
    passwordChanged: {
      subject: 'Votre mot de passe a été modifié',
      what: 'Le mot de passe de votre compte {orgName} (identifiant {identifier}) a été modifié le {when} (heure de Paris).',
      fine: 'Si c’est bien vous, vous n’avez rien à faire.',
      notYou:
        'Si ce n’est pas vous, réinitialisez tout de suite votre mot de passe sur {resetUrl} et prévenez-nous à {supportEmail}.',
    },
    accountRequestReceived: {
      subject: 'Votre demande d’ouverture de compte {orgName}',
      body: 'Nous avons bien reçu votre demande d’ouverture de compte. Notre service client reviendra vers vous dans les plus brefs délais.',
      help: 'Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail ou écrivez-nous à {supportEmail}.',
    },
    // Customer service works in French: this one is always sent in French.
    accountRequestNotification: {
      subject: 'Nouvelle demande d’ouverture de compte : {name}',
      name: 'Nom :',
      organisation: 'Club ou société :',
      identifier: 'Identifiant indiqué :',
      email: 'E-mail :',
      phone: 'Téléphone :',
      openLink: 'Traiter la demande dans l’administration',
      openText: 'Traiter la demande : {url}',
    },
  },
};
