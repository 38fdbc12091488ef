import type { Messages } from '@/lib/i18n/messages';

/** English for fr/account-request-email.ts. */
export const accountRequestEmailMessages: Pick<Messages, 'requestAck'> = {
  requestAck: {
    reference: 'Your request’s reference: {reference}',
    referenceHint: 'Please quote it if you write to our customer service.',
    notificationReference: 'Reference:',
    withheld: 'No acknowledgement was sent to this address: today’s limit is reached (per address or for all requests).',
  },
};
