/** Finding the header row, mapping columns to fields, and telling what kind of file it is. */
import { fieldForHeader, headerKey, isCustomerField, type FieldId } from './fields';

export type ImportKind = 'customers' | 'purchases' | 'combined';
export const importKinds: readonly ImportKind[] = ['customers', 'purchases', 'combined'];

/** For each column, the field it fills (null: not imported). */
export type Mapping = (FieldId | null)[];

/**
 * Fields that identify a customer, in the order tried when the chosen one is empty. keqingId
 * (Keqing's own number, in its exports) is last: a re-imported export falls back on it only for
 * a customer with no shop id, card or readable phone.
 */
export const matchKeys = ['customerId', 'cardNo', 'phone', 'keqingId'] as const;
export type MatchKey = (typeof matchKeys)[number];

const HEADER_SCAN_ROWS = 10;

/**
 * The header is the row among the first few that names the most known fields: Chinese exports
 * often put a title ("客户资料表 2024年") and a blank or date line above it.
 */
export function findHeaderRow(rows: readonly string[][], fieldFor: (header: string) => string | null = fieldForHeader): number {
  let best = 0;
  let bestScore = 0;
  for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, rows.length); r++) {
    const fields = new Set(rows[r]!.map((h) => fieldFor(h)).filter((f) => f !== null));
    if (fields.size > bestScore) {
      best = r;
      bestScore = fields.size;
    }
  }
  return best;
}

/** The header row of a file that has none: its first row is data (customer and purchase files). */
export const NO_HEADER_ROW = -1;

// A header names its columns in words: a row with a cell that is a number, a date or a phone is data.
const DATA_CELL = /^[-+]?[\d.,:/ -]*\d[\d.,:/ -]*$/;

/**
 * findHeaderRow, or NO_HEADER_ROW when no row names a field we know and the first row holds
 * numbers (a transaction log, a POS dump): there is no header, only data from the first line.
 */
export function detectHeaderRow(rows: readonly string[][]): number {
  const row = findHeaderRow(rows);
  if (rows[row]?.some((h) => fieldForHeader(h) !== null)) return row;
  return rows[0]?.some((cell) => DATA_CELL.test(cell.trim())) ? NO_HEADER_ROW : row;
}

/**
 * A file's column names as the preview shows them and problems cite them: its header row's
 * (trimmed), a name used twice numbered (手机 (1), 手机 (2)) so each column can be mapped and none
 * is lost; with no header row, 1, 2, 3… as wide as the widest of the first rows.
 */
export function columnHeaders(rows: readonly (readonly string[])[], headerRow: number): string[] {
  if (headerRow < 0) {
    const width = Math.max(0, ...rows.slice(0, 100).map((r) => r.length));
    return Array.from({ length: width }, (_, i) => String(i + 1));
  }
  const headers = (rows[headerRow] ?? []).map((h) => h.trim());
  const times = new Map<string, number>();
  for (const h of headers) if (h !== '') times.set(h, (times.get(h) ?? 0) + 1);
  const seen = new Map<string, number>();
  return headers.map((h) => {
    if ((times.get(h) ?? 0) < 2) return h;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return `${h} (${n})`;
  });
}

/**
 * Each header to its field; when two columns claim one field, the first keeps it. Another kind of
 * file (an activity log, lib/timeuse/import) passes its own header lookup.
 */
export function autoMap(headers: readonly string[]): Mapping;
export function autoMap<F extends string>(headers: readonly string[], fieldFor: (header: string) => F | null): (F | null)[];
export function autoMap(headers: readonly string[], fieldFor: (header: string) => string | null = fieldForHeader): (string | null)[] {
  const used = new Set<string>();
  return headers.map((h) => {
    const field = fieldFor(h);
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

const has = (mapping: Mapping, field: FieldId) => mapping.includes(field);

export function detectKind(mapping: Mapping): ImportKind {
  // Sales lines: a date with an amount, price or quantity; or, with no date column (which the
  // mapping check then asks for), at least two of order no., item, amount, price and quantity.
  const money = has(mapping, 'amount') || has(mapping, 'unitPrice') || has(mapping, 'quantity');
  const signals = (['orderNo', 'itemNo', 'amount', 'unitPrice', 'quantity'] as const).filter((f) => has(mapping, f)).length;
  const purchase = (has(mapping, 'date') && money) || signals >= 2;
  if (!purchase) return 'customers';
  // Customer fields beyond the key on every line: a POS export with the customer repeated.
  const profile = mapping.some((f) => f !== null && isCustomerField(f) && !(matchKeys as readonly string[]).includes(f));
  return profile ? 'combined' : 'purchases';
}

/** The key customers are matched on by default: the phone (how Chinese shops know a member), else the file's own id, else the card. */
export function defaultMatchKey(mapping: Mapping): MatchKey {
  return (['phone', 'customerId', 'cardNo'] as const).find((k) => has(mapping, k)) ?? 'phone';
}

export type MappingProblem =
  | { code: 'mapping.noIdentity' }
  | { code: 'mapping.noDate' }
  | { code: 'mapping.noAmount' }
  | { code: 'mapping.noMatchKey'; key: MatchKey };

/** What the mapping lacks for the kind of file: the import cannot start until it is fixed. */
export function mappingProblems(kind: ImportKind, mapping: Mapping, matchKey: MatchKey): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (kind === 'customers') {
    if (!['name', 'phone', 'cardNo', 'customerId'].some((f) => has(mapping, f as FieldId))) problems.push({ code: 'mapping.noIdentity' });
    if (!has(mapping, matchKey)) problems.push({ code: 'mapping.noMatchKey', key: matchKey });
    return problems;
  }
  if (!has(mapping, 'date')) problems.push({ code: 'mapping.noDate' });
  if (!has(mapping, 'amount') && !(has(mapping, 'unitPrice') && has(mapping, 'quantity'))) problems.push({ code: 'mapping.noAmount' });
  if (kind === 'combined' && !has(mapping, matchKey)) problems.push({ code: 'mapping.noMatchKey', key: matchKey });
  return problems;
}

/** Files with the same headers get the same signature, so a fixed mapping is remembered for them. */
export const headerSignature = (headers: readonly string[]) => headers.map(headerKey).join('|');
