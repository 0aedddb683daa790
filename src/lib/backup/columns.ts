/**
 * A page of rows written as columns (backup format 3): one line per page instead of one per row.
 * A store's bulk beside its purchase lines is the customer file and the tier review's states and
 * log (100,000 customers: 300,000 small rows), whose rows as JSON repeat every key name and whose
 * numbers (ids counting up, days) are text; as columns the numbers go to the container as binary
 * arrays (varint or delta, binary.ts), repeated values (tiers, rules, flags, import instants) as a
 * dictionary and one small code each, and only the rest is JSON. Reading gives back the same rows
 * the row lines would have given (JSON's own rules: undefined means absent, NaN and ±Infinity
 * become null, -0 is 0, a Date its ISO text), so validation and upgrades see rows as before.
 *
 *   {"$columns": n, "keys": [k…], "cols": [col…]}      a column per key, in `keys` order
 *   col:  {"absent": Uint32Array?, …one of…}           row numbers that lack the key (ascending)
 *         "num":  Float64Array                          every present value a finite number
 *         "dict": [v…], "codes": Uint8Array|Uint16Array present values as codes into dict (primitives)
 *         "json": [v…]                                  present values as they are
 */
import type { AnyTypedArray } from './binary';
import { stringifyBinary, TypedJsonError } from './typed-json';

/** Rows in one column line: the app writes a pack (2,048 ids) or a page at a time. */
export const MAX_COLUMN_ROWS = 1 << 16;
const MAX_KEYS = 1024;
/**
 * Fields in one line (rows × keys; the app's: 2,048 customers × about 25): one repeated code costs
 * a byte of array at most, so a small hand-made file must not name millions of fields a line.
 */
export const MAX_COLUMN_CELLS = 1 << 20;
/** A dictionary pays when values repeat: at most one distinct value per this many. */
const DICT_SHARE = 4;
const MAX_DICT = 1 << 16;

type Store = (array: AnyTypedArray) => number;
type Row = Record<string, unknown>;

const isPrimitive = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const typedRef = (a: AnyTypedArray, store: Store) => `{"$typed":"${a.constructor.name}","bin":${store(a)}}`;

/** One column's JSON: its present values, the smallest of the three forms that carries them exactly. */
function columnText(values: unknown[], absent: number[], store: Store): string {
  const head = absent.length ? `"absent":${typedRef(Uint32Array.from(absent), store)},` : '';
  if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) return `{${head}"num":${typedRef(Float64Array.from(values as number[], (v) => v + 0), store)}}`; // + 0: -0 as JSON writes it
  if (values.every(isPrimitive)) {
    const codes = new Map<unknown, number>();
    for (const v of values) if (!codes.has(v)) codes.set(v, codes.size);
    if (codes.size <= MAX_DICT && codes.size * DICT_SHARE <= values.length) {
      const codeArray = codes.size <= 256 ? new Uint8Array(values.length) : new Uint16Array(values.length);
      for (let i = 0; i < values.length; i++) codeArray[i] = codes.get(values[i])!;
      return `{${head}"dict":${JSON.stringify([...codes.keys()])},"codes":${typedRef(codeArray, store)}}`;
    }
  }
  return `{${head}"json":${stringifyBinary(values, store)}}`;
}

/**
 * The line for a page of rows (plain objects, as the database gives them); typed arrays go to
 * `store` (the container's), as in a row line. The table's first line has no leading comma.
 */
export function columnsLine(rows: readonly object[], first: boolean, store: Store): string {
  if (rows.length > MAX_COLUMN_ROWS) throw new RangeError(`a column line holds at most ${MAX_COLUMN_ROWS} rows`);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
    }
  }
  const cols = keys.map((key) => {
    const values: unknown[] = [];
    const absent: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const v = (rows[i] as Row)[key];
      // JSON leaves out an undefined field (and a function or symbol, which no stored row holds).
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') absent.push(i);
      else values.push(v);
    }
    return columnText(values, absent, store);
  });
  return `${first ? '' : ','}{"$columns":${rows.length},"keys":${JSON.stringify(keys)},"cols":[${cols.join(',')}]}`;
}

