import { allListed, type ListedAccount, type ListQuery } from '@/lib/accounts/list';

/**
 * A list of accounts as a CSV file French Excel opens as it is: UTF-8 with a byte-order mark,
 * `;` between cells, CRLF after each line. The first six columns are the import's, so an export
 * can be corrected and imported again. Streamed a chunk of accounts at a time: 100,000 accounts
 * never sit in memory as one string.
 */
export const EXPORT_COLUMNS = [
  'identifier',
  'kind',
  'email',
  'name',
  'locale',
  'role',
  'status',
  'invited_at',
  'activated_at',
  'last_sign_in_at',
  'created_at',
] as const;

const BOM = '\uFEFF';
const SEPARATOR = ';';
const EOL = '\r\n';
// A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[";\r\n]/;

/** One cell: a would-be formula gets a leading apostrophe (shown as text), then quotes when needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: string[]) => cells.map(csvCell).join(SEPARATOR) + EOL;

// Paris time, as every page shows it, written the way spreadsheets read dates: 2026-01-31 14:05.
const parisTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const time = (value: Date | null) => (value ? parisTime.format(value) : '');

export function accountLine(a: ListedAccount): string {
  return csvLine([a.identifier, a.kind, a.email, a.name, a.locale, a.role, a.status, time(a.invitedAt), time(a.activatedAt), time(a.lastSignInAt), time(a.createdAt)]);
}

/** The file's text, a piece at a time: the BOM and header first, then one piece per chunk of accounts. */
export async function* exportLines(query: Pick<ListQuery, 'filter' | 'before'>, onRow?: () => void): AsyncGenerator<string> {
  yield BOM + csvLine([...EXPORT_COLUMNS]);
  for await (const chunk of allListed(query)) {
    let piece = '';
    for (const account of chunk) {
      piece += accountLine(account);
      onRow?.();
    }
    yield piece;
  }
}

/**
 * The export as a byte stream that pulls the next chunk only when the previous one has been
 * read: a slow download holds one chunk in memory, and an abandoned one stops the queries.
 */
export function exportStream(query: Pick<ListQuery, 'filter' | 'before'>, onDone?: (rows: number) => void): ReadableStream<Uint8Array> {
  let rows = 0;
  const lines = exportLines(query, () => {
    rows += 1;
  });
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) {
        controller.close();
        onDone?.(rows);
      } else {
        controller.enqueue(encoder.encode(next.value));
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
