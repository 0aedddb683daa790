/**
 * A purchase line's identity, so importing the same file twice stores its lines once: a 53-bit
 * hash of order no., date, item, quantity, amount and customer reference, plus how many identical
 * lines came before it in the same batch (two identical lines in one order are two sales).
 * With a million lines the chance of any collision is about 1 in 18,000.
 */
import { CHUNK_LINES, splitColumns, summariseColumns, type PackedBatch, type PurchaseColumns } from './columns';

/** Final avalanche of cyrb53's two 32-bit states into one 53-bit number. */
function finish53(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4_294_967_296 * (2097151 & h2) + (h1 >>> 0);
}

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain). */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return finish53(h1, h2);
}

const float = new Float64Array(1);
const floatWords = new Uint32Array(float.buffer);

/** Hashes of a dictionary's strings, computed once per entry rather than once per line. */
const dictHashes = (dict: readonly string[]) => Float64Array.from(dict, (s) => hash53(s));

/** A 53-bit hash of a line's fields, mixed as numbers (no string is built per line). */
function mixLine(parts: Float64Array, occurrence: number): number {
  let h1 = 0xdeadbeef ^ occurrence;
  let h2 = 0x41c6ce57 ^ occurrence;
  for (let p = 0; p < parts.length; p++) {
    float[0] = parts[p]!;
    const lo = floatWords[0]!;
    const hi = floatWords[1]!;
    h1 = Math.imul(h1 ^ lo, 2654435761);
    h2 = Math.imul(h2 ^ lo, 1597334677);
    h1 = Math.imul(h1 ^ hi, 2654435761);
    h2 = Math.imul(h2 ^ hi, 1597334677);
  }
  return finish53(h1, h2);
}

/**
 * Keys for every line of `columns`, numbering identical lines in the order they appear. Pass the
 * same `seen` map for consecutive chunks of one batch so the numbering runs across them.
 * The parts are the texts' hashes and the numbers themselves, so identical lines in any chunk
 * (each with its own dictionaries) get the same key.
 */
export function lineKeys(columns: PurchaseColumns, seen?: Map<number, number>): Float64Array {
  const { keys, partsOf } = firstKeys(columns);
  // Only repeated lines need numbering. Without a running map they are found by sorting a copy:
  // natively sorted numbers cost far less than a map of a million entries.
  const repeated = seen ? null : repeatedKeys([keys]);
  if (!seen && !repeated) return keys;
  numberRepeats(keys, partsOf, seen ?? new Map<number, number>(), repeated);
  return keys;
}

/**
 * The keys of a batch's chunks in order, as `lineKeys` with one `seen` map across them gives
 * (restore: a million lines), but with the repeats found by one sort rather than a map entry per line.
 */
export function batchLineKeys(chunks: readonly PurchaseColumns[]): Float64Array[] {
  const firsts = chunks.map(firstKeys);
  const repeated = repeatedKeys(firsts.map((f) => f.keys));
  if (repeated) {
    const count = new Map<number, number>();
    for (const { keys, partsOf } of firsts) numberRepeats(keys, partsOf, count, repeated);
  }
  return firsts.map((f) => f.keys);
}

/** Every line's key as if it were the first of its kind, and the parts a key is mixed from. */
function firstKeys(columns: PurchaseColumns): { keys: Float64Array; partsOf: (i: number) => Float64Array } {
  const keys = new Float64Array(columns.length);
  const orders = dictHashes(columns.orderDict);
  const items = dictHashes(columns.itemDict);
  const refs = dictHashes(columns.customerRefDict);
  const parts = new Float64Array(6);
  const partsOf = (i: number) => {
    const order = columns.orderNo[i]!;
    const item = columns.itemNo[i]!;
    const ref = columns.customerRef[i]!;
    parts[0] = order >= 0 ? orders[order]! : -1;
    parts[1] = columns.day[i]!;
    parts[2] = item >= 0 ? items[item]! : -1;
    parts[3] = columns.quantity[i]!;
    parts[4] = columns.amount[i]!;
    parts[5] = ref >= 0 ? refs[ref]! : -1;
    return parts;
  };
  for (let i = 0; i < columns.length; i++) keys[i] = mixLine(partsOf(i), 0);
  return { keys, partsOf };
}

/** Keys that occur more than once across `lists`, or null when none does. */
function repeatedKeys(lists: readonly Float64Array[]): Set<number> | null {
  const all = new Float64Array(lists.reduce((n, k) => n + k.length, 0));
  let at = 0;
  for (const k of lists) {
    all.set(k, at);
    at += k.length;
  }
  all.sort();
  let repeated: Set<number> | null = null;
  for (let i = 1; i < all.length; i++) if (all[i] === all[i - 1]) (repeated ??= new Set()).add(all[i]!);
  return repeated;
}

/** Numbers identical lines in order (the second gets occurrence 1, …); `repeated` limits the map to keys that repeat. */
function numberRepeats(keys: Float64Array, partsOf: (i: number) => Float64Array, count: Map<number, number>, repeated: Set<number> | null): void {
  for (let i = 0; i < keys.length; i++) {
    const base = keys[i]!;
    if (repeated && !repeated.has(base)) continue;
    const occurrence = count.get(base) ?? 0;
    count.set(base, occurrence + 1);
    if (occurrence > 0) keys[i] = mixLine(partsOf(i), occurrence);
  }
}

/** Everything storing a batch needs, computed away from the page (in the import worker). */
export function packBatch(columns: PurchaseColumns, keys: Float64Array = lineKeys(columns)): PackedBatch {
  const orderNumbers: Int32Array[] = [];
  return { pieces: splitColumns(columns, CHUNK_LINES, orderNumbers), summary: summariseColumns(columns), keys, orderNumbers };
}
