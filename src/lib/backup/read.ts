/**
 * Reads a backup file as a stream (gzip or plain), checks it completely, and only then hands back
 * rows to write. Runs in a worker or in tests; it never touches the database.
 */
import { err, ok, type Result } from '../result';
import type { StoreRows } from '../store-rows';
import { BACKUP_APP, BACKUP_FORMAT, TABLE_CLOSE_LINE, type BackupHeader } from './format';
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
  | TablesError;

export interface BackupContents {
  header: BackupHeader;
  rows: StoreRows;
}

/** A file not in our line layout (pretty-printed by hand, say) is parsed whole, up to this size. */
const WHOLE_PARSE_LIMIT = 64 * 1024 * 1024;
const HEADER_END = ',"tables":{';

class Stop {
  constructor(readonly error: BackupError) {}
}

export async function readBackup(file: Blob, onProgress?: (fraction: number) => void): Promise<Result<BackupContents, BackupError>> {
  if (file.size === 0) return err({ code: 'backup.empty' });
  try {
    const { text, gzip } = await openText(file, onProgress);
    // A stream that fails mid-read is damaged gzip, or (not gzip) bytes that are not UTF-8 text.
    const lines = textLines(text, gzip ? { code: 'backup.truncated' } : { code: 'backup.notBackup' });
    const first = await lines.next();
    if (first.done) return err({ code: 'backup.empty' });
    const parsed = first.value.endsWith(HEADER_END) ? await readLayout(first.value, lines) : await readWhole(first.value, lines);
    const header = checkHeader(parsed.header);
    const tables = upgradeTables(header.format, parsed.tables);
    const valid = validateTables(tables);
    if (!valid.ok) return valid;
    return ok({ header: { ...header, format: BACKUP_FORMAT }, rows: valid.value });
  } catch (e) {
    if (e instanceof Stop) return err(e.error);
    throw e;
  }
}

async function openText(file: Blob, onProgress?: (fraction: number) => void): Promise<{ text: ReadableStream<string>; gzip: boolean }> {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  let read = 0;
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        onProgress?.(read / file.size);
        controller.enqueue(chunk);
      },
    }),
  );
  const bytes = gzip ? counted.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : counted;
  return { text: bytes.pipeThrough(new TextDecoderStream('utf-8', { fatal: true }) as unknown as TransformStream<Uint8Array, string>), gzip };
}

async function* textLines(text: ReadableStream<string>, onReadError: BackupError): AsyncGenerator<string> {
  const reader = text.getReader();
  let rest = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await reader.read();
    } catch {
      throw new Stop(onReadError);
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

async function readLayout(first: string, lines: AsyncGenerator<string>): Promise<Parsed> {
  const header = parseLine(`${first.slice(0, -HEADER_END.length)}}`, 1);
  // Refuse a foreign or newer file before reading all of it.
  checkHeader(header);
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
      if (line === TABLE_CLOSE_LINE) current = null;
      else current.push(parseLine(current.length === 0 ? line : line.replace(/^,/, ''), lineNo));
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
  for (const [name, rows] of Object.entries(tables)) if (counts[name] !== rows.length) throw new Stop({ code: 'backup.truncated' });
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
  checkHeader(doc);
  if (typeof tables !== 'object' || tables === null || !Object.values(tables).every(Array.isArray)) throw new Stop({ code: 'backup.notBackup' });
  return { header: doc, tables: tables as Record<string, unknown[]> };
}

function parseLine(text: string, line: number): unknown {
  try {
    return parseTyped(text);
  } catch {
    throw new Stop({ code: 'backup.corrupt', line });
  }
}

function checkHeader(value: unknown): BackupHeader {
  const h = value as Partial<BackupHeader> | null;
  if (typeof h !== 'object' || h === null || h.app !== BACKUP_APP) throw new Stop({ code: 'backup.notBackup' });
  if (!Number.isSafeInteger(h.format) || (h.format as number) < 1) throw new Stop({ code: 'backup.badFormat' });
  if ((h.format as number) > BACKUP_FORMAT) throw new Stop({ code: 'backup.newerFormat', format: h.format as number, supported: BACKUP_FORMAT });
  return { app: BACKUP_APP, format: h.format as number, exportedAt: String(h.exportedAt ?? ''), schemaVersion: Number(h.schemaVersion ?? 0) };
}
