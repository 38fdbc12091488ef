import type { Messages } from '@/lib/i18n/messages';

/** Customer service's lists, export, import and email history (/admin/comptes). */
export const customerServiceMessages: Pick<Messages, 'accounts'> = {
  accounts: {
    nav: 'Accounts',
    title: 'Accounts',
    filtersTitle: 'Filter the list',
    filter: 'Accounts',
    filters: {
      tous: 'All',
      'jamais-actives': 'Never activated',
      desactives: 'Disabled',
      bloques: 'Locked out (too many failed sign-ins)',
    },
    filterCount: '{label} ({count})',
    countsTitle: 'Number of accounts per list',
    before: 'Invited before (optional)',
    beforeHint: 'Format YYYY-MM-DD, Paris time.',
    badDate: 'The date “{value}” does not exist: write it YYYY-MM-DD, for example 2026-01-31. The list ignores the date.',
    apply: 'Show',
    caption: '{label}{before} — page {page} of {pages}',
    captionBefore: ', invited before {date}',
    summary: '{count, plural, =0 {No accounts} one {# account} other {# accounts}} in this list.',
    none: 'No accounts in this list.',
    pastEnd: 'This page does not exist: the list has {pages, plural, one {# page} other {# pages}}.',
    pagination: 'Pages of the list',
    previous: 'Previous page',
    next: 'Next page',
    first: 'First page',
    last: 'Last page',
    pageOf: 'Page {page} of {pages}',
    columns: {
      invited: 'Invited',
      activated: 'Activated',
      lastSignIn: 'Last sign-in',
    },
    never: '—',
    export: 'Export this list (CSV)',
    exportHelp: 'CSV file for Excel (UTF-8, “;” separator), {count, plural, =0 {no accounts} one {# account} other {# accounts}}.',
  },
};
