/**
 * The stored purchase lines as the analysis engine holds them: every chunk as typed arrays and the
 * per-customer facts (lib/customers/stats, lib/customers/facts) counted from them, for one stored
 * version: every scoring of that version shares them, and a new version never sees them. When the
 * version changes only by added batches (an import) their chunks alone are read and added to the
 * facts; any other change (a batch undone, lines moved by a merge or linked to customers: see
 * data/purchases markLinesChanged) reloads everything.
 *
 * What the stats pass and the order numbering produce is kept in the engine cache with the version
 * it was counted for (issue 17 §2): a reopened app reads the chunks but counts nothing, and the
 * stats alone are an answer before the chunks are read.
 *
 * An import's lines are counted while the page writes them (`ahead`): the engine is idle then, and
 * a tab opened the moment the import ends would otherwise wait for that count. The count is taken
 * only when the stored version is the held one plus exactly that batch; a batch never stored
 * leaves nothing behind but the held lines' counting state, which the next change counts afresh.
 */
import { statsAccumulator, type CustomerStats } from '../lib/customers/stats';
import { ScoringFacts } from '../lib/customers/facts';
import { OrderIndex, type KeptOrderNumbers } from '../lib/purchases/order-index';
import type { PurchaseColumns } from '../lib/purchases/columns';
import { BasisCounter, type PurchaseBasis } from '../lib/kpi/purchases';
import type { KeqingDb } from '../data/db';
import { cachedFor, storeCached } from '../data/engine-cache';
import { claimLock, withLock, type Claim } from '../data/locks';
import { nextTask } from './rpc';
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
  /** The KPI figures' basis per months asked (lib/kpi/purchases basisKey), for these lines only. */
  kpiBasis: Map<string, Promise<PurchaseBasis>>;
  /** The basis counted for every month along with an import's count (`ahead`) for these lines, else null. */
  kpiCounter: Promise<BasisCounter> | null;
}

/** Engine-cache keys of the kept stats and order numbering (each row carries the lines version). */
export const KEPT_STATS = 'lines.stats';
export const KEPT_ORDERS = 'lines.orders';

type Accumulator = ReturnType<typeof statsAccumulator>;

/** What a new version's stats start with: the scorings' facts, and nothing derived yet but an import's basis counted along. */
const derivedFrom = (stats: CustomerStats, kpiCounter: Promise<BasisCounter> | null = null): Pick<Loaded, 'facts' | 'rfmFacts' | 'kpiBasis' | 'kpiCounter'> => ({
  facts: new ScoringFacts(stats),
  rfmFacts: new Map(),
  kpiBasis: new Map(),
  kpiCounter,
});

interface Held extends Loaded {
  /**
   * Null when the stats were kept ones (built from the held chunks when an import adds to them) or
   * when a count has taken it (it adds to it in place): whoever adds next counts afresh.
   */
  accumulator: Accumulator | null;
}

/** The held lines with a batch not stored yet added, counted (`ahead`). */
export interface CountedAhead {
  base: Held;
  chunks: PurchaseColumns[];
  orderIndex: OrderIndex;
  accumulator: Accumulator;
  stats: CustomerStats;
  /** The KPI basis of the same lines, for every month: the held lines' chunks are added after the batch's. */
  kpiCounter: Promise<BasisCounter>;
}

interface Ahead {
  token: number;
  columns: PurchaseColumns[];
  /** The batch's own order numbering, per column (PackedBatch orderNumbers), when it came with them. */
  orderNumbers: (Int32Array | undefined)[];
  /** Whether the last part came. */
  complete: boolean;
  /** The batch's id once the page has stored it. */
  batchId?: number;
  counted?: Promise<CountedAhead | null>;
  /** Wakes the count waiting for more parts. */
  wake?: () => void;
}

export class LinesStore {
  #held: Held | null = null;
  #loading: { version: string; done: Promise<Held> } | null = null;
  /** How the store was brought up to date, for tests and the bench: full reads and added batches. */
  readonly counts = { full: 0, incremental: 0 };
  /** Full loads that took the kept stats and order numbering instead of counting. */
  reused = 0;
  #kept: { version: string; stats: Promise<CustomerStats | undefined> } | null = null;
  #saving: Promise<void> = Promise.resolve();

