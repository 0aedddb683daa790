/**
 * The backup container (format 2): the JSON lines of format.ts, with every typed array taken out
 * into a binary part of its own (binary.ts), so the bulk of a store (purchase columns) is neither
 * base64 text nor run through gzip. Text is compressed (deflate); arrays are stored compact.
 *
 * File: 12-byte head "KQBACKUP" ‖ container version (1) ‖ 3 zero bytes, then parts, each a
 * 20-byte head and its payload:
 *   0 1 kind: 1 text (UTF-8 JSON lines, whole lines), 2 array, 3 end
 *   1 1 array codec (binary.ts), 0 otherwise
 *   2 1 array kind (index in binary.ts `arrayKinds`), 0 otherwise
 *   3 1 packing: 0 stored, 1 deflate (raw)
 *   4 4 count: array elements; for the end part, the number of array parts
 *   8 4 size: payload bytes unpacked
 *  12 4 length: payload bytes in the file
 *  16 4 CRC-32 of the unpacked payload
 * (numbers little-endian). A row names its arrays as {"$typed": kind, "bin": n}, n counting array
 * parts from 0 in file order; an array part comes before the text that names it, and each is
 * named exactly once. The end part says how many arrays there were: a file cut at a part boundary
 * has none, so it is told from a whole one.
 */
import { ArrayCodec, arrayKinds, crc32, decodeArray, ArrayDecodeError, encodeArray, type AnyTypedArray, type ArrayProblem } from './binary';
import type { ArrayShelf } from './typed-json';

export const CONTAINER_MAGIC = new Uint8Array([0x4b, 0x51, 0x42, 0x41, 0x43, 0x4b, 0x55, 0x50]); // "KQBACKUP"
export const CONTAINER_VERSION = 1;
const HEAD_BYTES = 12;
const PART_HEAD_BYTES = 20;
const Kind = { text: 1, array: 2, end: 3 } as const;
const Packing = { stored: 0, deflate: 1 } as const;

/** Text is cut into parts of about this many characters (whole lines), each compressed alone. */
const TEXT_PART_CHARS = 2 * 1024 * 1024;
/** Limits for a hand-made file: none of them near what the app writes (parts of ~6 MB, chunks of 10,000 lines). */
const MAX_PART_BYTES = 256 * 1024 * 1024;
const MAX_ARRAY_ELEMENTS = 1 << 24;
/**
 * Arrays may unpack to at most this many times the file's size (a million lines: about 4×; one
 * value repeated is the only form that expands more), with a floor for small stores and a ceiling.
 */
const MAX_ARRAY_EXPANSION = 64;
const MIN_ARRAY_TOTAL_BYTES = 64 * 1024 * 1024;
const MAX_ARRAY_TOTAL_BYTES = 1024 * 1024 * 1024;
/** Read ahead this much of the file at a time. */
const WINDOW_BYTES = 8 * 1024 * 1024;

export type PartProblem = ArrayProblem | 'checksum' | 'packing' | 'text' | 'size' | 'unused' | 'trailing';

export type ContainerError = { code: 'backup.truncated' } | { code: 'backup.damaged'; part: number; problem: PartProblem } | { code: 'backup.newerContainer'; version: number };

export class ContainerStop extends Error {
  constructor(readonly error: ContainerError) {
    super(error.code);
  }
}

export function isContainer(head: Uint8Array): boolean {
  return head.length >= CONTAINER_MAGIC.length && CONTAINER_MAGIC.every((b, i) => head[i] === b);
}

const pipeBytes = (bytes: Uint8Array, stream: TransformStream<Uint8Array, Uint8Array>) => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(pipeBytes(bytes, new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>)).arrayBuffer());
}

function partHead(kind: number, codec: number, arrayKind: number, packing: number, count: number, size: number, length: number, crc: number): Uint8Array<ArrayBuffer> {
  const head = new Uint8Array(PART_HEAD_BYTES);
  const view = new DataView(head.buffer);
  head[0] = kind;
  head[1] = codec;
  head[2] = arrayKind;
  head[3] = packing;
  view.setUint32(4, count, true);
  view.setUint32(8, size, true);
  view.setUint32(12, length, true);
  view.setUint32(16, crc, true);
  return head;
}

