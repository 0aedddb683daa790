/**
 * Reads a backup file (a container, format 2; gzip or plain JSON lines, format 1; any of them
 * inside the encrypted envelope), checks it completely, and only then hands back rows to write.
 * Runs in a worker or in tests; it never touches the database.
 */
import { err, ok, type Result } from '../result';
import type { StoreRows } from '../store-rows';
import { ContainerShelf, ContainerStop, containerLines, isContainer, type ContainerError } from './container';
import { isEnvelope, openEnvelope, type EnvelopeError } from './envelope';
import { isColumnsLine, rowsFromColumns } from './columns';
import { BACKUP_APP, BACKUP_FORMAT, COLUMNS_FORMAT, TABLE_CLOSE_LINE, type BackupHeader } from './format';
import { parseTyped } from './typed-json';
import { upgradeTables } from './upgrades';
import { validateTables, type TablesError } from './validate';

export type BackupError =
  | { code: 'backup.empty' }
  | { code: 'backup.notBackup' }
  | { code: 'backup.badFormat' }
  | { code: 'backup.newerFormat'; format: number; supported: number }
  | { code: 'backup.truncated' }
  | { code: 'backup.corrupt'; line: number }
  | { code: 'backup.tooLarge'; limitMb: number }
  | { code: 'backup.badSchema' }
  | { code: 'backup.newerSchema'; schema: number; supported: number }
  | { code: 'backup.badCounts'; table: string }
  | ContainerError
  | EnvelopeError
  | TablesError;

/** Facts the restore dialog shows beside the counts: never a value shown as "Invalid Date". */
export type BackupWarning = { code: 'backup.warn.noDate' } | { code: 'backup.warn.futureDate'; when: string };

export interface BackupContents {
  header: BackupHeader;
  rows: StoreRows;
  warnings: BackupWarning[];
  /** The file was an encrypted envelope (format.ts). */
  encrypted: boolean;
}

export interface ReadOptions {
  /** Passphrase of an encrypted backup; without it such a file is answered `backup.needsPassphrase`. */
  passphrase?: string;
  /** The newest database schema this app knows: a backup from a later one is refused. */
  maxSchema?: number;
  /** Today, for the "backup date in the future" warning. */
  now?: Date;
}

/** A file not in our line layout (pretty-printed by hand, say) is parsed whole, up to this size. */
const WHOLE_PARSE_LIMIT = 64 * 1024 * 1024;
const HEADER_END = ',"tables":{';

class Stop {
  constructor(readonly error: BackupError) {}
}

export async function readBackup(file: Blob, onProgress?: (fraction: number) => void, options: ReadOptions = {}): Promise<Result<BackupContents, BackupError>> {
  if (file.size === 0) return err({ code: 'backup.empty' });
  try {
    const opened = await openBody(file, onProgress, options.passphrase);
    if (!opened.ok) return opened;
    const { body, encrypted, progress } = opened.value;
    let lines: AsyncGenerator<string>;
    let parse = (text: string) => parseTyped(text);
    let shelf: ContainerShelf | null = null;
    if (isContainer(new Uint8Array(await body.slice(0, 8).arrayBuffer()))) {
      const arrays = (shelf = new ContainerShelf());
      lines = stopOn(containerLines(body, arrays, progress));
      parse = (text) => parseTyped(text, arrays);
    } else {
      const { text, gzip } = await openText(body, progress);
      // A stream that fails mid-read is damaged gzip, or (not gzip) bytes that are not UTF-8 text.
      lines = textLines(text, () => (gzip ? { code: 'backup.truncated' } : { code: 'backup.notBackup' }));
    }
    const first = await lines.next();
    if (first.done) return err({ code: 'backup.empty' });
    const parsed = first.value.endsWith(HEADER_END) ? await readLayout(first.value, lines, parse) : await readWhole(first.value, lines);
    // Every array part of a container belongs to a row: one left over means rows were lost.
    try {
      shelf?.checkAllTaken();
    } catch (e) {
      if (e instanceof ContainerStop) return err(e.error);
      throw e;
    }
    const header = checkHeader(parsed.header, options.maxSchema);
    const tables = upgradeTables(header.format, parsed.tables);
    const valid = validateTables(tables);
    if (!valid.ok) return valid;
    return ok({ header: { ...header, format: BACKUP_FORMAT }, rows: valid.value, warnings: headerWarnings(header, options.now ?? new Date()), encrypted });
  } catch (e) {
    if (e instanceof Stop) return err(e.error);
    throw e;
  }
}

