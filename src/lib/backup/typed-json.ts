/**
 * JSON that carries typed arrays exactly. Format 1 wrote each as {"$typed": kind, "b64": bytes}
 * (base64 of the raw bytes: a third the size of a number list, every float bit for bit); the
 * container (format 2, container.ts) writes {"$typed": kind, "bin": n}: the n-th array part of
 * the file, in binary. The reader takes both.
 */
import type { AnyTypedArray } from './binary';

const kinds = { Int32Array, Float64Array, Uint8Array, Uint16Array, Uint32Array, Float32Array, Int16Array, Int8Array } as const;
type Kind = keyof typeof kinds;

// The engine's own base64 (Chromium 140+, not Node 20): several times faster on a backup's megabytes.
type NativeBase64 = { toBase64?: (this: Uint8Array) => string };
type NativeFromBase64 = { fromBase64?: (text: string) => Uint8Array };
const nativeTo = (Uint8Array.prototype as NativeBase64).toBase64;
const nativeFrom = (Uint8Array as unknown as NativeFromBase64).fromBase64;

function toBase64(bytes: Uint8Array): string {
  if (nativeTo) return nativeTo.call(bytes);
  let binary = '';
  // fromCharCode takes arguments; 32 k at a time stays under every engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  // Native and fallback refuse the same inputs (bad characters, bad length); both throw, as before.
  if (nativeFrom) return nativeFrom(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function replacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const kind = value.constructor.name as Kind;
    if (!(kind in kinds)) throw new TypeError(`cannot encode ${kind}`);
    return { $typed: kind, b64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  return value;
}

/** Thrown by `parseTypedJson` for a typed-array entry that cannot be decoded. */
export class TypedJsonError extends Error {
  readonly code = 'typedJson.bad';
}

/** The arrays of a container file, each handed out once, to the row that names it. */
export interface ArrayShelf {
  take(index: number, kind: string): AnyTypedArray;
}

function typedFrom(value: object, shelf: ArrayShelf | undefined): AnyTypedArray {
  const { $typed, b64, bin } = value as { $typed: unknown; b64: unknown; bin: unknown };
  if (typeof $typed !== 'string' || !($typed in kinds)) throw new TypedJsonError('bad typed array');
  if (b64 === undefined && shelf && Number.isSafeInteger(bin)) return shelf.take(bin as number, $typed);
  if (typeof b64 !== 'string') throw new TypedJsonError(`bad typed array`);
  const Ctor = kinds[$typed as Kind];
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(b64);
  } catch {
    throw new TypedJsonError('bad base64');
  }
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) throw new TypedJsonError('bad length');
  return new Ctor(bytes.buffer as ArrayBuffer);
}

/**
 * Replaces every {"$typed": …} in a parsed row by its array. A walk after a plain parse rather
 * than a JSON.parse reviver: the reviver is called for every value (a chunk's thousands of
 * order numbers) and costs several times the parse itself.
 */
function revive(value: unknown, shelf: ArrayShelf | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') value[i] = revive(item, shelf);
    }
    return value;
  }
  if ('$typed' in value) return typedFrom(value, shelf);
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (item === null || typeof item !== 'object') continue;
    const revived = revive(item, shelf);
    if (revived !== item) record[key] = revived;
  }
  return value;
}

/** Whether a row holds a typed array: JSON without a replacer is several times faster. */
function holdsTyped(value: unknown, depth = 8): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (ArrayBuffer.isView(value)) return true;
  // Deeper than any row goes: let the replacer look.
  if (depth === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && holdsTyped(item, depth - 1)) return true;
    return false;
  }
  for (const key in value) if (holdsTyped((value as Record<string, unknown>)[key], depth - 1)) return true;
  return false;
}

export const stringifyTyped = (value: unknown): string => JSON.stringify(value, replacer);

/** JSON with each typed array replaced by {"$typed": kind, "bin": n}, n from `store` (which keeps the array). */
export function stringifyBinary(value: unknown, store: (array: AnyTypedArray) => number): string {
  if (!holdsTyped(value)) return JSON.stringify(value);
  return JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const kind = v.constructor.name;
      if (!(kind in kinds)) throw new TypeError(`cannot encode ${kind}`);
      return { $typed: kind, bin: store(v as AnyTypedArray) };
    }
    return v;
  });
}

/** Parses one row; `shelf` gives the arrays of a container file. A line without "$typed" needs no walk. */
export function parseTyped(text: string, shelf?: ArrayShelf): unknown {
  const value: unknown = JSON.parse(text);
  return text.includes('"$typed"') ? revive(value, shelf) : value;
}
