import { stringify, type Options } from 'csv-stringify/sync';
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
/**
 * The writer: csv-stringify, which quotes per RFC 4180 (a cell holding the separator, a quote or
 * a line break is quoted, quotes doubled). A cell holding a comma or a tab is quoted too, so a
 * spreadsheet that splits on those keeps it whole. Formulas are neutralised below, in every cell.
 */
const WRITER: Options = {
  delimiter: ';',
  record_delimiter: 'windows',
  quote_record_delimiter: true,
  quoted_match: [',', '\t'],
  escape_formulas: false,
};

// What a spreadsheet runs as a formula when a cell starts with it (CSV injection, OWASP), full-width
// forms included (Apple Numbers reads them as the plain ones); spaces before it do not stop it.
const FORMULA = '=+\\-@\uFF1D\uFF0B\uFF0D\uFF20';
const FORMULA_START = new RegExp(`^(\\s*[${FORMULA}]|[\\t\\r])`);
// …and a separator some spreadsheet may split on (comma, semicolon, tab) or a line break, followed by
// one: `Dupont,=1+1` would become two cells, the second a formula.
const FORMULA_AFTER_SEPARATOR = new RegExp(`[,;\\t\\r\\n]\\s*[${FORMULA}]`);

/** A cell a spreadsheet would run, whole or once split, gets a leading apostrophe: it is then shown as text. */
export function neutralised(value: string): string {
  return FORMULA_START.test(value) || FORMULA_AFTER_SEPARATOR.test(value) ? `'${value}` : value;
}

/** Lines of cells, each cell neutralised, then written by the CSV writer (CRLF after each line). */
export const csvLines = (rows: string[][]): string => stringify(rows.map((cells) => cells.map(neutralised)), WRITER);
export const csvLine = (cells: string[]) => csvLines([cells]);
/** One cell as it is written in a line. */
export const csvCell = (value: string) => csvLine([value]).slice(0, -'\r\n'.length);

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

const accountCells = (a: ListedAccount) => [a.identifier, a.kind, a.email, a.name, a.locale, a.role, a.status, time(a.invitedAt), time(a.activatedAt), time(a.lastSignInAt), time(a.createdAt)];

/** The file's text, a piece at a time: the BOM and header first, then one piece per chunk of accounts. */
export async function* exportLines(query: Pick<ListQuery, 'filter' | 'before'>, onRow?: () => void): AsyncGenerator<string> {
  yield BOM + csvLine([...EXPORT_COLUMNS]);
  for await (const chunk of allListed(query)) {
    if (chunk.length === 0) continue;
    yield csvLines(chunk.map(accountCells));
    for (let i = 0; i < chunk.length; i += 1) onRow?.();
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
