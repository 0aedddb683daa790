/**
 * Order numbers across chunks, each chunk having its own order dictionary: every distinct order
 * no. gets one global number. Counting distinct orders per customer needs it; building it is the
 * dearest step of that count (a map of every order text), so the analysis worker keeps one per
 * loaded store and every count reuses it.
 */
import type { PurchaseColumns } from './columns';

export class OrderIndex {
  // Null while restored from a kept numbering and no new chunk came: built on the first one.
  private numbers: Map<string, number> | null = new Map<string, number>();
  private count = 0;
  private byChunk = new WeakMap<PurchaseColumns, Int32Array>();
  /** The chunks numbered, in order, with their numbers (to keep, and to rebuild `numbers` from). */
  private numbered: [PurchaseColumns, Int32Array][] = [];

  /** How many distinct order nos. have been numbered. */
  get size(): number {
    return this.count;
  }

  /** The batch whose own numbering this index took (`adopt`), while it holds no other chunk. */
  private adopted: object | null = null;

  /**
   * Numbers a chunk by its batch's own numbering (PackedBatch orderNumbers) without reading an
   * order text: only while every chunk this index numbered came from that same batch (an import
   * into an empty store), when the batch's numbers are the global ones. Answers whether it did;
   * when not, `of` numbers the chunk by its texts.
   */
  adopt(chunk: PurchaseColumns, batch: object, ids: Int32Array): boolean {
    if (this.byChunk.has(chunk)) return true;
    if (this.adopted !== batch && (this.count > 0 || this.numbered.length > 0)) return false;
    if (ids.length !== chunk.orderDict.length) return false;
    this.adopted = batch;
    // The texts' map is built from the numbered chunks if another chunk comes.
    this.numbers = null;
    for (const g of ids) if (g >= this.count) this.count = g + 1;
    this.byChunk.set(chunk, ids);
    this.numbered.push([chunk, ids]);
    return true;
  }

  /** The global number of each entry of the chunk's order dictionary. */
  of(chunk: PurchaseColumns): Int32Array {
    let ids = this.byChunk.get(chunk);
    if (!ids) {
      this.adopted = null;
      const numbers = this.numberMap();
      ids = new Int32Array(chunk.orderDict.length);
      for (let o = 0; o < ids.length; o++) {
        const text = chunk.orderDict[o]!;
        let g = numbers.get(text);
        if (g === undefined) {
          g = this.count++;
          numbers.set(text, g);
        }
        ids[o] = g;
      }
      this.byChunk.set(chunk, ids);
      this.numbered.push([chunk, ids]);
    }
    return ids;
  }

  private numberMap(): Map<string, number> {
    if (this.numbers) return this.numbers;
    const numbers = new Map<string, number>();
    for (const [chunk, ids] of this.numbered) for (let o = 0; o < ids.length; o++) numbers.set(chunk.orderDict[o]!, ids[o]!);
    return (this.numbers = numbers);
  }

  /** The numbering of these chunks (each numbered now if not yet), to keep and restore with the same chunks. */
  keep(chunks: readonly PurchaseColumns[]): KeptOrderNumbers {
    const ids = chunks.map((c) => this.of(c));
    return { size: this.count, ids };
  }

  /**
   * The index as kept for these chunks (the same chunks in the same order), without reading an
   * order text; null when the kept numbering does not fit them (then number them afresh).
   */
  static restore(chunks: readonly PurchaseColumns[], kept: KeptOrderNumbers): OrderIndex | null {
    if (kept.ids.length !== chunks.length) return null;
    for (let k = 0; k < chunks.length; k++) if (kept.ids[k]!.length !== chunks[k]!.orderDict.length) return null;
    const index = new OrderIndex();
    index.numbers = null;
    index.count = kept.size;
    chunks.forEach((c, k) => {
      index.byChunk.set(c, kept.ids[k]!);
      index.numbered.push([c, kept.ids[k]!]);
    });
    return index;
  }
}

/** An order numbering as kept across visits: per chunk, its dictionary's global numbers. */
export interface KeptOrderNumbers {
  size: number;
  ids: Int32Array[];
}

/**
 * Customer ids → dense slots 0, 1, 2… in order of first sight. Ids are the store's own
 * autoincrement numbers, so a typed array indexed by id beats a Map; an id past the array's
 * reach (a restored foreign backup) falls back to one.
 */
export class CustomerSlots {
  private byId = new Int32Array(1024);
  private far = new Map<number, number>();
  ids = new Int32Array(1024);
  count = 0;
  private static readonly REACH = 1 << 24;

  /** The customer's slot, or -1. */
  find(id: number): number {
    if (id < CustomerSlots.REACH) return id < this.byId.length ? this.byId[id]! - 1 : -1;
    return this.far.get(id) ?? -1;
  }

  /** The customer's slot, given one if new (`onGrow` is told the new capacity first). */
  slot(id: number, onGrow: (capacity: number) => void): number {
    const found = this.find(id);
    if (found >= 0) return found;
    const k = this.count++;
    if (k === this.ids.length) {
      const wider = new Int32Array(this.ids.length * 2);
      wider.set(this.ids);
      this.ids = wider;
      onGrow(wider.length);
    }
    this.ids[k] = id;
    if (id < CustomerSlots.REACH) {
      if (id >= this.byId.length) {
        const wider = new Int32Array(Math.max(id + 1, this.byId.length * 2));
        wider.set(this.byId);
        this.byId = wider;
      }
      this.byId[id] = k + 1;
    } else this.far.set(id, k);
    return k;
  }
}

/** A typed array twice as long, holding the old values (and `fill` after them). */
export function widen<T extends Int32Array | Float64Array | Uint8Array>(a: T, length: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