  /** Lines the page has just stored, handed over instead of read back: batch id → its chunks' columns in storage order, and whether all came. */
  #handed = new Map<number, { columns: PurchaseColumns[]; complete: boolean }>();

  #ahead: Ahead | null = null;
  /**
   * The lines lock, claimed when a batch starts coming (`ahead`) and held until the lines with it
   * are counted and kept, or it is dropped: a tab opened as the import ends waits for this count
   * instead of counting every line itself, whichever of the two asks for the lock first.
   */
  #claim: (Claim & { token: number }) | null = null;
  /** Batches counted ahead whose count was taken (tests). */
  adopted = 0;

  constructor(private readonly db: KeqingDb) {}

  /**
   * Part of a batch the page is storing (its chunks as written, in storage order; `last`: all came),
   * added to the held lines' counts as it comes, off the database: the page's write transaction
   * holds the purchase tables until it commits. A new token replaces a batch never stored.
   */
  ahead(token: number, columns: readonly PurchaseColumns[], last: boolean, orderNumbers?: readonly Int32Array[]): void {
    if (this.#ahead?.token !== token) {
      this.#ahead?.wake?.();
      this.#ahead = { token, columns: [], orderNumbers: [], complete: false };
      this.#claim?.release();
      this.#claim = { token, ...claimLock(this.#lockName) };
    }
    const a = this.#ahead;
    columns.forEach((c, i) => {
      a.columns.push(c);
      a.orderNumbers.push(orderNumbers?.[i]);
    });
    a.complete = last;
    a.counted ??= this.#countAhead(a);
    a.wake?.();
  }

