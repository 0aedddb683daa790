/**
 * The stored purchase lines as the analysis engine holds them: every chunk as typed arrays and the
 * per-customer facts (lib/customers/stats, lib/customers/facts) counted from them, for one stored
 * version: every scoring of that version shares them, and a new version never sees them. When the
 * version changes only by added batches (an import) their chunks alone are read and added to the
 * facts; any other change (a batch undone, lines moved by a merge or linked to customers: see
 * data/purchases markLinesChanged) reloads everything.
 */
import { statsAccumulator, type CustomerStats } from '../lib/customers/stats';
import { ScoringFacts } from '../lib/customers/facts';
import { OrderIndex } from '../lib/purchases/order-index';
import type { PurchaseColumns } from '../lib/purchases/columns';
import type { KeqingDb } from '../data/db';
import { addedBatches, readBatchColumns, storedBatches, versionOf, type BatchMarks } from '../data/purchases';

export interface Loaded {
  version: string;
  batches: BatchMarks;
  chunks: PurchaseColumns[];
  // Order nos. numbered once per loaded store: every count over the lines reuses the numbering.
  orderIndex: OrderIndex;
  stats: CustomerStats;
  /** `stats` with what the scorings derive from them (lib/customers/facts), for this version only. */
  facts: ScoringFacts;
  /** Facts per RFM request shape (another date or period), least recently used first; new with every version. */
  rfmFacts: Map<string, ScoringFacts>;
}

interface Held extends Loaded {
  accumulator: ReturnType<typeof statsAccumulator>;
}

export class LinesStore {
  #held: Held | null = null;
  #loading: { version: string; done: Promise<Held> } | null = null;
  /** How the store was brought up to date, for tests and the bench: full reads and added batches. */
  readonly counts = { full: 0, incremental: 0 };

  constructor(private readonly db: KeqingDb) {}

  async #full(batches: BatchMarks): Promise<Held> {
    this.counts.full++;
    const orderIndex = new OrderIndex();
    const accumulator = statsAccumulator(Infinity, {}, orderIndex);
    // Only the batches of this version: one stored meanwhile comes with the next version, not twice.
    const chunks = await readBatchColumns(this.db, [...batches.keys()], (read) => read.forEach((c) => accumulator.add(c)));
    const stats = accumulator.result();
    return { version: versionOf(batches), batches, chunks, orderIndex, accumulator, stats, facts: new ScoringFacts(stats), rfmFacts: new Map() };
  }

  async #extend(from: Held, batches: BatchMarks, added: number[]): Promise<Held> {
    this.counts.incremental++;
    const more = await readBatchColumns(this.db, added, (read) => read.forEach((c) => from.accumulator.add(c)));
    const stats = from.accumulator.result();
    return { ...from, version: versionOf(batches), batches, chunks: [...from.chunks, ...more], stats, facts: new ScoringFacts(stats), rfmFacts: new Map() };
  }

  /**
   * The lines as stored now. The version is read on every question (a few batch rows), so an answer
   * never comes from lines older than the write the page just made. One load is shared by every
   * question that waits for it; cancelling a question does not stop the load.
   */
  async current(): Promise<Loaded> {
    for (;;) {
      const batches = await storedBatches(this.db);
      const version = versionOf(batches);
      if (this.#held?.version === version) return this.#held;
      const loading = this.#loading;
      if (loading) {
        // One load at a time: an extension adds to the held accumulator, so the next starts from its end.
        const l = await loading.done.catch(() => null);
        if (l?.version === version) return l;
        continue;
      }
      const base = this.#held;
      const added = base ? addedBatches(base.batches, batches) : null;
      const next = { version, done: base && added ? this.#extend(base, batches, added) : this.#full(batches) };
      this.#loading = next;
      let l: Held;
      try {
        l = await next.done;
      } catch (e) {
        // A half-extended accumulator cannot be trusted: the next question reads everything again.
        this.#held = null;
        throw e;
      } finally {
        this.#loading = null;
      }
      return (this.#held = l);
    }
  }
}
