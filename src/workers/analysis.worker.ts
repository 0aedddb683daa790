/**
 * Holds every purchase line as typed arrays and answers questions about them, so a screen can
 * re-ask (another filter, another date) without reading IndexedDB again.
 */
import { ok } from '../lib/result';
import { packClasses, packedBuffers, packScores } from '../lib/rfm/packed';
import { registrationRate } from '../lib/customers/quality';
import { purchaseKpis } from '../lib/kpi/purchases';
import { runAbc } from '../lib/abc/from-stats';
import { runAbcByClass } from '../lib/abc/by-class-stats';
import { runMigration, runRfm, statsKey, statsSpec, type RfmRequest } from '../lib/rfm/from-stats';
import { customerStats, statsAccumulator, type CustomerStats } from '../lib/customers/stats';
import { OrderIndex } from '../lib/purchases/order-index';
import { lineAt, type PurchaseColumns, type PurchaseLine } from '../lib/purchases/columns';
import { reviewFromLines } from '../lib/tiers/from-lines';
import { growthSpends } from '../lib/growth/from-lines';
import { reviewAllGrowth } from '../lib/growth/levels';
import { historicValues } from '../lib/clv/historic';
import { defaultEndDay, transactionSummary } from '../lib/clv/summary';
import { defaultAnalysisDay } from '../lib/rfm/from-stats';
import { salesByItem } from '../lib/products/sales';
import { gradeFacts } from '../lib/grades/facts';
import type { FromAnalysisWorker, ToAnalysisWorker } from './protocol';

let chunks: PurchaseColumns[] = [];
// Order nos. numbered once per loaded store: every count over the lines reuses the numbering.
let orderIndex = new OrderIndex();
let loading = '';
let accumulator = statsAccumulator(Infinity, {}, orderIndex);
let stats: CustomerStats | null = null;

/** Stats as the store stood on `day` (purchases before it); all of them when no day is given. */
function statsBefore(day: number | null): CustomerStats {
  stats ??= accumulator.result();
  if (day === null) return stats;
  return customerStats(chunks, day, {}, orderIndex);
}

/**
 * Stats for an RFM request, kept per (date, period, frequency basis): a new cut point, method
 * or rule set re-scores from these without counting the lines again. A few are kept (the
 * migration asks for two dates); the cache empties when the lines are reloaded.
 */
let rfmStats = new Map<string, CustomerStats>();
function statsFor(request: Pick<RfmRequest, 'analysisDay' | 'period' | 'frequency'>): CustomerStats {
  const spec = statsSpec(request);
  if (spec.beforeDay === Infinity && spec.options.fromDay === undefined && !spec.options.visitDays) return statsBefore(null);
  const key = statsKey(spec);
  let found = rfmStats.get(key);
  if (found) {
    rfmStats.delete(key); // re-inserted: the map's order is least recently used first
  } else {
    found = customerStats(chunks, spec.beforeDay, spec.options, orderIndex);
    if (rfmStats.size >= 6) rfmStats.delete(rfmStats.keys().next().value as string);
  }
  rfmStats.set(key, found);
  return found;
}