  /** The count of the batch `token` once all its parts came (null: not counted, nothing held to add to). */
  countedAhead(token: number): Promise<CountedAhead | null> {
    return (this.#ahead?.token === token && this.#ahead.counted) || Promise.resolve(null);
  }

  /** The batch counted ahead is stored as `batchId`: the next load takes the count, or at least its chunks. */
  stored(token: number, batchId: number): void {
    const a = this.#ahead;
    if (a?.token !== token) return;
    a.batchId = batchId;
    this.hand(batchId, a.columns, true);
  }

  /** The batch counted ahead was not stored (the import failed or was cancelled). */
  dropped(token: number): void {
    if (this.#claim?.token === token) {
      this.#claim.release();
      this.#claim = null;
    }
    if (this.#ahead?.token !== token) return;
    this.#ahead.wake?.();
    this.#ahead = null;
  }

  async #countAhead(a: Ahead): Promise<CountedAhead | null> {
    await this.#loading?.done.catch(() => null);
    const base = this.#held;
    if (!base || this.#ahead !== a) return null;
    const accumulator = base.accumulator ?? this.#count(base.version, base.batches, base.chunks, base.orderIndex).accumulator!;
    base.accumulator = null;
    // The KPI board's basis rides along (its months are known only once the last line came).
    const counter = new BasisCounter(base.orderIndex);
    for (let i = 0; ; ) {
      while (i < a.columns.length) {
        // A first import's orders numbered as the batch numbered them (no order text read), if they came.
        const own = a.orderNumbers[i];
        if (own) base.orderIndex.adopt(a.columns[i]!, a, own);
        counter.add(a.columns[i]!);
        accumulator.add(a.columns[i++]!);
        // Now and then a turn for questions about the held lines and for the next parts.
        if (i % 8 === 0) await nextTask();
        if (this.#ahead !== a) return null;
      }
      if (a.complete) break;
      await new Promise<void>((resolve) => (a.wake = resolve));
      if (this.#ahead !== a) return null;
    }
    const stats = accumulator.result();
    const chunks = [...base.chunks, ...a.columns];
    // The lines held before are counted for the basis after the answer (none after a first import).
    const kpiCounter = (async () => {
      for (let i = 0; i < base.chunks.length; i++) {
        counter.add(base.chunks[i]!);
        if (i % 8 === 7) await nextTask();
      }
      return counter;
    })();
    return { base, chunks, orderIndex: base.orderIndex, accumulator, stats, kpiCounter };
  }

  /** The held lines plus the batch counted ahead, taken when that batch is all the stored version adds. */
  async #adopt(a: Ahead, base: Held, batches: BatchMarks, added: number[]): Promise<Held> {
    // A count that failed is no answer: the batch is counted with the held lines as any other.
    const counted = await (a.counted ?? Promise.resolve(null)).catch(() => null);
    if (this.#ahead === a) this.#ahead = null;
    // Not taken: the batch's chunks are handed (see `stored`), so the extension reads none back.
    if (!counted || counted.base !== base) return this.#extend(base, batches, added);
    this.#handed.delete(added[0]!);
    this.adopted++;
    this.counts.incremental++;
    const { chunks, accumulator, stats, kpiCounter } = counted;
    return this.#keep({ ...base, version: versionOf(batches), batches, chunks, accumulator, stats, ...derivedFrom(stats, kpiCounter) });
  }

  /**
   * The columns of a batch the page has just stored (an import), exactly as written: the next load
   * takes them instead of reading the batch back (1 M lines: a second or more on a weak machine
   * before the counting could start, while a reopened tab waited for the counts).
   */
  hand(batchId: number, columns: readonly PurchaseColumns[], last: boolean): void {
    // Read back already (a screen asked first): nothing to keep twice.
    if (this.#held?.batches.has(batchId)) return void this.#handed.delete(batchId);
    const handed = this.#handed.get(batchId) ?? { columns: [], complete: false };
    for (const c of columns) handed.columns.push(c);
    handed.complete = last;
    this.#handed.set(batchId, handed);
  }

  /** These batches' columns in storage order (batch by batch, ascending): handed ones as given, the rest read. */
  async #read(batchIds: readonly number[], onRead: (columns: PurchaseColumns[]) => void): Promise<PurchaseColumns[]> {
    const all: PurchaseColumns[] = [];
    for (const id of [...batchIds].sort((a, b) => a - b)) {
      const handed = this.#handed.get(id);
      let columns: PurchaseColumns[];
      if (handed?.complete) {
        columns = handed.columns;
        if (columns.length) onRead(columns);
      } else columns = await readBatchColumns(this.db, [id], onRead);
      for (const c of columns) all.push(c);
    }
    // What this load did not take (a batch undone meanwhile, one taken already) is not kept; one still coming in is.
    for (const [id, handed] of this.#handed) if (handed.complete) this.#handed.delete(id);
    return all;
  }

  /** The stats kept for `version`, read once per version (a miss is read again: another context may keep them meanwhile). */
  #keptStats(version: string): Promise<CustomerStats | undefined> {
    if (this.#kept?.version === version) return this.#kept.stats;
    const kept = { version, stats: cachedFor<CustomerStats>(this.db, KEPT_STATS, version).catch(() => undefined) };
    this.#kept = kept;
    void kept.stats.then((s) => {
      if (!s && this.#kept === kept) this.#kept = null;
    });
    return kept.stats;
  }

  /** The app-wide lock on counting these lines (data/locks: every tab and worker of the origin). */
  #lock(fn: () => Promise<void>): Promise<void> {
    return withLock(this.#lockName, fn);
  }

  get #lockName(): string {
    return `keqing.lines:${this.db.name}`;
  }

  /**
   * Counts under the lock, so a second context (another tab, or its worker after an import)
   * waits and then finds the first one's counts kept instead of counting the same lines at the same
   * time. The answer does not wait for the keeping; the lock does. Reading kept counts takes no lock.
   */
  #exclusive(load: () => Promise<Held>): Promise<Held> {
    // Under this engine's claim (an import): the lock is held already, and let go once this is kept.
    const claim = this.#claim;
    if (claim) {
      this.#claim = null;
      return claim.got.then(load).then(
        (held) => {
          void this.#saving.then(claim.release);
          return held;
        },
        (e: unknown) => {
          claim.release();
          throw e;
        },
      );
    }
    return new Promise((resolve, reject) => {
      void this.#lock(async () => {
        try {
          resolve(await load());
        } catch (e) {
          reject(e as Error);
          return;
        }
        await this.#saving;
      }).catch(reject);
    });
  }

  /** The stats and order numbering kept for `version`, both or none. */
  async #keptRows(version: string): Promise<{ stats: CustomerStats; orders: KeptOrderNumbers } | undefined> {
    const [stats, orders] = await Promise.all([this.#keptStats(version), cachedFor<KeptOrderNumbers>(this.db, KEPT_ORDERS, version).catch(() => undefined)]);
    return stats && orders ? { stats, orders } : undefined;
  }

  async #full(batches: BatchMarks): Promise<Held> {
    this.counts.full++;
    const version = versionOf(batches);
    // Only the batches of this version: one stored meanwhile comes with the next version, not twice.
    const ids = [...batches.keys()];
    // None kept: another context may be counting these lines now (the lock): once it is done, look
    // again. Not when this one holds the lock for its import: it counts them.
    const kept = (await this.#keptRows(version)) ?? (this.#claim ? undefined : await this.#lock(async () => {}).then(() => this.#keptRows(version)));
    if (kept) {
      const chunks = await this.#read(ids, () => {});
      const orderIndex = OrderIndex.restore(chunks, kept.orders);
      if (orderIndex) {
        this.reused++;
        return { version, batches, chunks, orderIndex, accumulator: null, stats: kept.stats, ...derivedFrom(kept.stats) };
      }
      // Kept for other chunks than these (cannot be, short of a bug): count them afresh.
      return this.#exclusive(async () => this.#keep(this.#count(version, batches, chunks)));
    }
    return this.#exclusive(async () => {
      const orderIndex = new OrderIndex();
      const accumulator = statsAccumulator(Infinity, {}, orderIndex);
      const chunks = await this.#read(ids, (read) => read.forEach((c) => accumulator.add(c)));
      const counted = accumulator.result();
      return this.#keep({ version, batches, chunks, orderIndex, accumulator, stats: counted, ...derivedFrom(counted) });
    });
  }

  /** The stats counted from chunks already read. */
  #count(version: string, batches: BatchMarks, chunks: PurchaseColumns[], orderIndex = new OrderIndex()): Held {
    const accumulator = statsAccumulator(Infinity, {}, orderIndex);
    for (const c of chunks) accumulator.add(c);
    const stats = accumulator.result();
    return { version, batches, chunks, orderIndex, accumulator, stats, ...derivedFrom(stats) };
  }

