/**
 * RFC 4180 CSV: parse (quoted fields, doubled quotes, line breaks inside
 * quotes, CRLF or LF, an optional UTF-8 BOM) and write. Small enough to keep
 * here, pure and unit-tested, rather than add a parser dependency for one
 * import format.
 */

export class CsvError extends Error {
  constructor(message: string, readonly row: number, readonly tooMany = false) {
    super(message);
  }
}

/** Rows of fields; `row` numbers in errors count records from 1 (the header is row 1). */
export function parseCsv(text: string, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    field = "";
    // A blank line is no record.
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
    if (rows.length > maxRows) throw new CsvError(`more than ${maxRows} rows`, rows.length, true);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      endRow();
      i++;
    } else if (c === "\n" || c === "\r") endRow();
    else field += c;
    i++;
  }
  if (quoted) throw new CsvError("a quoted field is not closed", rows.length + 1);
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

/**
 * One CSV record. A cell that a spreadsheet would run as a formula (leading
 * =, +, -, @, tab or CR) is prefixed with ' (CSV injection): the export is
 * meant for spreadsheets.
 */
export function csvRecord(cells: readonly (string | number | null)[]): string {
  return cells
    .map((cell) => {
      let text = cell === null ? "" : String(cell);
      if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",");
}