/**
 * Builds a container file line by line. `row` turns a row into its JSON line and its typed arrays
 * into array parts; text is gathered and compressed a part at a time (the compressions run while
 * rows are still being read), so no giant string is ever built.
 */
export class ContainerWriter {
  #parts: (Blob | Promise<Blob>)[] = [];
  #lines: string[] = [];
  #chars = 0;
  #arrays = 0;
  #pendingArrays: Uint8Array[] = [];

  constructor() {
    const head = new Uint8Array(HEAD_BYTES);
    head.set(CONTAINER_MAGIC, 0);
    head[8] = CONTAINER_VERSION;
    this.#parts.push(new Blob([head]));
  }

  /** Stores a typed array as the next array part; returns its number for {"bin": n}. */
  array = (a: AnyTypedArray): number => {
    const e = encodeArray(a);
    // Raw bytes are a view of the row's own buffer: copied, as that buffer may be reused once the row is written.
    const bytes = e.codec === ArrayCodec.raw || e.codec === ArrayCodec.constant ? e.bytes.slice() : e.bytes;
    this.#pendingArrays.push(partHead(Kind.array, e.codec, e.kind, Packing.stored, e.count, bytes.length, bytes.length, crc32(bytes)), bytes);
    return this.#arrays++;
  };

  /** One or more whole lines of the JSON document (format.ts), without the last newline. */
  line(text: string): void {
    // Arrays a line names go before the text part that holds it (the lines still gathered are later still).
    if (this.#pendingArrays.length) {
      this.#parts.push(new Blob(this.#pendingArrays as Uint8Array<ArrayBuffer>[]));
      this.#pendingArrays = [];
    }
    this.#lines.push(text, '\n');
    this.#chars += text.length + 1;
    if (this.#chars >= TEXT_PART_CHARS) this.#flushText();
  }

  #flushText(): void {
    if (this.#lines.length === 0) return;
    const bytes = new TextEncoder().encode(this.#lines.join(''));
    this.#lines = [];
    this.#chars = 0;
    const crc = crc32(bytes);
    this.#parts.push(deflate(bytes).then((packed) => new Blob([partHead(Kind.text, 0, 0, Packing.deflate, 0, bytes.length, packed.length, crc), packed as Uint8Array<ArrayBuffer>])));
  }

  async finish(): Promise<Blob> {
    if (this.#pendingArrays.length) throw new Error('arrays stored after the last line');
    this.#flushText();
    this.#parts.push(new Blob([partHead(Kind.end, 0, 0, Packing.stored, this.#arrays, 0, 0, 0)]));
    return new Blob(await Promise.all(this.#parts), { type: 'application/octet-stream' });
  }
}

/** Reads a file ahead in windows and hands out its bytes in order. */
class Reader {
  #window = new Uint8Array(0);
  #windowAt = 0;
  at = 0;
  constructor(readonly file: Blob) {}

  async take(n: number): Promise<Uint8Array> {
    // A part that claims more than the file still holds: cut off (or lying), refused before reading.
    if (this.at + n > this.file.size) throw new ContainerStop({ code: 'backup.truncated' });
    const from = this.at - this.#windowAt;
    if (from < 0 || from + n > this.#window.length) {
      this.#window = new Uint8Array(await this.file.slice(this.at, this.at + Math.max(n, WINDOW_BYTES)).arrayBuffer());
      this.#windowAt = this.at;
    }
    const start = this.at - this.#windowAt;
    this.at += n;
    return this.#window.subarray(start, start + n);
  }
}

/** Inflates a part, never past its declared size (a small part must not unpack to gigabytes, nor make us allocate them). */
async function inflate(bytes: Uint8Array, size: number, part: number): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let total = 0;
  const reader = pipeBytes(bytes, new DecompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > size) throw new ContainerStop({ code: 'backup.damaged', part, problem: 'size' });
      pieces.push(value);
    }
  } catch (e) {
    if (e instanceof ContainerStop) {
      void reader.cancel().catch(() => {});
      throw e;
    }
    throw new ContainerStop({ code: 'backup.damaged', part, problem: 'packing' });
  }
  if (total !== size) throw new ContainerStop({ code: 'backup.damaged', part, problem: 'size' });
  if (pieces.length === 1) return pieces[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/**
 * The arrays of a container as they are read, for the rows that name them (typed-json's
 * ArrayShelf). `take` throws for a number not (yet) read, taken twice or of another kind.
 */
export class ContainerShelf implements ArrayShelf {
  readonly arrays: (AnyTypedArray | null)[] = [];
  readonly parts: number[] = [];

  take(index: number, kind: string): AnyTypedArray {
    const a = this.arrays[index];
    if (!a || a.constructor.name !== kind) throw new TypeError('bad array reference');
    this.arrays[index] = null;
    return a;
  }

  /** Throws for the first array no row named. */
  checkAllTaken(): void {
    const left = this.arrays.findIndex((a) => a !== null);
    if (left >= 0) throw new ContainerStop({ code: 'backup.damaged', part: this.parts[left]!, problem: 'unused' });
  }
}

/**
 * The JSON lines of a container file, in order; its arrays go onto `shelf` as they come.
 * Every part is checked (lengths, limits, checksum, codec) before anything of it is used.
 */
export async function* containerLines(file: Blob, shelf: ContainerShelf, onProgress?: (fraction: number) => void): AsyncGenerator<string> {
  const reader = new Reader(file);
  const head = await reader.take(HEAD_BYTES);
  if (!isContainer(head)) throw new ContainerStop({ code: 'backup.damaged', part: 0, problem: 'kind' });
  if (head[8]! > CONTAINER_VERSION) throw new ContainerStop({ code: 'backup.newerContainer', version: head[8]! });
  if (head[8] !== CONTAINER_VERSION) throw new ContainerStop({ code: 'backup.damaged', part: 0, problem: 'kind' });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const arrayBytesLimit = Math.min(MAX_ARRAY_TOTAL_BYTES, Math.max(MIN_ARRAY_TOTAL_BYTES, MAX_ARRAY_EXPANSION * file.size));
  let decodedBytes = 0;
  let rest = '';
  for (let part = 1; ; part++) {
    // A file that ends between parts, without its end part, was cut off there.
    if (reader.at === file.size) throw new ContainerStop({ code: 'backup.truncated' });
    const h = await reader.take(PART_HEAD_BYTES);
    const view = new DataView(h.buffer, h.byteOffset, PART_HEAD_BYTES);
    const [kind, codec, arrayKind, packing] = [h[0]!, h[1]!, h[2]!, h[3]!];
    const count = view.getUint32(4, true);
    const size = view.getUint32(8, true);
    const length = view.getUint32(12, true);
    const bad = (problem: PartProblem) => new ContainerStop({ code: 'backup.damaged', part, problem });
    if (kind === Kind.end) {
      if (size !== 0 || length !== 0 || count !== shelf.arrays.length) throw bad('length');
      if (reader.at !== file.size) throw bad('trailing');
      onProgress?.(1);
      break;
    }
    if (kind !== Kind.text && kind !== Kind.array) throw bad('kind');
    if (packing !== Packing.stored && packing !== Packing.deflate) throw bad('packing');
    if (size > MAX_PART_BYTES || length > MAX_PART_BYTES) throw bad('size');
    if (packing === Packing.stored && length !== size) throw bad('length');
    const stored = await reader.take(length);
    onProgress?.(reader.at / file.size);
    const bytes = packing === Packing.deflate ? await inflate(stored, size, part) : stored;
    if (crc32(bytes) !== view.getUint32(16, true)) throw bad('checksum');
    if (kind === Kind.array) {
      const name = arrayKinds[arrayKind];
      if (name === undefined) throw bad('kind');
      if (count > MAX_ARRAY_ELEMENTS) throw bad('size');
      decodedBytes += count * globalThis[name].BYTES_PER_ELEMENT;
      if (decodedBytes > arrayBytesLimit) throw bad('size');
      try {
        shelf.arrays.push(decodeArray(arrayKind, codec, count, bytes));
      } catch (e) {
        if (e instanceof ArrayDecodeError) throw bad(e.problem);
        throw e;
      }
      shelf.parts.push(part);
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw bad('text');
    }
    rest += text;
    let newline: number;
    let from = 0;
    while ((newline = rest.indexOf('\n', from)) >= 0) {
      yield rest.slice(from, newline);
      from = newline + 1;
    }
    rest = rest.slice(from);
  }
  if (rest !== '') yield rest;
}
