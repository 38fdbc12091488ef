/**
 * A small CSV reader for operator files, no dependency. It takes what spreadsheets write: UTF-8
 * with or without a BOM, CRLF or LF, `,` or `;` (French Excel writes `;`), double-quoted fields
 * with `""` escapes and separators or line breaks inside the quotes. Every record keeps the line it
 * starts on, so a problem can be reported where the operator will look for it.
 */
export type CsvRecord = { line: number; fields: string[] };
export type CsvProblem = { line: number; message: string };
export type Csv = { separator: ',' | ';'; records: CsvRecord[]; problems: CsvProblem[] };

/** The separator used more often outside quotes on the first line (the header); `,` on a tie. */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas += 1;
    else if (!quoted && c === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/** Reads every record; lines that are empty (or only separators) are skipped. */
export function readCsv(input: string): Csv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];

  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let quoteOpenedOn = 0;

  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };

  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1;
        // A quoted CRLF stays a line break, written the way the rest of the code expects.
        if (c === '\r' && text[i + 1] === '\n') continue;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      // A quote opens a quoted field only at its start (spaces before it are dropped, as Excel does).
      field = '';
      quoted = true;
      quoteOpenedOn = line;
    } else if (c === separator) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else field += c;
  }
  if (quoted) {
    // The record would swallow every line after it: report it instead of guessing.
    problems.push({ line: quoteOpenedOn, message: 'a quoted field is never closed (a " is missing), so this line and every line after it were not read' });
  } else endRecord();
  return { separator, records, problems };
}

/**
 * The text of a CSV file. Excel's plain "CSV" format writes Windows-1252, not UTF-8: bytes that are
 * not valid UTF-8 are read as Windows-1252 instead of turning accents into "�".
 */
export function decodeCsvFile(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
