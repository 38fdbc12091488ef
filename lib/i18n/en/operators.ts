import type { operatorsMessages as fr } from '@/lib/i18n/fr/operators';

export const operatorsMessages: typeof fr = {
  outboxAdmin: {
    title: 'Outgoing emails',
    link: 'Failed outgoing emails: {count}',
    summary: 'Waiting to be sent: {pending}. Failed: {failed}.',
    caption: 'Failed emails, most recent first',
    none: 'No failed email.',
    help: 'An email the sending service refused (an invalid address, for example) is not sent again. Correct the account’s address, then send a new link from its page.',
    columns: { queued: 'Queued', to: 'Recipient', kind: 'Type', attempts: 'Attempts', reason: 'Reason' },
  },
};
