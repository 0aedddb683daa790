/**
 * Typed arrays as compact bytes for the backup container (container.ts). A purchase chunk's
 * columns are mostly small integers (days in order, order numbers counting up, prices in fen,
 * quantities of 1–3) or one value throughout (no points: NaN; no source reference: -1), so each
 * array is written the smallest of four ways:
 *   raw       its bytes as they are (little-endian, as every browser stores them)
 *   constant  one element's bytes, repeated `count` times
 *   varint    each value zigzag-encoded (small magnitudes, either sign, in few bytes) as a LEB128 varint
 *   delta     the same for the difference from the previous value (sorted or counting columns)
 * The integer forms apply to Int32 and Uint32 arrays (their 32 bits), and to Float64 arrays whose
 * every value is a whole number in the int32 range (not -0): those decode to the same doubles.
 * Everything here is plain arithmetic on bytes: several times faster than base64 text and gzip,
 * and the result needs no further compression.
 */

export const arrayKinds = ['Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array'] as const;
export type ArrayKind = (typeof arrayKinds)[number];
export type AnyTypedArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

const constructors = { Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array } as const;

export const ArrayCodec = { raw: 0, constant: 1, varint: 2, delta: 3 } as const;
export type ArrayCodecId = (typeof ArrayCodec)[keyof typeof ArrayCodec];

export interface EncodedArray {
  /** Index in `arrayKinds`. */
  kind: number;
  codec: ArrayCodecId;
  count: number;
  bytes: Uint8Array;
}

/** The kind index of a typed array, or -1 for anything else (a DataView, a BigInt64Array). */
export function arrayKindOf(value: unknown): number {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return -1;
  return arrayKinds.indexOf(value.constructor.name as ArrayKind);
}

const bytesOf = (a: AnyTypedArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The array's values as int32 (their bits for Uint32), or null when a value is not a whole int32. */
function asInt32(a: AnyTypedArray): Int32Array | null {
  if (a instanceof Int32Array) return a;
  if (a instanceof Uint32Array) return new Int32Array(a.buffer, a.byteOffset, a.length);
  if (!(a instanceof Float64Array)) return null;
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    // (v | 0) === v excludes NaN, ±Infinity, fractions and values outside int32; -0 would come back as 0.
    if ((v | 0) !== v || (v === 0 && 1 / v < 0)) return null;
    out[i] = v;
  }
  return out;
}

function isConstant(a: AnyTypedArray): boolean {
  if (a.length < 2) return false;
  const size = a.BYTES_PER_ELEMENT;
  // Compare bit patterns (NaN equals NaN here), a 32-bit word at a time where the element allows.
  const words = size >= 4 && a.byteOffset % 4 === 0 ? new Int32Array(a.buffer, a.byteOffset, a.byteLength / 4) : bytesOf(a);
  const period = words.length / a.length;
  for (let i = period; i < words.length; i++) if (words[i] !== words[i - period]) return false;
  return true;
}

const zigzag = (d: number) => ((d << 1) ^ (d >> 31)) >>> 0;
const varintSize = (z: number) => (z < 0x80 ? 1 : z < 0x4000 ? 2 : z < 0x200000 ? 3 : z < 0x10000000 ? 4 : 5);

