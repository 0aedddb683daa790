/**
 * The analysis engine: opens the store's database itself, holds every purchase line as typed arrays
 * and answers questions about them, so a screen can re-ask (another filter, another date) without
 * reading IndexedDB again, and the page never reads or posts purchase chunks.
 */
import type { PurchaseColumns } from '../lib/purchases/columns';
import { err, ok, type Result } from '../lib/result';
import { packedBuffers } from '../lib/rfm/packed';
import { ScoringFacts } from '../lib/customers/facts';
import { fileQuality, registrationRate } from '../lib/customers/quality';
import { readCustomersPaged } from '../data/customers';
import { basisKey, purchaseBasis, purchaseKpis, type PurchaseBasis } from '../lib/kpi/purchases';
import type { MonthIndex } from '../lib/funnel/months';
import { boardMonth, boardPeriods } from '../lib/kpi/board';
import { purchaseTotals } from '../data/purchases';
import { runAbcPacked } from '../lib/abc/from-stats';
import { runAbcByClass } from '../lib/abc/by-class-stats';
import { runMigration, runRfmPacked, statsKey, statsSpec, type MigrationRequest, type RfmRequest } from '../lib/rfm/from-stats';
import { customerStats, type CustomerStats } from '../lib/customers/stats';
import { lineAt, type PurchaseLine } from '../lib/purchases/columns';
import { growthSpends } from '../lib/growth/from-lines';
import { reviewAllGrowth } from '../lib/growth/levels';
import { historicBuffers, historicValues, packHistoric } from '../lib/clv/historic';
import { defaultEndDay, transactionSummary } from '../lib/clv/summary';
import { defaultAnalysisDay } from '../lib/rfm/from-stats';
import { salesByItem } from '../lib/products/sales';
import { gradeFacts } from '../lib/grades/facts';
import type { AbcCuts, AbcError } from '../lib/abc/abc';
import type { AbcOutcome } from '../lib/abc/from-stats';
import type { RfmOutcome, RfmRunError } from '../lib/rfm/from-stats';
import type { PurchaseKpiRequest } from '../lib/kpi/purchases';
import type { HistoricSettings } from '../lib/clv/historic';
import type { TimeUnit } from '../lib/clv/summary';
import type { PackedClasses, PackedScores } from '../lib/rfm/packed';
import { KeqingDb } from '../data/db';
import { LinesStore, type Loaded } from './lines-store';
import { computeBoard, KPI_PURCHASES } from '../data/kpi-board';
import { claimKept } from '../data/engine-cache';
import type { Claim } from '../data/locks';
import { CustomerFile, displayName, namedCustomers } from './customer-file';
import type { GrowthScheme, GrowthState } from '../lib/growth';
import { serve, transfer, type CallContext } from './rpc';
import { careWeek, todayCustomers, type CareWeekAsk, type TodayAsk } from './today';
import { overviewOf } from '../data/tiers';
import { dormancyCounts } from './dormancy-counts';
import { Groups, type GroupAsk, type GroupFileAsk } from './groups';
import type { AutoTag } from '../lib/tags/auto';
import { needsFigures, type NeedsAsk } from './needs';
import { runTierReview } from './tier-review';
import { TierReads, tierChurned, tierLogFile, tierLogView, tierScreen, type Stamps, type TierLogAsk, type TierLogFileAsk } from './tier-screen';
import { churnedBuffers, logBuffers } from '../lib/tiers/screen';
import { GROUP_PRESET } from '../lib/tags/facts';
import { groupBuffers, packGroup } from '../lib/tags/groups';

const db = new KeqingDb();
const lines = new LinesStore(db);
const current = () => lines.current();
const file = new CustomerFile(db);
const tierReads = new TierReads(db);

/**
 * Facts for an RFM request, kept per (date, period, frequency basis) with the lines version: a new
 * cut point, method or rule set re-scores from them without counting the lines again. A few are
 * kept (the migration asks for two dates); they go with the lines when those change.
 */