/** A parsed line is a column line (then `rowsFromColumns` gives its rows). */
export const isColumnsLine = (value: unknown): value is { $columns: unknown } => typeof value === 'object' && value !== null && !Array.isArray(value) && '$columns' in value;

const bad = (what: string) => new TypedJsonError(`bad column line: ${what}`);

/** The row numbers a column lacks: ascending, each below `n`. */
function absentRows(value: unknown, n: number): Uint32Array {
  if (value === undefined) return new Uint32Array(0);
  if (!(value instanceof Uint32Array)) throw bad('absent');
  for (let i = 0; i < value.length; i++) if (value[i]! >= n || (i > 0 && value[i]! <= value[i - 1]!)) throw bad('absent');
  return value;
}

/** A column's present values, in row order; refuses a count that does not fit the rows it is for. */
function presentValues(col: unknown, count: number): ArrayLike<unknown> {
  if (typeof col !== 'object' || col === null) throw bad('column');
  const { num, dict, codes, json } = col as Record<string, unknown>;
  const forms = [num, dict, json].filter((f) => f !== undefined).length;
  if (forms !== 1) throw bad('column');
  let values: ArrayLike<unknown>;
  if (num !== undefined) {
    if (!(num instanceof Float64Array)) throw bad('num');
    for (let i = 0; i < num.length; i++) if (!Number.isFinite(num[i])) throw bad('num');
    values = num;
  } else if (dict !== undefined) {
    if (!Array.isArray(dict) || !dict.every(isPrimitive)) throw bad('dict');
    if (!(codes instanceof Uint8Array || codes instanceof Uint16Array)) throw bad('codes');
    const out = new Array<unknown>(codes.length);
    for (let i = 0; i < codes.length; i++) {
      if (codes[i]! >= dict.length) throw bad('codes');
      out[i] = dict[codes[i]!];
    }
    values = out;
  } else {
    if (!Array.isArray(json)) throw bad('json');
    values = json;
  }
  if (values.length !== count) throw bad('count');
  return values;
}

/**
 * The rows of a parsed column line (its arrays already revived). Throws `TypedJsonError` for
 * anything `columnsLine` could not have written: the reader reports the line as damaged.
 */
export function rowsFromColumns(value: { $columns: unknown }): Row[] {
  const { $columns: n, keys, cols } = value as { $columns: unknown; keys: unknown; cols: unknown };
  if (!Number.isSafeInteger(n) || (n as number) < 0 || (n as number) > MAX_COLUMN_ROWS) throw bad('row count');
  if (!Array.isArray(keys) || !Array.isArray(cols) || keys.length !== cols.length || keys.length > MAX_KEYS) throw bad('keys');
  if (!keys.every((k) => typeof k === 'string') || new Set(keys).size !== keys.length) throw bad('keys');
  if ((n as number) * keys.length > MAX_COLUMN_CELLS) throw bad('size');
  const rows = Array.from({ length: n as number }, (): Row => ({}));
  keys.forEach((key: string, k) => {
    const col = cols[k] as Record<string, unknown> | null;
    const absent = absentRows(typeof col === 'object' && col !== null ? col.absent : undefined, n as number);
    const values = presentValues(col, (n as number) - absent.length);
    let a = 0;
    let v = 0;
    for (let i = 0; i < rows.length; i++) {
      if (a < absent.length && absent[a] === i) {
        a++;
        continue;
      }
      const item = values[v++];
      // As JSON.parse does: "__proto__" is a field of its own, never the row's prototype.
      if (key === '__proto__') Object.defineProperty(rows[i], key, { value: item, enumerable: true, writable: true, configurable: true });
      else rows[i]![key] = item;
    }
  });
  return rows;
}
