/**
 * Row hashes seen so far, each with the line it was first seen on, in typed arrays: a million
 * rows in a Map of 52-bit numbers is a million boxed keys for the collector, several times slower.
 * Open addressing over the hashes' low bits (they are well mixed); the first sightings stay in the
 * order they came, which is what `Converted.firstRows` lists.
 */
export class FirstSeen {
  private slots: Int32Array; // index + 1 into hashes/lines; 0 = empty
  private mask: number;
  private hashes: Float64Array;
  private lines: Int32Array;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.hashes = new Float64Array(Math.max(16, expected));
    this.lines = new Int32Array(this.hashes.length);
  }

  /** All of `first`'s rows (a part's `firstRows`), in their order; room made for `more` to come. */
  static of(first: { hash: Float64Array; line: Int32Array }, more = 0): FirstSeen {
    const seen = new FirstSeen(first.hash.length + more);
    for (let i = 0; i < first.hash.length; i++) seen.add(first.hash[i]!, first.line[i]!);
    return seen;
  }

  /** The line `hash` was first seen on, or -1 (and it is remembered as seen on `line`). */
  add(hash: number, line: number): number {
    let slot = (hash >>> 0) & this.mask;
    for (;;) {
      const at = this.slots[slot]!;
      if (at === 0) break;
      if (this.hashes[at - 1] === hash) return this.lines[at - 1]!;
      slot = (slot + 1) & this.mask;
    }
    if (this.size === this.hashes.length) {
      const hashes = new Float64Array(this.size * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const lines = new Int32Array(this.size * 2);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.hashes[this.size] = hash;
    this.lines[this.size] = line;
    this.slots[slot] = ++this.size;
    // At most half full, so probes stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    return -1;
  }

  /** The line `hash` was first seen on, or -1. */
  get(hash: number): number {
    for (let slot = (hash >>> 0) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.slots[slot]!;
      if (at === 0) return -1;
      if (this.hashes[at - 1] === hash) return this.lines[at - 1]!;
    }
  }

  /** The first sightings in the order they came, as `Converted.firstRows`. */
  list(): { hash: Float64Array; line: Int32Array } {
    return { hash: this.hashes.slice(0, this.size), line: this.lines.slice(0, this.size) };
  }

  private rehash() {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = (this.hashes[i]! >>> 0) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