interface OpenedBody {
  /** The file, or inside an envelope the decrypted file. */
  body: Blob;
  encrypted: boolean;
  /** Progress of reading `body`. */
  progress: (fraction: number) => void;
}

/** Wraps a byte stream to report how much of `size` has passed. */
const counted = (size: number, onProgress: (fraction: number) => void) => (stream: ReadableStream<Uint8Array>) => {
  let read = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        onProgress(read / size);
        controller.enqueue(chunk);
      },
    }),
  );
};

async function openBody(file: Blob, onProgress: ((fraction: number) => void) | undefined, passphrase: string | undefined): Promise<Result<OpenedBody, BackupError>> {
  const report = onProgress ?? (() => {});
  if (!(await isEnvelope(file))) return ok({ body: file, encrypted: false, progress: report });
  // Decrypting is the first half of the progress, reading the decrypted file the second.
  const opened = await openEnvelope(file, passphrase, counted(file.size, (f) => report(f / 2)));
  if (!opened.ok) return opened;
  try {
    return ok({ body: await new Response(opened.value.plain).blob(), encrypted: true, progress: (f) => report(0.5 + f / 2) });
  } catch {
    // A chunk that fails its check says so itself.
    return err(opened.value.failure() ?? { code: 'backup.truncated' });
  }
}

/** A format-1 file: gzip or plain UTF-8 JSON lines. */
async function openText(file: Blob, onProgress: (fraction: number) => void): Promise<{ text: ReadableStream<string>; gzip: boolean }> {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  let bytes = counted(file.size, onProgress)(file.stream());
  if (gzip) bytes = bytes.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  return { text: bytes.pipeThrough(new TextDecoderStream('utf-8', { fatal: true }) as unknown as TransformStream<Uint8Array, string>), gzip };
}

/** A container's lines, its refusals turned into the reader's. */
async function* stopOn(lines: AsyncGenerator<string>): AsyncGenerator<string> {
  try {
    yield* lines;
  } catch (e) {
    if (e instanceof ContainerStop) throw new Stop(e.error);
    throw e;
  }
}

async function* textLines(text: ReadableStream<string>, onReadError: () => BackupError): AsyncGenerator<string> {
  const reader = text.getReader();
  let rest = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await reader.read();
    } catch {
      throw new Stop(onReadError());
    }
    const { done, value } = chunk;
    if (done) break;
    rest += value;
    let newline: number;
    while ((newline = rest.indexOf('\n')) >= 0) {
      yield rest.slice(0, newline).replace(/\r$/, '');
      rest = rest.slice(newline + 1);
    }
  }
  if (rest !== '') yield rest.replace(/\r$/, '');
}

interface Parsed {
  header: unknown;
  tables: Record<string, unknown[]>;
}

async function readLayout(first: string, lines: AsyncGenerator<string>, parse: (text: string) => unknown): Promise<Parsed> {
  const parseLine = (text: string, line: number) => parseAt(text, line, parse);
  const header = parseLine(`${first.slice(0, -HEADER_END.length)}}`, 1);
  // Refuse a foreign or newer file before reading all of it.
  const columns = checkHeader(header, undefined).format >= COLUMNS_FORMAT;
  const tables: Record<string, unknown[]> = {};
  let counts: Record<string, unknown> | null = null;
  let current: unknown[] | null = null;
  let lineNo = 1;
  for await (const line of lines) {
    lineNo++;
    if (counts !== null) {
      if (line.trim() !== '') throw new Stop({ code: 'backup.corrupt', line: lineNo });
      continue;
    }
    if (current) {
      if (line === TABLE_CLOSE_LINE) {
        current = null;
        continue;
      }
      const value = parseLine(current.length === 0 ? line : line.replace(/^,/, ''), lineNo);
      // A page of rows as columns (format 3): its rows, or the line is damaged. Never in an older file.
      if (columns && isColumnsLine(value)) {
        const rows = parseAt(value, lineNo, rowsFromColumns);
        for (const row of rows) current.push(row);
      } else current.push(value);
      continue;
    }
    const open = /^,?("(?:[^"\\]|\\.)*"):\[$/.exec(line);
    if (open) {
      const name = parseLine(open[1]!, lineNo) as string;
      current = tables[name] = [];
      continue;
    }
    if (line.startsWith('},"counts":')) {
      const trailer = parseLine(`{${line.slice(2)}`, lineNo) as { counts?: unknown };
      if (typeof trailer.counts !== 'object' || trailer.counts === null) throw new Stop({ code: 'backup.corrupt', line: lineNo });
      counts = trailer.counts as Record<string, unknown>;
      continue;
    }
    throw new Stop({ code: 'backup.corrupt', line: lineNo });
  }
  // No closing line: the file was cut off (a download interrupted, a copy aborted).
  if (counts === null) throw new Stop({ code: 'backup.truncated' });
  // A count that is not a whole number ("many", -1, 1e400) is an edited file, not a cut-off one.
  for (const [name, n] of Object.entries(counts)) if (!Number.isSafeInteger(n) || (n as number) < 0) throw new Stop({ code: 'backup.badCounts', table: name });
  for (const [name, rows] of Object.entries(tables)) {
    if (!(name in counts)) throw new Stop({ code: 'backup.badCounts', table: name });
    if (counts[name] !== rows.length) throw new Stop({ code: 'backup.truncated' });
  }
  return { header, tables };
}