function factsFor(l: Loaded, request: Pick<RfmRequest, 'analysisDay' | 'period' | 'frequency'>): ScoringFacts {
  const spec = statsSpec(request);
  if (spec.beforeDay === Infinity && spec.options.fromDay === undefined && !spec.options.visitDays) return l.facts;
  const key = statsKey(spec);
  let found = l.rfmFacts.get(key);
  if (found) {
    l.rfmFacts.delete(key); // re-inserted: the map's order is least recently used first
  } else {
    found = new ScoringFacts(customerStats(l.chunks, spec.beforeDay, spec.options, l.orderIndex));
    if (l.rfmFacts.size >= 6) l.rfmFacts.delete(l.rfmFacts.keys().next().value as string);
  }
  l.rfmFacts.set(key, found);
  return found;
}

const groups = new Groups({
  db,
  file,
  stats: async () => {
    const l = await current();
    return { version: l.version, stats: l.stats };
  },
  // The segments a group names: as of `analysisDay`, the course's default rule set and cuts (lib/tags/facts).
  score: async (analysisDay) => {
    const request: RfmRequest = { analysisDay, method: 'quantile', preset: GROUP_PRESET };
    const result = runRfmPacked(factsFor(await current(), request), request);
    return result.ok ? result.value.packed : undefined;
  },
});

/** RFM scores go out packed (lib/rfm/packed); the page unpacks them when read. */
export type RfmAnswer = Result<Omit<RfmOutcome, 'customers'>, RfmRunError[]> & { packed?: PackedScores };
export type AbcAnswer = Result<Omit<AbcOutcome, 'classOf'>, AbcError> & { packed?: PackedClasses };

/** The KPI figures' basis for these months of the held lines, counted once per version. */
function basisOf(l: Loaded, months: readonly MonthIndex[]): Promise<PurchaseBasis> {
  const key = basisKey(months);
  let basis = l.kpiBasis.get(key);
  if (!basis) {
    const afresh = () => purchaseBasis(l.chunks, months, l.orderIndex);
    // Counted along with an import's lines (workers/lines-store `ahead`), else now.
    basis = l.kpiCounter ? l.kpiCounter.then((counter) => counter.basis(months)).catch(afresh) : Promise.resolve().then(afresh);
    l.kpiBasis.set(key, basis);
    basis.catch(() => l.kpiBasis.delete(key));
  }
  return basis;
}

/** The KPI board as of `today` (data/kpi-board): purchase figures counted only when none were kept for these lines. */
const board = (today: number, ctx?: CallContext, claim?: Claim, customers?: number) =>
  computeBoard(
    db,
    today,
    async (request) => {
      const l = await current();
      await ctx?.checkpoint();
      return purchaseKpis(l.chunks, request, l.orderIndex, await basisOf(l, request.months));
    },
    claim,
    // A screen names the customer file it shows (its write count): the engine's one read of it.
    customers === undefined ? undefined : async () => (await file.byId(customers)).values(),
  );

/** The lock on the board's figures, claimed by this engine for an import's lines as they come (`linesAhead`). */
let figuresClaim: { token: number; claim: Claim } | null = null;

/**
 * The KPI board's figures for lines just imported, counted and kept while this engine holds them,
 * under `claim` (let go once they are kept). The board's inputs are read while the figures' basis is
 * counted: the reads wait on the database, the count on this thread. The board's reads go out first
 * (the basis's months need one small read of their own).
 */
async function boardAfterImport(l: Loaded, today: number, claim: Claim): Promise<void> {
  const built = board(today, undefined, claim);
  built.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  const { lastDay } = await purchaseTotals(db);
  await basisOf(l, boardPeriods(boardMonth(lastDay, today)).months);
  await built;
}

