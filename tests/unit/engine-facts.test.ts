/**
 * The analysis engine's kept facts (lib/customers/facts): a re-score from facts already used by
 * other questions (another method, preset, rule set, cut, basis or date) gives exactly the answer
 * scoring from scratch gives, and an answer sent away (its arrays transferred) leaves nothing kept
 * changed.
 */
import { describe, expect, it } from 'vitest';
import { runAbcPacked } from '../../src/lib/abc/from-stats';
import { ScoringFacts } from '../../src/lib/customers/facts';
import { customerStats, type CustomerStats } from '../../src/lib/customers/stats';
import { packLines, type PurchaseLine } from '../../src/lib/purchases/columns';
import { runRfm, runRfmPacked, type RfmRequest } from '../../src/lib/rfm/from-stats';
import { packedBuffers, unpackScores } from '../../src/lib/rfm/packed';

/** 2,000 lines over 300 customers: repeat buyers, returns, shared order nos. */
function manyLines(n: number, seed: number): PurchaseLine[] {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648);
  return Array.from({ length: n }, () => ({
    day: 19_000 + (next() % 900),
    customerId: 1 + (next() % 300),
    amount: (next() % 50_000) - 5_000,
    quantity: 1,
    orderNo: `O${next() % 1_500}`,
  }));
}

const stats = customerStats([packLines(manyLines(2_000, 11))], Infinity, { visitDays: true });
/** The stats as a fresh object: no facts derived from it yet. */
const cold = (s: CustomerStats) => new ScoringFacts({ ...s });

const quantile: RfmRequest = { analysisDay: null, method: 'quantile', preset: 'rfm030' };
// Every kind of change a screen makes, in the order a user might make them.
const asked: RfmRequest[] = [
  quantile,
  { ...quantile, method: 'rfm030' },
  { ...quantile, preset: 'rfGrid' },
  { ...quantile, preset: 'eightGroups', method: 'mean' },
  { ...quantile, preset: 'threeLevel' },
  { ...quantile, method: 'manual', cuts: { recency: [30, 90, 180, 365], frequency: [1, 2, 3, 5], monetary: [100, 300, 600, 1_000] } },
  { ...quantile, method: 'manual', cuts: { recency: [10, 60, 200, 400], frequency: [1, 2, 4, 6], monetary: [50, 200, 500, 2_000] } },
  { ...quantile, frequency: 'visitDays', monetary: 'net' },
  { ...quantile, analysisDay: 19_700 },
  quantile,
];

describe('re-scoring from kept facts', () => {
  it('gives, question after question, exactly the answer of a cold start', () => {
    const kept = new ScoringFacts(stats);
    for (const request of asked) {
      const warm = runRfmPacked(kept, request);
      expect(warm).toEqual(runRfmPacked(cold(stats), request));
      // And the answer the tests of lib/rfm pin, one object per customer.
      if (!warm.ok) throw new Error('scored');
      const { packed, ...outcome } = warm.value;
      expect({ ok: true, value: { ...outcome, customers: unpackScores(packed) } }).toEqual(runRfm(stats, request));
    }
    expect(kept.held).toBeGreaterThan(1); // inputs and quantiles were kept, not rebuilt each time
  });

  it('keeps nothing an answer carries away: a transferred answer leaves the next re-score whole', () => {
    const kept = new ScoringFacts(stats);
    const first = runRfmPacked(kept, quantile);
    if (!first.ok) throw new Error('scored');
    // postMessage with transfer detaches the arrays, as the worker sends them.
    structuredClone(first.value, { transfer: packedBuffers(first.value.packed) });
    expect(first.value.packed.monetary.length).toBe(0);
    expect(runRfmPacked(kept, { ...quantile, method: 'rfm030' })).toEqual(runRfmPacked(cold(stats), { ...quantile, method: 'rfm030' }));
  });

  it('re-cuts ABC from the kept ranking as a cold start would (hand-checked)', () => {
    // Sales ¥50, ¥30, ¥15, ¥5 (total ¥100): the shares before each are 0, 50 %, 80 %, 95 %.
    const four = customerStats([packLines([50, 30, 15, 5].map((yuan, i) => ({ day: 1, customerId: i + 1, amount: yuan * 100, quantity: 1 })))]);
    const kept = new ScoringFacts(four);
    const classes = (cuts: { a: number; b: number }) => {
      const r = runAbcPacked(kept, cuts);
      if (!r.ok) throw new Error('cut');
      expect(r).toEqual(runAbcPacked(cold(four), cuts));
      return Array.from(r.value.packed.classes);
    };
    // 80 / 95: A while the share before is under 80 % (0, 50 %), B under 95 % (80 %), then C.
    expect(classes({ a: 0.8, b: 0.95 })).toEqual([0, 0, 1, 2]);
    // 50 / 90: only the first is under 50 %; 50 % and 80 % are under 90 %; 95 % is not.
    expect(classes({ a: 0.5, b: 0.9 })).toEqual([0, 1, 1, 2]);
    expect(kept.held).toBe(1); // one ranking served both cuts
  });

  it('re-cuts ABC over many customers exactly as from scratch', () => {
    const kept = new ScoringFacts(stats);
    for (const cuts of [{ a: 0.8, b: 0.95 }, { a: 0.6, b: 0.7 }, { a: 0.3, b: 1 }]) expect(runAbcPacked(kept, cuts)).toEqual(runAbcPacked(cold(stats), cuts));
  });
});
