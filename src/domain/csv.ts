/**
 * RFC 4180 CSV: parse (quoted fields, doubled quotes, line breaks inside
 * quotes, CRLF or LF, an optional UTF-8 BOM) and write. Small enough to keep
 * here, pure and unit-tested, rather than add a parser dependency for one
 * import format.
 */

export class CsvError extends Error {
  constructor(
    message: string,
    readonly row: number,
    readonly tooMany = false,
    /** 1-based column of the cell at fault, and the header record when it was read already (to name the column). */
    readonly at?: { column: number; header?: readonly string[] },
  ) {
    super(message);
  }
}

export interface CsvLimits {
  /** Records, the header included; one more is an error with `tooMany`. */
  maxRows?: number;
  /** Cells per record. */
  maxColumns?: number;
  /** Characters per cell: the scan stops at the first longer one instead of gathering it. */
  maxCell?: number;
}

/**
 * Rows of fields; `row` numbers in errors count records from 1 (the header is
 * row 1). One pass; each field is cut out of the text in slices, not built a
 * character at a time.
 */
export function parseCsv(text: string, maxRowsOrLimits: number | CsvLimits = Infinity): string[][] {
  return [...csvRecords(text, typeof maxRowsOrLimits === "number" ? { maxRows: maxRowsOrLimits } : maxRowsOrLimits)];
}

/** The records of a CSV text one at a time, so that a caller may give others a turn between them. */
export function* csvRecords(text: string, limits: CsvLimits = {}): Generator<string[], void, undefined> {
  const { maxRows = Infinity, maxColumns = Infinity, maxCell = Infinity } = limits;
  let header: string[] | undefined;
  let count = 0;
  let row: string[] = [];
  let field = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const add = (piece: string) => {
    field += piece;
    if (field.length > maxCell) throw new CsvError(`a cell is longer than ${maxCell} characters`, count + 1, false, { column: row.length + 1, ...(header ? { header } : {}) });
  };
  const endField = () => {
    row.push(field);
    field = "";
    if (row.length > maxColumns) throw new CsvError(`more than ${maxColumns} cells in a row`, count + 1, false, { column: row.length });
  };
  /** The record just ended, or null for a blank line (no record). */
  const endRow = (): string[] | null => {
    endField();
    const record = row;
    row = [];
    if (record.length === 1 && record[0] === "") return null;
    count++;
    if (count > maxRows) throw new CsvError(`more than ${maxRows} rows`, count, true);
    header ??= record;
    return record;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === "") {
      // A quoted field: up to the next lone quote; doubled quotes are one.
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) throw new CsvError("a quoted field is not closed", count + 1);
        add(text.slice(from, close));
        if (text[close + 1] !== '"') {
          i = close + 1;
          break;
        }
        add('"');
        from = close + 2;
      }
      continue;
    }
    if (c === ",") endField();
    else if (c === "\n" || c === "\r") {
      const record = endRow();
      if (c === "\r" && text[i + 1] === "\n") i++;
      if (record) yield record;
    } else {
      // Plain text up to the next comma, quote or line break.
      let j = i + 1;
      while (j < text.length && !STOP.has(text[j]!)) j++;
      add(text.slice(i, j));
      i = j;
      continue;
    }
    i++;
  }
  if (field !== "" || row.length > 0) {
    const record = endRow();
    if (record) yield record;
  }
}

const STOP = new Set([",", "\r", "\n", '"']);

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
