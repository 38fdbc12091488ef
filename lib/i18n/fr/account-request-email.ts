/**
 * The acknowledgement of an account-opening request repeats nothing the requester typed (anyone can
 * type someone else's address): a fixed text and the request's reference. Customer service's
 * notification says when no acknowledgement was sent.
 */
export const accountRequestEmailMessages = {
  requestAck: {
    reference: 'Référence de votre demande : {reference}',
    referenceHint: 'Indiquez-la si vous écrivez à notre service client.',
    notificationReference: 'Référence :',
    withheld:
      'Aucun accusé de réception n’a été envoyé à cette adresse : la limite du jour est atteinte (par adresse ou pour toutes les demandes).',
  },
};
