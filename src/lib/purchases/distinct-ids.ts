/**
 * How many distinct customer ids were added, without a set: the app numbers customers from 1, so a
 * bit per id up to the highest seen is a few kilobytes at 100,000 customers, where a set cost most of
 * the KPI basis's count (three sets, a million adds each). An id past BIT_LIMIT (a hand-made file) or
 * below 0 goes to a set.
 */
import { widen } from './order-index';

const BIT_LIMIT = 1 << 22;

export class DistinctIds {
  #bits = new Uint8Array(256);
  #others: Set<number> | null = null;
  size = 0;

  add(id: number): void {
    if (id >= 0 && id < BIT_LIMIT) {
      const byte = id >>> 3;
      if (byte >= this.#bits.length) this.#bits = widen(this.#bits, Math.max(this.#bits.length * 2, byte + 1));
      const bit = 1 << (id & 7);
      if (this.#bits[byte]! & bit) return;
      this.#bits[byte]! |= bit;
      this.size++;
      return;
    }
    const others = (this.#others ??= new Set());
    if (others.has(id)) return;
    others.add(id);
    this.size++;
  }
}
