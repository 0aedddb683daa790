/**
 * A purchase line's identity, so importing the same file twice stores its lines once: a 53-bit
 * hash of order no., date, item, quantity, amount and customer reference, plus how many identical
 * lines came before it in the same batch (two identical lines in one order are two sales).
 * With a million lines the chance of any collision is about 1 in 18,000.
 */
import { CHUNK_LINES, splitColumns, summariseColumns, type PackedBatch, type PurchaseColumns } from './columns';

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain). */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const text = (dict: string[], i: number) => (i >= 0 ? dict[i]! : '');

/**
 * Keys for every line of `columns`, numbering identical lines in the order they appear. Pass the
 * same `seen` map for consecutive chunks of one batch so the numbering runs across them.
 * The first of identical lines keys as its content's hash; repeats add their number to it.
 */
export function lineKeys(columns: PurchaseColumns, seen = new Map<number, number>()): Float64Array {
  const keys = new Float64Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const base = `${text(columns.orderDict, columns.orderNo[i]!)}\u0001${columns.day[i]}\u0001${text(columns.itemDict, columns.itemNo[i]!)}\u0001${columns.quantity[i]}\u0001${columns.amount[i]}\u0001${text(columns.customerRefDict, columns.customerRef[i]!)}`;
    const hash = hash53(base);
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    keys[i] = occurrence === 0 ? hash : hash53(`${base}\u0001${occurrence}`);
  }
  return keys;
}

/** Everything storing a batch needs, computed away from the page (in the import worker). */
export function packBatch(columns: PurchaseColumns, keys: Float64Array = lineKeys(columns)): PackedBatch {
  return { pieces: splitColumns(columns, CHUNK_LINES), summary: summariseColumns(columns), keys };
}
