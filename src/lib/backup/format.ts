/**
 * The backup file: one JSON document laid out a record per line, so it can be written and read
 * as a stream (a store with a million purchase lines never becomes one giant string):
 *
 *   {"app":"keqing","format":2,"exportedAt":"…","schemaVersion":1,"tables":{
 *   "customers":[
 *   {…}
 *   ,{…}
 *   ]
 *   ,"purchaseChunks":[
 *   …
 *   ]
 *   },"counts":{"customers":2,…}}
 *
 * The closing `counts` line is how a cut-off file is told from a whole one.
 *
 * Format 2 (container.ts) puts these lines, compressed, in a binary container beside the typed
 * arrays (a purchase chunk's columns), which are written as compact binary parts rather than
 * base64 text: a million lines back up several times faster and in a smaller file. Format 1 was
 * the same lines gzipped, with each typed array as {"$typed", "b64"}. Format 3 writes the rows of
 * every table but the purchase chunks a page to a line, as columns (columns.ts): the customer
 * file and the tier review's rows are most of a large store's text. Restore reads all three.
 *
 * Encrypted backups (a manager's choice, the default once a PIN is set) wrap the same file
 * in an envelope: magic "KQBKENC\0", envelope version, PBKDF2-SHA-256 parameters, salt, nonce,
 * then AES-256-GCM chunks of 1 MiB with per-chunk IVs and authenticated index and last-chunk flag.
 * The byte layout and why it is chunked are in envelope.ts.
 */
import type { AnyTypedArray } from './binary';
import { columnsLine } from './columns';
import { ContainerWriter } from './container';
import { stringifyBinary, stringifyTyped } from './typed-json';

export const BACKUP_APP = 'keqing';
/** Raise when the file layout or a table's row shape changes; add an upgrade in `upgrades.ts`. */
export const BACKUP_FORMAT = 3;
/** The first format whose tables may hold column lines. */
export const COLUMNS_FORMAT = 3;

export interface BackupHeader {
  app: typeof BACKUP_APP;
  format: number;
  /** ISO instant; null when a file's date is missing or not a date (the reader never invents one). */
  exportedAt: string | null;
  /** The database schema version the rows were read from. */
  schemaVersion: number;
}

export type BackupTables = Record<string, unknown[]>;

export const headerLine = (header: BackupHeader) => `${JSON.stringify(header).slice(0, -1)},"tables":{`;
export const tableOpenLine = (name: string, first: boolean) => `${first ? '' : ','}${JSON.stringify(name)}:[`;
/** A row's line: format 1's typed arrays as base64 (`stringifyTyped`); a container's via `stringifyBinary`. */
export const rowLine = (row: unknown, first: boolean, stringify: (row: unknown) => string = stringifyTyped) => `${first ? '' : ','}${stringify(row)}`;
/**
 * A page of rows' lines as one text (the lines `rowLine` gives, joined by newlines): one join per
 * page, not a string and two array entries per row (200,000 tier log rows: a third of their encoding).
 */
export function rowLines(rows: readonly unknown[], first: boolean, stringify: (row: unknown) => string = stringifyTyped): string {
  return (first ? '' : ',') + rows.map((row) => stringify(row)).join('\n,');
}
/**
 * A page of a table's rows in a container: purchase chunks as row lines (each is columns already,
 * four to a page), every other table's page as one column line.
 */
export function pageLine(table: string, rows: readonly unknown[], first: boolean, store: (array: AnyTypedArray) => number): string {
  return table === 'purchaseChunks' ? rowLines(rows, first, (row) => stringifyBinary(row, store)) : columnsLine(rows as readonly object[], first, store);
}
export const TABLE_CLOSE_LINE = ']';
export const trailerLine = (counts: Record<string, number>) => `},"counts":${JSON.stringify(counts)}}`;

/**
 * Writes a whole backup as lines (for small stores and tests; the app streams the same lines).
 * `stringify` as in `rowLine`: by default format 1's text (typed arrays as base64).
 */
export function* backupLines(header: BackupHeader, tables: Iterable<[string, Iterable<unknown>]>, stringify?: (row: unknown) => string): Generator<string> {
  yield headerLine(header);
  const counts: Record<string, number> = {};
  let firstTable = true;
  for (const [name, rows] of tables) {
    yield tableOpenLine(name, firstTable);
    firstTable = false;
    let n = 0;
    for (const row of rows) yield rowLine(row, n++ === 0, stringify);
    counts[name] = n;
    yield TABLE_CLOSE_LINE;
  }
  yield trailerLine(counts);
}

/**
 * A container backup written table by table, a page of rows at a time (`pageLine`): the app's
 * export streams the database through it, `backupContainer` rows in memory. It counts each table's
 * rows for the closing line.
 */
export class ContainerBackupWriter {
  readonly #out = new ContainerWriter();
  readonly #counts: Record<string, number> = {};
  #table: string | null = null;

  constructor(header: BackupHeader) {
    this.#out.line(headerLine(header));
  }

  /** Opens the next table (the one open before is closed). */
  table(name: string): void {
    if (this.#table !== null) this.#out.line(TABLE_CLOSE_LINE);
    this.#out.line(tableOpenLine(name, this.#table === null));
    this.#table = name;
    this.#counts[name] = 0;
  }

  /** The open table's next rows. */
  page(rows: readonly unknown[]): void {
    const name = this.#table;
    if (name === null) throw new Error('no table open');
    if (rows.length === 0) return;
    this.#out.line(pageLine(name, rows, this.#counts[name] === 0, this.#out.array));
    this.#counts[name]! += rows.length;
  }

  finish(): Promise<Blob> {
    if (this.#table !== null) this.#out.line(TABLE_CLOSE_LINE);
    this.#out.line(trailerLine(this.#counts));
    return this.#out.finish();
  }
}

/** A whole backup as a container file, laid out as the app writes one, from rows in memory: small stores and tests. */
export function backupContainer(header: BackupHeader, tables: Iterable<[string, Iterable<unknown>]>, pageRows = 2_048): Promise<Blob> {
  const out = new ContainerBackupWriter(header);
  for (const [name, rows] of tables) {
    out.table(name);
    const all = [...rows];
    for (let i = 0; i < all.length; i += pageRows) out.page(all.slice(i, i + pageRows));
  }
  return out.finish();
}
