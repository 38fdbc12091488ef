/** What operators and staff see of the email queue (failed sends). */
export const operatorsMessages = {
  outboxAdmin: {
    title: 'Envois d’e-mails',
    link: 'Envois d’e-mails en échec : {count}',
    summary: 'En attente d’envoi : {pending}. En échec : {failed}.',
    caption: 'E-mails en échec, les plus récents en premier',
    none: 'Aucun e-mail en échec.',
    help: 'Un e-mail refusé par le service d’envoi (adresse invalide, par exemple) n’est pas renvoyé. Corrigez l’adresse du compte puis envoyez un nouveau lien depuis sa fiche.',
    columns: { queued: 'Mis en file', to: 'Destinataire', kind: 'Type', attempts: 'Essais', reason: 'Raison' },
  },
};
