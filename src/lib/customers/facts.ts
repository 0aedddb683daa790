/**
 * Scoring facts: the per-customer stats (lib/customers/stats) with what the scorings derive from
 * them (RFM's input columns sorted once, the ABC ranking). Not the tags' CustomerFacts (lib/tags/facts,
 * what a group tests about one customer). The analysis worker keeps one per lines version (and per
 * RFM period), so a re-score (another method, preset, cut or rule set) redoes only the scoring; new
 * lines come with new facts, so nothing derived from older lines is ever reused.
 */
import type { CustomerStats } from './stats';

export class ScoringFacts {
  /** Derived columns by key, least recently used first. */
  readonly #derived = new Map<string, unknown>();

  /** `keep`: how many derived values are held at once (each a few columns of the customer count). */
  constructor(
    readonly stats: CustomerStats,
    private readonly keep = 24,
  ) {}

  /** What `build` gives for `key`, built on first use. The value is shared: callers never change it. */
  derived<T>(key: string, build: () => T): T {
    if (this.#derived.has(key)) {
      const found = this.#derived.get(key) as T;
      this.#derived.delete(key); // re-inserted below: most recently used last
      this.#derived.set(key, found);
      return found;
    }
    const value = build();
    if (this.#derived.size >= this.keep) this.#derived.delete(this.#derived.keys().next().value as string);
    this.#derived.set(key, value);
    return value;
  }

  /** How many derived values are held (tests). */
  get held(): number {
    return this.#derived.size;
  }
}

/** The facts of `stats`, or the facts given (a caller without a cache scores from scratch). */
export const factsOf = (from: CustomerStats | ScoringFacts): ScoringFacts => (from instanceof ScoringFacts ? from : new ScoringFacts(from));
