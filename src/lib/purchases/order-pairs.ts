/**
 * Distinct (order, key) pairs counted without a set of pairs: per global order number (OrderIndex)
 * its first two keys in arrays, a third or later in a set per order, which is slow per pair. Most
 * orders name one customer and a till export may name two, so almost every pair is an array look-up.
 * A key is any number exact as a double (a customer slot; a month and a customer id together).
 */
import { widen } from './order-index';

export class OrderPairs {
  #one = new Float64Array(1_024).fill(NaN);
  #two = new Float64Array(1_024).fill(NaN);
  readonly #more = new Map<number, Set<number>>();

  /** Room for orders numbered below `size` (call before a chunk's lines). */
  fit(size: number): void {
    if (this.#one.length >= size) return;
    const n = Math.max(this.#one.length * 2, size);
    this.#one = widen(this.#one, n, NaN);
    this.#two = widen(this.#two, n, NaN);
  }

  /** Whether `key` is seen with order `order` for the first time (and remembers it). */
  first(order: number, key: number): boolean {
    const a = this.#one[order]!;
    if (a === key) return false;
    if (a !== a) return ((this.#one[order] = key), true); // NaN: a free place
    const b = this.#two[order]!;
    if (b === key) return false;
    if (b !== b) return ((this.#two[order] = key), true);
    const more = this.#more.get(order) ?? this.#more.set(order, new Set()).get(order)!;
    if (more.has(key)) return false;
    more.add(key);
    return true;
  }
}