function writeVarints(ints: Int32Array, delta: boolean, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  let prev = 0;
  for (let i = 0; i < ints.length; i++) {
    const v = ints[i]!;
    let z = zigzag(delta ? (v - prev) | 0 : v);
    prev = v;
    while (z >= 0x80) {
      out[at++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    out[at++] = z;
  }
  return out;
}

export function encodeArray(a: AnyTypedArray): EncodedArray {
  const kind = arrayKindOf(a);
  if (kind < 0) throw new TypeError(`cannot encode ${a.constructor.name}`);
  const raw = { kind, codec: ArrayCodec.raw, count: a.length, bytes: bytesOf(a) } satisfies EncodedArray;
  if (isConstant(a)) return { kind, codec: ArrayCodec.constant, count: a.length, bytes: bytesOf(a.subarray(0, 1)) };
  const ints = asInt32(a);
  if (!ints) return raw;
  let plain = 0;
  let deltas = 0;
  let prev = 0;
  for (let i = 0; i < ints.length; i++) {
    const v = ints[i]!;
    plain += varintSize(zigzag(v));
    deltas += varintSize(zigzag((v - prev) | 0));
    prev = v;
  }
  if (Math.min(plain, deltas) >= a.byteLength) return raw;
  return deltas < plain ? { kind, codec: ArrayCodec.delta, count: a.length, bytes: writeVarints(ints, true, deltas) } : { kind, codec: ArrayCodec.varint, count: a.length, bytes: writeVarints(ints, false, plain) };
}

/** Why an array's bytes were refused (a damaged or hand-made file). */
export type ArrayProblem = 'kind' | 'codec' | 'length' | 'numbers';

export class ArrayDecodeError extends Error {
  constructor(readonly problem: ArrayProblem) {
    super(`backup array: ${problem}`);
  }
}

/**
 * The array `encodeArray` wrote. Refuses, never guesses: an unknown kind or codec, a byte count
 * that does not fit the element count, a varint that runs on or past the end, a value outside
 * the column's type (checked by the codec's arithmetic: an int32 decodes only to an int32).
 */
export function decodeArray(kind: number, codec: number, count: number, bytes: Uint8Array): AnyTypedArray {
  const name = arrayKinds[kind];
  if (name === undefined) throw new ArrayDecodeError('kind');
  const Ctor = constructors[name];
  const size = Ctor.BYTES_PER_ELEMENT;
  if (codec === ArrayCodec.raw) {
    if (bytes.length !== count * size) throw new ArrayDecodeError('length');
    // A copy, so the array owns an aligned buffer of its own (not a window on the whole file).
    return new Ctor(bytes.slice().buffer);
  }
  if (codec === ArrayCodec.constant) {
    if (bytes.length !== size || count < 2) throw new ArrayDecodeError('length');
    const out = new Uint8Array(count * size);
    for (let at = 0; at < out.length; at += size) out.set(bytes, at);
    return new Ctor(out.buffer);
  }
  if (codec !== ArrayCodec.varint && codec !== ArrayCodec.delta) throw new ArrayDecodeError('codec');
  if (name !== 'Int32Array' && name !== 'Uint32Array' && name !== 'Float64Array') throw new ArrayDecodeError('codec');
  // Every value takes at least one byte: a count beyond the bytes is a lie, caught before allocating.
  if (count > bytes.length) throw new ArrayDecodeError('length');
  // Doubles are written straight into their own array (no int32 copy on the way).
  const out = name === 'Float64Array' ? new Float64Array(count) : new Int32Array(count);
  readVarints(bytes, out, codec === ArrayCodec.delta);
  return name === 'Uint32Array' ? new Uint32Array(out.buffer) : out;
}

function readVarints(bytes: Uint8Array, out: Int32Array | Float64Array, delta: boolean): void {
  let at = 0;
  let prev = 0;
  for (let i = 0; i < out.length; i++) {
    let z = 0;
    let shift = 0;
    for (;;) {
      if (at >= bytes.length) throw new ArrayDecodeError('length');
      const b = bytes[at++]!;
      // A fifth byte carries the top 4 bits of 32; more than that is no int32.
      if (shift === 28 && b > 0x0f) throw new ArrayDecodeError('numbers');
      z |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    const d = (z >>> 1) ^ -(z & 1);
    prev = delta ? (prev + d) | 0 : d;
    out[i] = prev;
  }
  if (at !== bytes.length) throw new ArrayDecodeError('length');
}

let crcTables: Uint32Array[] | null = null;

/** CRC-32 (the zip and gzip one): catches a changed byte in a part. Four bytes a step ("slicing by 4"). */
export function crc32(bytes: Uint8Array): number {
  const [t0, t1, t2, t3] = (crcTables ??= crcTablesFor());
  let crc = 0xffffffff;
  let i = 0;
  for (const end = bytes.length - 3; i < end; i += 4) {
    crc ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    crc = t3![crc & 0xff]! ^ t2![(crc >>> 8) & 0xff]! ^ t1![(crc >>> 16) & 0xff]! ^ t0![crc >>> 24]!;
  }
  for (; i < bytes.length; i++) crc = t0![(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function crcTablesFor(): Uint32Array[] {
  const t0 = Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const tables = [t0];
  for (let k = 1; k < 4; k++) tables.push(tables[k - 1]!.map((c) => (c >>> 8) ^ t0[c & 0xff]!));
  return tables;
}
