/**
 * What differs between the two SQL dialects the analysis script is written in. Everything else
 * (the steps, their order, the rules) is shared, so the two scripts are the same logic.
 */
export type DialectId = 'duckdb' | 'spark';

export interface Dialect {
  id: DialectId;
  name: string;
  /** A view that lives for the session. */
  createView: (name: string) => string;
  /** The Parquet files of one table (a path or a glob). */
  readParquet: (path: string) => string;
  /** Whole days from `earlier` to `later` (two DATEs). */
  daysBetween: (later: string, earlier: string) => string;
  /** DATE plus n days. */
  addDays: (date: string, n: number) => string;
  /** 'YYYY-MM' of a DATE. */
  monthOf: (date: string) => string;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

export const duckdb: Dialect = {
  id: 'duckdb',
  name: 'DuckDB',
  createView: (name) => `CREATE OR REPLACE TEMP VIEW ${name} AS`,
  readParquet: (path) => `read_parquet(${quote(path)}, union_by_name = true)`,
  daysBetween: (later, earlier) => `CAST(${later} - ${earlier} AS INTEGER)`,
  addDays: (date, n) => `CAST(${date} + ${n} AS DATE)`,
  monthOf: (date) => `strftime(${date}, '%Y-%m')`,
};

export const spark: Dialect = {
  id: 'spark',
  name: 'Spark SQL',
  createView: (name) => `CREATE OR REPLACE TEMPORARY VIEW ${name} AS`,
  // Spark reads a path (globs allowed) as a table: parquet.`stores/*/purchase_lines.parquet`.
  readParquet: (path) => `parquet.\`${path.replace(/`/g, '')}\``,
  daysBetween: (later, earlier) => `datediff(${later}, ${earlier})`,
  addDays: (date, n) => `date_add(${date}, ${n})`,
  monthOf: (date) => `date_format(${date}, 'yyyy-MM')`,
};

export const dialects: Record<DialectId, Dialect> = { duckdb, spark };

/** A SQL string literal. */
export const sqlText = quote;

/**
 * A DOUBLE literal that reads back as exactly this number in both dialects: integers as they are,
 * anything else through its shortest round-trip text (0.6000000000000001 stays that, not 0.6).
 */
export function sqlDouble(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return Number.isInteger(x) && Math.abs(x) < 2 ** 53 ? `CAST(${x} AS DOUBLE)` : `CAST('${String(x)}' AS DOUBLE)`;
}