/** The new lines taken in at once (the lines store lets its claim go once they are counted and kept), then the board's figures. */
async function afterImport(claimed: Claim | null, today: number): Promise<void> {
  const taken = current();
  taken.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  const claim = claimed ?? claimKept(db, KPI_PURCHASES);
  try {
    await claim.got;
    await boardAfterImport(await taken, today, claim);
  } finally {
    claim.release();
  }
}

const handlers = {
  /**
   * Part of a batch the page is about to store (an import), exactly as it will be written, in storage
   * order (data/purchases addPurchaseBatch writes one chunk per piece): counted while the page writes.
   */
  linesAhead: ({ token, pieces, orderNumbers, last }: { token: number; pieces: PurchaseColumns[]; orderNumbers?: Int32Array[]; last: boolean }) => {
    // This engine is to count the board's figures for lines it alone will hold: it claims their lock
    // as the batch starts coming (the lines store claims the lines' lock), so a tab opened meanwhile
    // waits for them instead of reading every chunk and counting them too.
    if (figuresClaim?.token !== token) {
      figuresClaim?.claim.release();
      figuresClaim = { token, claim: claimKept(db, KPI_PURCHASES) };
    }
    lines.ahead(token, pieces, last, orderNumbers);
    return pieces.length;
  },
  /**
   * That batch is stored as `batchId` (the engine takes it instead of reading it back), or was not
   * (null). Once stored, the new lines are taken in at once and the KPI board's figures as of `today`
   * counted and kept while they are held here: the Overview, in this tab or another, reads them.
   */
  linesStored: ({ token, batchId, today }: { token: number; batchId: number | null; today: number }) => {
    const claimed = figuresClaim?.token === token ? figuresClaim.claim : null;
    if (claimed) figuresClaim = null;
    if (batchId === null) {
      lines.dropped(token);
      claimed?.release();
      return;
    }
    lines.stored(token, batchId);
    // Not this call's work: a screen's question may be waiting for these figures, and a call does
    // not start while a more urgent one runs (workers/rpc).
    void afterImport(claimed, today).catch(() => {});
  },
  /** Loads the stored lines ahead of the first question; answers how many there are. */
  warm: async () => (await current()).chunks.reduce((n, c) => n + c.length, 0),
  customerStats: async () => transfer(...statsCopy(await lines.stats())),
  rfm: async (request: RfmRequest, ctx: CallContext) => {
    const l = await current();
    await ctx.checkpoint();
    const result = runRfmPacked(factsFor(l, request), request);
    if (!result.ok) return result as RfmAnswer;
    const { packed, ...outcome } = result.value;
    return transfer({ ...ok(outcome), packed } as RfmAnswer, packedBuffers(packed));
  },
  migration: async (request: MigrationRequest, ctx: CallContext) => {
    const l = await current();
    const before = factsFor(l, { ...request, analysisDay: request.from });
    await ctx.checkpoint();
    return runMigration(before, factsFor(l, { ...request, analysisDay: request.to }), request);
  },
  abc: async (cuts: AbcCuts) => {
    const result = runAbcPacked((await current()).facts, cuts);
    if (!result.ok) return err(result.error) as AbcAnswer;
    const { packed, ...value } = result.value;
    return transfer({ ...ok(value), packed } as AbcAnswer, [packed.ids.buffer, packed.classes.buffer] as ArrayBuffer[]);
  },
  /** ABC inside each customer class; `customers`: the page's write count of the customer file (see CustomerFile). */
  abcByClass: async ({ cuts, customers }: { cuts: AbcCuts; customers: number }) => {
    const [l, byId] = await Promise.all([current(), file.byId(customers)]);
    const classOf: Record<number, string> = {};
    for (const [id, c] of byId) if (c.customerClass) classOf[id] = c.customerClass;
    return runAbcByClass(l.stats, classOf, cuts);
  },
  /** The tier review on `day` over every stored line (lib/tiers/from-lines), from the stored state and stored here (workers/tier-review.ts); the page gets what it changed, counted. */
  tierReview: async ({ day }: { day: number | null }) => runTierReview(db, current, day),
  /** The 成长值 level review over every stored line (lib/growth); nothing is stored here. */
  growthReview: async ({ states, lastReview, today, scheme }: { states: GrowthState[]; lastReview: number | null; today: number; scheme: GrowthScheme }) => reviewAllGrowth(growthSpends((await current()).chunks), states, lastReview, today, scheme),
  /** Per-customer purchase-day summary for the lifetime-value model up to `endDay` (null: the default end); null: no purchases. */
  clvSummary: async ({ unit, endDay }: { unit: TimeUnit; endDay: number | null }) => {
    const { chunks } = await current();
    const end = endDay ?? defaultEndDay(chunks);
    const summary = end === null ? null : transactionSummary(chunks, end, unit);
    return transfer(summary, summary ? [summary.ids, summary.firstDay, summary.lastDay, summary.x, summary.tx, summary.T, summary.monetary, summary.total].map((a) => a.buffer as ArrayBuffer) : []);
  },
  /** The end of observation the model takes when the user names none: the day after the last transaction. */
  clvDefaultEnd: async () => defaultEndDay((await current()).chunks),
  /** Historic value per customer as of the day after the last purchase (lib/clv/historic). */
  historicValue: async ({ settings, customers }: { settings: HistoricSettings; customers: number }) => {
    const [{ stats }, byId] = await Promise.all([current(), file.byId(customers)]);
    const asOfDay = defaultAnalysisDay(stats);
    // Named here, not on the page: the page would load every customer for the names.
    const rows = asOfDay === null ? [] : historicValues(stats, asOfDay, settings).map((r) => ({ ...r, name: displayName(byId.get(r.id), r.id) }));
    // Sorted here as the screen first shows them (a stable sort of sorted rows is one pass on the page), and sent packed.
    rows.sort((a, b) => b.revenue - a.revenue);
    const packed = packHistoric(rows);
    return transfer({ asOfDay, packed }, historicBuffers(packed));
  },
  /** Names and phones of these customers, in order: a call list names its segment's customers without the page reading the whole file. */
  customerNames: async ({ ids, customers }: { ids: Int32Array; customers: number }) => namedCustomers(await file.byId(customers), ids),
  /** What the value-grade rule needs per customer (lib/grades/facts). */
  gradeFacts: async ({ premiumUnitPrice }: { premiumUnitPrice: number }) => {
    const l = await current();
    const facts = gradeFacts(l.chunks, premiumUnitPrice, l.stats);
    return transfer(facts, [facts.ids.buffer, facts.amount.buffer, facts.orders.buffer, facts.premiumAmount.buffer] as ArrayBuffer[]);
  },
  registration: async () => registrationRate((await current()).chunks),
  /** The data-quality screen's figures over every customer (lib/customers/quality): the page never loads the whole file. */
  fileQuality: async (_: undefined, ctx: CallContext) => {
    const all = await readCustomersPaged(db, () => {});
    await ctx.checkpoint();
    return fileQuality(all);
  },
  /** Net units and sales per item no. on days in [from, to] (lib/products/sales). */
  productSales: async ({ from, to }: { from: number; to: number }) => salesByItem((await current()).chunks, from, to),
  /** The KPI board as of `today`; `customers`: the page's write count of the customer file (see CustomerFile). */
  board: async ({ today, customers }: { today: number; customers: number }, ctx: CallContext) => board(today, ctx, undefined, customers),
  /** The purchase-based KPIs (lib/kpi/purchases) for the given months and quarters. */
  kpis: async (request: PurchaseKpiRequest) => {
    const l = await current();
    return purchaseKpis(l.chunks, request, l.orderIndex);
  },
  /** The Overview's Today list: this week's calls and birthdays, and only the customers it names (workers/today.ts). */
  today: async (ask: TodayAsk, ctx: CallContext) => todayCustomers(db, file, () => lines.stats(), ask, ctx),
  /**
   * The A/B/C counts and the last review day (data/tiers overviewOf): read here, not every tier state
   * on the Overview; from the states the tiers screen read, read again only when they were written.
   */
  tierOverview: async (ask: Stamps) => overviewOf(await tierReads.states.read(ask.states)),
  /** The tiers screen's counts (as tierOverview) and overrides, named here (workers/tier-screen.ts). */
  tierScreen: async (ask: Stamps, ctx: CallContext) => tierScreen(tierReads, ask, ctx),
  /** The tiers screen's churned list, named and dated, packed. */
  tierChurned: async (ask: Stamps, ctx: CallContext) => {
    const churned = await tierChurned(tierReads, file, ask, ctx);
    return transfer(churned, churnedBuffers(churned));
  },
  /** The tier log as filtered on the tiers screen, newest first, packed. */
  tierLog: async (ask: TierLogAsk, ctx: CallContext) => {
    const view = await tierLogView(tierReads, file, ask, ctx);
    return transfer(view, logBuffers(view.rows));
  },
  /** That log as a CSV file with the shop's keys. */
  tierLogFile: async (ask: TierLogFileAsk, ctx: CallContext) => tierLogFile(tierReads, file, ask, ctx),
  /** The care calendar's week: its tasks and the customers they name (workers/today.ts). */
  careWeek: async (ask: CareWeekAsk, ctx: CallContext) => careWeek(db, file, () => lines.stats(), ask, ctx),
  /** The Overview's 沉睡 / 流失 counts as of `today` (workers/dormancy-counts.ts): four figures, not the stats, cross to the page. */
  dormancyCounts: async ({ today }: { today: number }) => dormancyCounts(db, () => lines.stats(), today),
  /** A saved group's members (workers/groups.ts), packed: the page shows them without building any customer's facts. */
  group: async (ask: GroupAsk, ctx: CallContext) => {
    const packed = packGroup((await groups.members(ask, ctx)).members);
    return transfer(packed, groupBuffers(packed));
  },
  /** A saved group's contact list, every member, as a CSV file. */
  groupFile: async (ask: GroupFileAsk, ctx: CallContext) => groups.file(ask, ctx),
  /** Auto tags re-evaluated over every customer's facts (workers/groups.ts); the page stores the members. */
  autoTags: async ({ rules, ...ask }: Omit<GroupAsk, 'filter'> & { rules: AutoTag[] }, ctx: CallContext) => groups.autoTags(ask, rules, ctx),
  /** The needs segments' totals over every customer (workers/needs.ts): the page adds the resources. */
  needs: async (ask: NeedsAsk, ctx: CallContext) =>
    needsFigures(
      db,
      file,
      () => lines.stats(),
      async (premiumUnitPrice) => {
        const l = await current();
        return gradeFacts(l.chunks, premiumUnitPrice, l.stats);
      },
      ask,
      ctx,
    ),
  /** One customer's lines, newest first. */
  customerLines: async ({ customerId }: { customerId: number }, ctx: CallContext) => {
    const lines: PurchaseLine[] = [];
    for (const c of (await current()).chunks) {
      for (let i = 0; i < c.length; i++) if (c.customerId[i] === customerId) lines.push(lineAt(c, i));
      await ctx.checkpoint();
    }
    return lines.sort((a, b) => b.day - a.day);
  },
};

/** A copy of the stats to send (the worker keeps its own for the next question). */
function statsCopy(stats: CustomerStats): [CustomerStats, Transferable[]] {
  const copy = structuredClone(stats);
  return [copy, Object.values(copy).filter(ArrayBuffer.isView).map((v) => (v as Uint8Array).buffer as ArrayBuffer)];
}

export type AnalysisHandlers = typeof handlers;
serve(handlers);
