/** CSV files people open in Excel: UTF-8 with BOM, CRLF, and formula-looking text neutralised. */
import Papa from 'papaparse';

export type CsvCell = string | number | null | undefined;

export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  // BOM: Excel reads UTF-8 only with it. escapeFormulae puts ' before text starting = + - @ (numbers pass).
  return '\uFEFF' + Papa.unparse({ fields: [...fields], data: rows.map((r) => r.map((c) => c ?? '')) }, { escapeFormulae: true, newline: '\r\n' });
}
