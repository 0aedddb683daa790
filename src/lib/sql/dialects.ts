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
  /** The label of the month ('YYYY-MM'), quarter ('YYYY-Qn') or year ('YYYY') a DATE is in. */
  periodOf: (kind: PeriodKind, date: string) => string;
  /** The first day (a DATE) of the month, quarter or year a DATE is in. */
  periodStart: (kind: PeriodKind, date: string) => string;
  /** DATE plus n calendar months. */
  addMonths: (date: string, n: number) => string;
  /** In a SELECT list: one row per month start from `first` to `last` (two first-of-month DATEs), inclusive. */
  monthSeries: (first: string, last: string) => string;
}

/** The periods the KPIs are counted over, and how many months each spans. */
export type PeriodKind = 'month' | 'quarter' | 'year';
export const PERIOD_MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

export const duckdb: Dialect = {
  id: 'duckdb',
  name: 'DuckDB',
  createView: (name) => `CREATE OR REPLACE TEMP VIEW ${name} AS`,
  readParquet: (path) => `read_parquet(${quote(path)}, union_by_name = true)`,
  daysBetween: (later, earlier) => `CAST(${later} - ${earlier} AS INTEGER)`,
  addDays: (date, n) => `CAST(${date} + ${n} AS DATE)`,
  monthOf: (date) => `strftime(${date}, '%Y-%m')`,
  periodOf: (kind, date) => (kind === 'month' ? `strftime(${date}, '%Y-%m')` : kind === 'quarter' ? `concat(strftime(${date}, '%Y'), '-Q', CAST(quarter(${date}) AS VARCHAR))` : `strftime(${date}, '%Y')`),
  periodStart: (kind, date) => `CAST(date_trunc('${kind}', ${date}) AS DATE)`,
  addMonths: (date, n) => `CAST(${date} + INTERVAL ${n} MONTH AS DATE)`,
  monthSeries: (first, last) => `unnest(generate_series(CAST(${first} AS TIMESTAMP), CAST(${last} AS TIMESTAMP), INTERVAL 1 MONTH))`,
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
  periodOf: (kind, date) => (kind === 'month' ? `date_format(${date}, 'yyyy-MM')` : kind === 'quarter' ? `concat(date_format(${date}, 'yyyy'), '-Q', CAST(quarter(${date}) AS STRING))` : `date_format(${date}, 'yyyy')`),
  // trunc(date, 'QUARTER') needs Spark 3.0 or later.
  periodStart: (kind, date) => `trunc(${date}, '${kind === 'month' ? 'MM' : kind.toUpperCase()}')`,
  addMonths: (date, n) => `add_months(${date}, ${n})`,
  monthSeries: (first, last) => `explode(sequence(${first}, ${last}, INTERVAL 1 MONTH))`,
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