async function readWhole(first: string, lines: AsyncGenerator<string>): Promise<Parsed> {
  if (!first.trimStart().startsWith('{')) throw new Stop({ code: 'backup.notBackup' });
  const parts = [first];
  let size = first.length;
  for await (const line of lines) {
    size += line.length + 1;
    if (size > WHOLE_PARSE_LIMIT) throw new Stop({ code: 'backup.tooLarge', limitMb: WHOLE_PARSE_LIMIT / 1024 / 1024 });
    parts.push(line);
  }
  let doc: unknown;
  try {
    doc = parseTyped(parts.join('\n'));
  } catch {
    throw new Stop({ code: 'backup.notBackup' });
  }
  const tables = (doc as { tables?: unknown }).tables;
  const columns = checkHeader(doc, undefined).format >= COLUMNS_FORMAT;
  if (typeof tables !== 'object' || tables === null || !Object.values(tables).every(Array.isArray)) throw new Stop({ code: 'backup.notBackup' });
  if (!columns) return { header: doc, tables: tables as Record<string, unknown[]> };
  // The same document laid out by hand: its column entries give their rows, as in the line layout.
  const rows: Record<string, unknown[]> = {};
  for (const [name, list] of Object.entries(tables as Record<string, unknown[]>)) rows[name] = list.flatMap((value) => (isColumnsLine(value) ? parseAt(value, 1, rowsFromColumns) : [value]));
  return { header: doc, tables: rows };
}

function parseAt<T, R>(text: T, line: number, parse: (text: T) => R): R {
  try {
    return parse(text);
  } catch {
    throw new Stop({ code: 'backup.corrupt', line });
  }
}

function checkHeader(value: unknown, maxSchema: number | undefined): BackupHeader {
  const h = value as Partial<Record<keyof BackupHeader, unknown>> | null;
  if (typeof h !== 'object' || h === null || h.app !== BACKUP_APP) throw new Stop({ code: 'backup.notBackup' });
  if (!Number.isSafeInteger(h.format) || (h.format as number) < 1) throw new Stop({ code: 'backup.badFormat' });
  if ((h.format as number) > BACKUP_FORMAT) throw new Stop({ code: 'backup.newerFormat', format: h.format as number, supported: BACKUP_FORMAT });
  if (!Number.isSafeInteger(h.schemaVersion) || (h.schemaVersion as number) < 1) throw new Stop({ code: 'backup.badSchema' });
  // Rows shaped by a newer database may carry fields this app would drop or misread.
  if (maxSchema !== undefined && (h.schemaVersion as number) > maxSchema) throw new Stop({ code: 'backup.newerSchema', schema: h.schemaVersion as number, supported: maxSchema });
  return { app: BACKUP_APP, format: h.format as number, exportedAt: validInstant(h.exportedAt), schemaVersion: h.schemaVersion as number };
}

/** An ISO instant a Date can show, or null (then the dialog says "unknown date", not "Invalid Date"). */
function validInstant(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** A day's grace: the file may come from a till whose clock runs a little ahead. */
const FUTURE_GRACE_MS = 24 * 60 * 60 * 1000;

function headerWarnings(header: BackupHeader, now: Date): BackupWarning[] {
  if (header.exportedAt === null) return [{ code: 'backup.warn.noDate' }];
  if (Date.parse(header.exportedAt) > now.getTime() + FUTURE_GRACE_MS) return [{ code: 'backup.warn.futureDate', when: header.exportedAt }];
  return [];
}
