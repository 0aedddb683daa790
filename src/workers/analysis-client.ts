/** The page's one analysis worker: loaded with the stored lines once, reloaded when they change. */
import { lazily, unpackClasses, unpackScores } from '../lib/rfm/packed';
import { purchasesVersion, readAllColumns } from '../data/purchases';
import type { KeqingDb } from '../data/db';
import type { RegistrationRate } from '../lib/customers/quality';
import type { PurchaseKpiRequest, PurchaseKpis } from '../lib/kpi/purchases';
import type { AbcCuts, AbcError } from '../lib/abc/abc';
import type { AbcOutcome } from '../lib/abc/from-stats';
import type { ClassAbcOutcome } from '../lib/abc/by-class-stats';
import type { Result } from '../lib/result';
import type { RfmOutcome, RfmRequest, RfmRunError } from '../lib/rfm/from-stats';
import type { MigrationMatrix } from '../lib/rfm/migration';
import type { CustomerStats } from '../lib/customers/stats';
import type { PurchaseLine } from '../lib/purchases/columns';
import type { ReviewResult } from '../lib/tiers';
import type { HistoricRow, HistoricSettings } from '../lib/clv/historic';
import type { TimeUnit, TransactionSummary } from '../lib/clv/summary';
import type { PeriodSales } from '../lib/products/sales';
import type { GradeFacts } from '../lib/grades/facts';
import type { FromAnalysisWorker, GrowthReviewRequest, GrowthReviewResult, MigrationRequest, TierReviewRequest, ToAnalysisWorker } from './protocol';

type Answer = FromAnalysisWorker;

class AnalysisClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private loaded: Promise<void> | null = null;
  private loadedVersion = '';

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }: MessageEvent<FromAnalysisWorker>) => {
      const p = this.pending.get(data.requestId);
      if (!p) return;
      this.pending.delete(data.requestId);
      if (data.type === 'crashed') p.reject(new Error(data.message));
      else p.resolve(data);
    };
    worker.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Error(event.message || 'analysis worker failed'));
      this.pending.clear();
      this.worker = null;
      this.loaded = null;
      this.loadedVersion = ''; // a waiting sync() then loads again rather than trust an empty worker
    };
    return (this.worker = worker);
  }

  private ask(message: ToAnalysisWorker, transfer: Transferable[] = []): Promise<Answer> {
    const worker = this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(message.requestId, { resolve, reject });
      worker.postMessage(message, transfer);
    });
  }

  /** Makes sure the worker holds the lines as stored now. */
  async sync(db: KeqingDb): Promise<void> {
    for (;;) {
      const version = await purchasesVersion(db);
      if (!this.loaded || version !== this.loadedVersion) this.load(db, version);
      await this.loaded;
      // A newer load started meanwhile (the lines changed): wait for that one instead.
      if (version === this.loadedVersion) return;
    }
  }

  private load(db: KeqingDb, version: string) {
    this.loadedVersion = version;
    this.loaded = (async () => {
      const worker = this.start();
      worker.postMessage({ type: 'loadStart', requestId: 0, version } satisfies ToAnalysisWorker);
      // Each read goes to the worker at once (moved, not copied): it counts while we read on.
      await readAllColumns(db, (chunks) => {
        const transfer = chunks.flatMap((c) => Object.values(c).filter(ArrayBuffer.isView).map((v) => v.buffer as ArrayBuffer));
        worker.postMessage({ type: 'loadChunks', requestId: 0, version, chunks } satisfies ToAnalysisWorker, transfer);
      });
      await this.ask({ type: 'loadDone', requestId: this.nextId++, version });
    })();
  }

  async customerStats(db: KeqingDb): Promise<CustomerStats> {
    await this.sync(db);
    const a = await this.ask({ type: 'customerStats', requestId: this.nextId++ });
    return (a as Extract<Answer, { type: 'customerStats' }>).stats;
  }

  /** Scores and segments every customer who bought (re-asking re-scores without reading IndexedDB). */
  async rfm(db: KeqingDb, request: RfmRequest): Promise<Result<RfmOutcome, RfmRunError[]>> {
    await this.sync(db);
    const a = (await this.ask({ type: 'rfm', requestId: this.nextId++, request })) as Extract<Answer, { type: 'rfm' }>;
    const packed = a.packed;
    if (a.result.ok && packed) lazily(a.result.value, 'customers', () => unpackScores(packed));
    return a.result;
  }

  /** Segments at two dates (purchases before each) and the from → to counts. */
  async migration(db: KeqingDb, request: MigrationRequest): Promise<Result<MigrationMatrix, RfmRunError[]>> {
    await this.sync(db);
    const a = await this.ask({ type: 'migration', requestId: this.nextId++, request });
    return (a as Extract<Answer, { type: 'migration' }>).result;
  }

  async abc(db: KeqingDb, cuts: AbcCuts): Promise<Result<AbcOutcome, AbcError>> {
    await this.sync(db);
    const a = (await this.ask({ type: 'abc', requestId: this.nextId++, cuts })) as Extract<Answer, { type: 'abc' }>;
    const packed = a.packed;
    if (a.result.ok && packed) lazily(a.result.value, 'classOf', () => unpackClasses(packed));
    return a.result;
  }

  /** The tier review over every stored line (see lib/tiers/from-lines); nothing is stored here. */
  async tierReview(db: KeqingDb, request: TierReviewRequest): Promise<ReviewResult> {
    await this.sync(db);
    const a = await this.ask({ type: 'tierReview', requestId: this.nextId++, request });
    return (a as Extract<Answer, { type: 'tierReview' }>).result;
  }

  /** The 成长值 level review over every stored line (lib/growth); nothing is stored here. */
  async growthReview(db: KeqingDb, request: GrowthReviewRequest): Promise<GrowthReviewResult> {
    await this.sync(db);
    const a = await this.ask({ type: 'growthReview', requestId: this.nextId++, request });
    return (a as Extract<Answer, { type: 'growthReview' }>).result;
  }

  /** The purchase-based KPIs (lib/kpi/purchases) for the given months and quarters. */
  async kpis(db: KeqingDb, request: PurchaseKpiRequest): Promise<PurchaseKpis> {
    await this.sync(db);
    const a = await this.ask({ type: 'kpis', requestId: this.nextId++, request });
    return (a as Extract<Answer, { type: 'kpis' }>).kpis;
  }

  /** Net units and sales per item no. on days in [from, to] (lib/products/sales). */
  async productSales(db: KeqingDb, from: number, to: number): Promise<PeriodSales> {
    await this.sync(db);
    const a = await this.ask({ type: 'productSales', requestId: this.nextId++, from, to });
    return (a as Extract<Answer, { type: 'productSales' }>).sales;
  }

  /** ABC by customer class: `classOf` maps customer id → class (from the customer file). */
  async abcByClass(db: KeqingDb, cuts: AbcCuts, classOf: Record<number, string>): Promise<Result<ClassAbcOutcome, AbcError>> {
    await this.sync(db);
    const a = await this.ask({ type: 'abcByClass', requestId: this.nextId++, cuts, classOf });
    return (a as Extract<Answer, { type: 'abcByClass' }>).result;
  }

  async registration(db: KeqingDb): Promise<RegistrationRate> {
    await this.sync(db);
    const a = await this.ask({ type: 'registration', requestId: this.nextId++ });
    return (a as Extract<Answer, { type: 'registration' }>).rate;
  }

  /** Per-customer purchase-day summary for the lifetime-value model up to `endDay` (null: the default end); null: no purchases. */
  async clvSummary(db: KeqingDb, unit: TimeUnit, endDay: number | null): Promise<TransactionSummary | null> {
    await this.sync(db);
    const a = await this.ask({ type: 'clvSummary', requestId: this.nextId++, unit, endDay });
    return (a as Extract<Answer, { type: 'clvSummary' }>).summary;
  }

  /** The end of observation the model takes when the user names none: the day after the last transaction. */
  async clvDefaultEnd(db: KeqingDb): Promise<number | null> {
    await this.sync(db);
    const a = await this.ask({ type: 'clvDefaultEnd', requestId: this.nextId++ });
    return (a as Extract<Answer, { type: 'clvDefaultEnd' }>).endDay;
  }

  /** Historic value per customer as of the day after the last purchase (lib/clv/historic). */
  async historicValue(db: KeqingDb, settings: HistoricSettings): Promise<{ asOfDay: number | null; rows: HistoricRow[] }> {
    await this.sync(db);
    const a = (await this.ask({ type: 'historicValue', requestId: this.nextId++, settings })) as Extract<Answer, { type: 'historicValue' }>;
    return { asOfDay: a.asOfDay, rows: a.rows };
  }

  /** What the value-grade rule needs per customer (lib/grades/facts). */
  async gradeFacts(db: KeqingDb, premiumUnitPrice: number): Promise<GradeFacts> {
    await this.sync(db);
    const a = await this.ask({ type: 'gradeFacts', requestId: this.nextId++, premiumUnitPrice });
    return (a as Extract<Answer, { type: 'gradeFacts' }>).facts;
  }

  async customerLines(db: KeqingDb, customerId: number): Promise<PurchaseLine[]> {
    await this.sync(db);
    const a = await this.ask({ type: 'customerLines', requestId: this.nextId++, customerId });
    return (a as Extract<Answer, { type: 'customerLines' }>).lines;
  }
}

export const analysis = new AnalysisClient();