const post = (message: FromAnalysisWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

self.onmessage = ({ data }: MessageEvent<ToAnalysisWorker>) => {
  try {
    switch (data.type) {
      case 'loadStart':
        loading = data.version;
        chunks = [];
        orderIndex = new OrderIndex();
        accumulator = statsAccumulator(Infinity, {}, orderIndex);
        stats = null;
        rfmStats = new Map();
        return;
      case 'loadChunks':
        // Stats grow while the page is still reading the next chunks.
        if (data.version !== loading) return;
        for (const chunk of data.chunks) {
          chunks.push(chunk);
          accumulator.add(chunk);
        }
        return;
      case 'loadDone':
        // A superseded load is still answered (its caller then waits for the newer one).
        if (data.version === loading) stats = accumulator.result();
        return post({ type: 'loaded', requestId: data.requestId, version: data.version, lines: chunks.reduce((n, c) => n + c.length, 0) });
      case 'customerStats':
        // Copies go out; the worker keeps its own for the next question.
        return post({ type: 'customerStats', requestId: data.requestId, stats: structuredClone(statsBefore(null)) });
      case 'rfm': {
        const result = runRfm(statsFor(data.request), data.request);
        if (!result.ok) return post({ type: 'rfm', requestId: data.requestId, result });
        const packed = packScores(result.value.customers);
        return post({ type: 'rfm', requestId: data.requestId, result: ok({ ...result.value, customers: [] }), packed }, packedBuffers(packed));
      }
      case 'migration': {
        const { from, to } = data.request;
        const before = statsFor({ ...data.request, analysisDay: from });
        return post({ type: 'migration', requestId: data.requestId, result: runMigration(before, statsFor({ ...data.request, analysisDay: to }), data.request) });
      }
      case 'abc': {
        const result = runAbc(statsBefore(null), data.cuts);
        if (!result.ok) return post({ type: 'abc', requestId: data.requestId, result });
        const packed = packClasses(result.value.classOf);
        return post({ type: 'abc', requestId: data.requestId, result: ok({ ...result.value, classOf: {} }), packed }, [packed.ids.buffer, packed.classes.buffer] as ArrayBuffer[]);
      }
      case 'abcByClass':
        return post({ type: 'abcByClass', requestId: data.requestId, result: runAbcByClass(statsBefore(null), data.classOf, data.cuts) });
      case 'tierReview': {
        const { state, day, params } = data.request;
        return post({ type: 'tierReview', requestId: data.requestId, result: reviewFromLines(chunks, state, day, params, orderIndex, statsBefore(null)) });
      }
      case 'growthReview': {
        const { states, lastReview, today, scheme } = data.request;
        return post({ type: 'growthReview', requestId: data.requestId, result: reviewAllGrowth(growthSpends(chunks), states, lastReview, today, scheme) });
      }
      case 'clvSummary': {
        const end = data.endDay ?? defaultEndDay(chunks);
        const summary = end === null ? null : transactionSummary(chunks, end, data.unit);
        const transfer = summary ? [summary.ids, summary.firstDay, summary.lastDay, summary.x, summary.tx, summary.T, summary.monetary, summary.total].map((a) => a.buffer as ArrayBuffer) : [];
        return post({ type: 'clvSummary', requestId: data.requestId, summary }, transfer);
      }
      case 'clvDefaultEnd':
        return post({ type: 'clvDefaultEnd', requestId: data.requestId, endDay: defaultEndDay(chunks) });
      case 'historicValue': {
        const all = statsBefore(null);
        const asOfDay = defaultAnalysisDay(all);
        return post({ type: 'historicValue', requestId: data.requestId, asOfDay, rows: asOfDay === null ? [] : historicValues(all, asOfDay, data.settings) });
      }
      case 'gradeFacts': {
        const facts = gradeFacts(chunks, data.premiumUnitPrice, statsBefore(null));
        return post({ type: 'gradeFacts', requestId: data.requestId, facts }, [facts.ids.buffer, facts.amount.buffer, facts.orders.buffer, facts.premiumAmount.buffer] as ArrayBuffer[]);
      }
      case 'registration':
        return post({ type: 'registration', requestId: data.requestId, rate: registrationRate(chunks) });
      case 'productSales':
        return post({ type: 'productSales', requestId: data.requestId, sales: salesByItem(chunks, data.from, data.to) });
      case 'kpis':
        return post({ type: 'kpis', requestId: data.requestId, kpis: purchaseKpis(chunks, data.request, orderIndex) });
      case 'customerLines': {
        const lines: PurchaseLine[] = [];
        for (const c of chunks) for (let i = 0; i < c.length; i++) if (c.customerId[i] === data.customerId) lines.push(lineAt(c, i));
        lines.sort((a, b) => b.day - a.day);
        return post({ type: 'customerLines', requestId: data.requestId, lines });
      }
    }
  } catch (e) {
    post({ type: 'crashed', requestId: data.requestId, message: e instanceof Error ? e.message : String(e) });
  }
};