  async #extend(from: Held, batches: BatchMarks, added: number[]): Promise<Held> {
    this.counts.incremental++;
    const version = versionOf(batches);
    // Kept stats come without the counting state: the held chunks are counted once, with their kept numbering.
    const accumulator = from.accumulator ?? this.#count(from.version, from.batches, from.chunks, from.orderIndex).accumulator!;
    from.accumulator = null; // added to in place below: not the held lines' state any more
    const more = await this.#read(added, (read) => read.forEach((c) => accumulator.add(c)));
    const stats = accumulator.result();
    return this.#keep({ ...from, version, batches, chunks: [...from.chunks, ...more], accumulator, stats, ...derivedFrom(stats) });
  }

  /** Keeps what was counted for the next visit, without holding up the answer (a failed write is counted again next time). */
  #keep(held: Held): Held {
    const orders = held.orderIndex.keep(held.chunks);
    this.#saving = this.#saving
      .then(() => this.db.transaction('rw', this.db.engineCache, () => Promise.all([storeCached(this.db, KEPT_STATS, held.version, held.stats), storeCached(this.db, KEPT_ORDERS, held.version, orders)])))
      .then(
        () => {},
        () => {},
      );
    return held;
  }

  /** Settles once what was counted so far is kept (tests). */
  saved(): Promise<void> {
    return this.#saving;
  }

  /**
   * The per-customer stats of the lines as stored now: the kept ones for this version when the
   * lines are not held yet (a reopened app shows its figures without waiting for every chunk).
   */
  async stats(): Promise<CustomerStats> {
    const version = versionOf(await storedBatches(this.db));
    if (this.#held?.version === version) return this.#held.stats;
    const kept = await this.#keptStats(version);
    if (kept) return kept;
    // This engine is to count them (an import it holds the lock for).
    if (this.#claim) return (await this.current()).stats;
    // Another context may be counting these lines: once it is done, what it kept is the answer.
    await this.#lock(async () => {});
    return (await this.#keptStats(version)) ?? (await this.current()).stats;
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
      const ahead = this.#ahead;
      const counted = ahead?.counted && added?.length === 1 && added[0] === ahead.batchId ? ahead : null;
      const next = {
        version,
        done: base && added ? this.#exclusive(() => (counted ? this.#adopt(counted, base, batches, added) : this.#extend(base, batches, added))) : this.#full(batches),
      };
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
