import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readCsv } from '@/lib/accounts/csv';
import { csvCell, csvLine, EXPORT_COLUMNS, exportStream } from '@/lib/accounts/export';
import { importAccounts } from '@/lib/accounts/import';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { resetDatabase } from './database';

beforeEach(resetDatabase);
afterAll(closeDb);

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+33 6 12')).toBe("'+33 6 12");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('Jean-Marc')).toBe('Jean-Marc');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('')).toBe('');
  });

  /** A line read as RFC 4180 says, with the separator a spreadsheet may choose. */
  function cellsAs(line: string, separator: string): string[] {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = !quoted;
      else if (!quoted && c === separator) {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    return [...cells, cell];
  }

  const HOSTILE = [
    'Dupont,=1+1',
    'Dupont, =1+1',
    'Dupont;=1+1',
    'Dupont\t=1+1',
    'Dupont\n=1+1',
    'Zoé "la", +HYPERLINK("http://evil")',
    'a,@SUM(A1)',
    'a;-2+3',
    ' =1+1',
    '\uFF1D1+1',
    'x,\uFF0B1',
  ];
  const HARMLESS = ['Jean-Marc', 'Dupont, Jean', 'Martin; fils', 'jean-marc@example.test', '2026-01-31 14:05', 'Zoé "la" Brûlée', ''];
  const startsAFormula = (cell: string) => /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) || /^[\t\r]/.test(cell);

  it('neutralises a formula after a separator, so that no spreadsheet, whatever it splits on, finds one in any cell', () => {
    const line = csvLine([...HOSTILE, ...HARMLESS]);
    expect(line.endsWith('\r\n')).toBe(true);
    for (const separator of [';', ',', '\t']) {
      const cells = cellsAs(line.slice(0, -2), separator);
      expect(cells.filter(startsAFormula), `split on ${JSON.stringify(separator)}`).toEqual([]);
    }
    // The import's reader gets every value back, the neutralised ones behind their apostrophe.
    const [record] = readCsv(line).records;
    expect(record.fields).toEqual([...HOSTILE.map((value) => `'${value}`), ...HARMLESS]);
  });

  it('quotes as RFC 4180 says: separators, quotes and line breaks inside a cell, commas and tabs too', () => {
    expect(csvLine(['Dupont,=1+1', 'x'])).toBe(`"'Dupont,=1+1";x\r\n`);
    expect(csvLine(['Dupont, Jean', 'a\nb', 'say "hi"', 'a\tb', 'plain'])).toBe(`"Dupont, Jean";"a\nb";"say ""hi""";"a\tb";plain\r\n`);
    // Read with a comma as the separator, the quoted name keeps its comma: no cell starts a formula.
    expect(cellsAs(csvLine(['Dupont,=1+1', 'x']).slice(0, -2), ',')).toEqual([`'Dupont,=1+1;x`]);
  });
});

describe('exporting a list', () => {
  it('writes UTF-8 with a BOM, ";" and CRLF, a header, and the accounts of the list in order', async () => {
    await getDb().insert(accounts).values([
      { identifier: '00900001', kind: 'licence', email: 'formule@example.test', name: '=1+1', status: 'disabled' },
      { identifier: '00900002', kind: 'licence', email: 'eleve@example.test', name: 'Zoé "la" Brûlée; fille', status: 'disabled', invitedAt: new Date('2026-01-14T23:30:00Z') },
    ]);
    const bytes = await bytesOf(exportStream({ filter: 'desactives', before: null }));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toEqual([
      EXPORT_COLUMNS.join(';'),
      expect.stringMatching(/^00900001;licence;formule@example\.test;'=1\+1;fr;member;disabled;;;;\d{4}-\d\d-\d\d \d\d:\d\d$/),
      expect.stringMatching(/^00900002;licence;eleve@example\.test;"Zoé ""la"" Brûlée; fille";fr;member;disabled;2026-01-15 00:30;;;/),
      '',
    ]);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('makes a file the import reads back unchanged', async () => {
    const text = new TextDecoder().decode(await bytesOf(exportStream({ filter: 'tous', before: null })));
    const parsed = readCsv(text);
    expect(parsed.separator).toBe(';');
    expect(parsed.records).toHaveLength(8);
    const report = await importAccounts(text, { dryRun: true });
    expect(report).toMatchObject({ rows: 7, created: 0, updated: 0, unchanged: 7, errors: [] });
  });

  it('exports an empty list as its header alone', async () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await bytesOf(exportStream({ filter: 'bloques', before: null })));
    expect(text).toBe(`\uFEFF${EXPORT_COLUMNS.join(';')}\r\n`);
  });
});
