/** CSV files people open in Excel: UTF-8 with BOM, CRLF, and formula-looking text neutralised. */
import Papa from 'papaparse';

export type CsvCell = string | number | null | undefined;

/** `notice`: a line above the header, for what the reader must know first (a file with full phone numbers). */
export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[], options: { notice?: string } = {}): string {
  // BOM: Excel reads UTF-8 only with it. escapeFormulae puts ' before text starting = + - @ (numbers pass).
  const body = Papa.unparse({ fields: [...fields], data: rows.map((r) => r.map((c) => c ?? '')) }, { escapeFormulae: true, newline: '\r\n' });
  const notice = options.notice === undefined ? '' : `${Papa.unparse([[options.notice]], { escapeFormulae: true })}\r\n`;
  return `\uFEFF${notice}${body}`;
}
