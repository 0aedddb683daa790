/**
 * Where the analysis worker's time goes, step by step, in Node over generated lines cut into stored
 * chunks as the app keeps them (10,000 lines, each with its own order dictionary). Best of three per
 * step. In Chromium: node bench/analysis/profile-chromium.mjs [lines] [customers]; in Node:
 * npx rolldown bench/analysis/profile.ts -p node -f esm -o /tmp/keqing-profile.mjs && node /tmp/keqing-profile.mjs
 */
import { DEFAULT_ABC_CUTS } from '../../src/lib/abc/abc';
import { runAbcPacked } from '../../src/lib/abc/from-stats';
import { ScoringFacts } from '../../src/lib/customers/facts';
import { customerStats } from '../../src/lib/customers/stats';
import { CHUNK_LINES, type PurchaseColumns } from '../../src/lib/purchases/columns';
import { OrderIndex } from '../../src/lib/purchases/order-index';
import { runRfmPacked, type RfmRequest } from '../../src/lib/rfm/from-stats';
import { packedBuffers } from '../../src/lib/rfm/packed';
import { defaultTierParams, reviewFromLines } from '../../src/lib/tiers';
import { reviewCustomers, tierFactsFromStats } from '../../src/lib/tiers/from-lines';
import { reviewTiers } from '../../src/lib/tiers/review';
import { benchLines } from './lines';

// In Node from the command line; in a browser page from globalThis.keqingProfile (bench/analysis/profile-chromium.mjs).
const args = (globalThis as { keqingProfile?: string[] }).keqingProfile ?? (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2);
const LINES = Number(args[0] ?? 1_000_000);
const CUSTOMERS = Number(args[1] ?? 100_000);

/** The generated lines as stored chunks: each chunk names only the order nos. it uses. */
function storedChunks(all: PurchaseColumns): PurchaseColumns[] {
  const chunks: PurchaseColumns[] = [];
  for (let from = 0; from < all.length; from += CHUNK_LINES) {
    const to = Math.min(all.length, from + CHUNK_LINES);
    const remap = new Map<number, number>();
    const orderDict: string[] = [];
    const orderNo = new Int32Array(to - from);
    for (let i = from; i < to; i++) {
      const o = all.orderNo[i]!;
      let local = remap.get(o);
      if (local === undefined) {
        local = orderDict.length;
        remap.set(o, local);
        orderDict.push(all.orderDict[o]!);
      }
      orderNo[i - from] = local;
    }
    chunks.push({
      length: to - from,
      day: all.day.slice(from, to),
      customerId: all.customerId.slice(from, to),
      amount: all.amount.slice(from, to),
      quantity: all.quantity.slice(from, to),
      points: all.points.slice(from, to),
      flags: all.flags.slice(from, to),
      orderNo,
      itemNo: all.itemNo.slice(from, to),
      customerRef: all.customerRef.slice(from, to),
      orderDict,
      itemDict: all.itemDict,
      customerRefDict: [],
    });
  }
  return chunks;
}

const best = new Map<string, number>();
const record = (label: string, ms: number) => best.set(label, Math.min(best.get(label) ?? Infinity, ms));
function time<T>(label: string, work: () => T): T {
  const t0 = performance.now();
  const value = work();
  record(label, performance.now() - t0);
  return value;
}

const chunks = storedChunks(benchLines(LINES, CUSTOMERS));
const request: RfmRequest = { analysisDay: null, method: 'quantile', preset: 'rfm030' };
let reviewDay = 0;
for (const c of chunks) for (const d of c.day) reviewDay = Math.max(reviewDay, d + 1);
let customers = 0;
// Best of many: on a shared machine the least disturbed run is the one to compare.
const REPEAT = 8;
for (let round = 0; round < 3; round++) {
  const orderIndex = new OrderIndex();
  time('load: order numbering', () => chunks.forEach((c) => orderIndex.of(c)));
  const stats = time('load: stats from lines', () => customerStats(chunks, Infinity, {}, orderIndex));
  customers = stats.ids.length;
  for (let again = 0; again < REPEAT; again++) {
    // As the worker answers: from the facts of this lines version (fresh: nothing derived yet), the answer packed and posted.
    const facts = new ScoringFacts(stats);
    const t0 = performance.now();
    const rfm = time('answer: rfm (quantile)', () => runRfmPacked(facts, request));
    if (!rfm.ok) throw new Error('rfm failed');
    time('answer: abc', () => runAbcPacked(facts, DEFAULT_ABC_CUTS));
    const review = time('answer: tier review', () => reviewFromLines(chunks, [], reviewDay, defaultTierParams, orderIndex, stats));
    record('answer: rfm + abc + tiers', performance.now() - t0);
    time('answer: rfm post (clone, transfer)', () => structuredClone(rfm.value, { transfer: packedBuffers(rfm.value.packed) }));
    if (again < 2) time('answer: tier review post (clone)', () => structuredClone(review));
    time('rescore: method rfm030', () => runRfmPacked(facts, { ...request, method: 'rfm030' }));
    time('rescore: preset rfGrid', () => runRfmPacked(facts, { ...request, preset: 'rfGrid' }));
    time('rescore: abc cut', () => runAbcPacked(facts, { a: 0.7, b: 0.9 }));
    // Inside the tier review.
    const tierFacts = time('  tiers: facts from stats', () => tierFactsFromStats(stats, chunks, reviewDay, defaultTierParams, orderIndex)!);
    const rows = time('  tiers: review rows', () => reviewCustomers(tierFacts, defaultTierParams));
    time('  tiers: reviewTiers, first review', () => reviewTiers(rows, [], reviewDay, defaultTierParams));
    time('  tiers: reviewTiers with stored state', () => reviewTiers(rows, review.state, reviewDay, defaultTierParams));
  }
}
console.log(`${LINES} lines, ${chunks.length} chunks, ${customers} customers`);
for (const [label, ms] of best) console.log(`${label.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms`);
