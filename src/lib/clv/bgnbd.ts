/**
 * BG/NBD (Fader, Hardie & Lee 2005): how many purchases a customer will make and whether he is
 * still "alive", from three numbers per customer in one time unit (see summary.ts):
 * x = repeat purchase days, tx = recency (last − first purchase), T = age (end − first purchase).
 * Formulas as in the `lifetimes` Python library, so its published CDNOW fit is a reference check.
 */
import { lnGamma, lnHyp2f1 } from './special';
import { fitInRounds, spreadSample } from './nelder-mead';

/** Rows the first, long optimiser round sees at most (see fitInRounds). */
export const SAMPLE_ROWS = 5000;
import { err, ok, type Result } from '../result';

export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Customers as aligned columns; `weight` counts identical rows merged into one (default 1 each). */
export interface RfSummary {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  weight?: ArrayLike<number>;
}

export interface BgnbdFit {
  params: BgnbdParams;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** A parameter ended at the search limit (e^±12): the data cannot tell it apart from infinity or zero. */
  atLimit: boolean;
  customers: number;
}

export type FitError = { code: 'clv.tooFewCustomers' | 'clv.noRepeat' | 'clv.notConverged'; customers: number };

/**
 * The summary indexed for fast likelihoods: recency and age take few distinct values (whole days
 * in some unit), so their logarithms are computed once per value, not once per customer.
 */
interface Prepared {
  xs: number[];
  ts: number[];
  txs: number[];
  xi: Int32Array;
  ti: Int32Array;
  txi: Int32Array;
  weight: Float64Array;
}

function prepare(s: RfSummary): Prepared {
  const n = s.x.length;
  const index = (values: ArrayLike<number>, out: number[]) => {
    const map = new Map<number, number>();
    const at = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      let k = map.get(v);
      if (k === undefined) {
        k = out.length;
        map.set(v, k);
        out.push(v);
      }
      at[i] = k;
    }
    return at;
  };
  const xs: number[] = [];
  const ts: number[] = [];
  const txs: number[] = [];
  const xi = index(s.x, xs);
  const ti = index(s.T, ts);
  const txi = index(s.tx, txs);
  const weight = Float64Array.from({ length: n }, (_, i) => (s.weight ? s.weight[i]! : 1));
  return { xs, ts, txs, xi, ti, txi, weight };
}

function logLikelihood(p: BgnbdParams, d: Prepared): number {
  const { r, alpha, a, b } = p;
  const base = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
  // Terms that depend on x only (few distinct x).
  const a12 = d.xs.map((x) => base + lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x));
  const a4base = d.xs.map((x) => (x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0));
  const lnT = d.ts.map((T) => Math.log(alpha + T));
  const lnTx = d.txs.map((tx) => Math.log(alpha + tx));
  let total = 0;
  for (let i = 0; i < d.xi.length; i++) {
    const k = d.xi[i]!;
    const x = d.xs[k]!;
    const a3 = -(r + x) * lnT[d.ti[i]!]!;
    let ll = a12[k]! + a3;
    if (x > 0) {
      // log(e^a3 + e^a4) = a3 + log(1 + e^(a4 − a3)), kept from overflowing.
      const diff = a4base[k]! - (r + x) * lnTx[d.txi[i]!]! - a3;
      ll += diff > 0 ? diff + Math.log1p(Math.exp(-diff)) : Math.log1p(Math.exp(diff));
    }
    total += d.weight[i]! * ll;
  }
  return total;
}

/** Total log-likelihood of the summary under the parameters. */
export function bgnbdLogLikelihood(p: BgnbdParams, s: RfSummary): number {
  return logLikelihood(p, prepare(s));
}

/**
 * Log-parameters beyond ±12 (e^12 ≈ 160,000) are refused: a store with no visible drop-out sends
 * a and b towards infinity, and the search would otherwise wander there for thousands of steps.
 */
export const outOfBounds = (v: readonly number[]) => v.some((x) => Math.abs(x) > 12);
export const nearLimit = (v: readonly number[]) => v.some((x) => Math.abs(x) > 11.5);

const fromLog = (v: number[]): BgnbdParams => ({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) });

/** Maximum likelihood by Nelder–Mead over the logs of the parameters (keeps them positive). */
export function fitBgnbd(s: RfSummary): Result<BgnbdFit, FitError> {
  let customers = 0;
  let repeat = 0;
  for (let i = 0; i < s.x.length; i++) {
    const w = s.weight ? s.weight[i]! : 1;
    customers += w;
    if (s.x[i]! > 0) repeat += w;
  }
  if (customers < 10) return err({ code: 'clv.tooFewCustomers', customers });
  if (repeat === 0) return err({ code: 'clv.noRepeat', customers });
  // Mean negative log-likelihood: the stopping tolerance then means the same for any data size.
  const objective = (d: Prepared) => {
    let total = 0;
    for (const w of d.weight) total += w;
    return (v: number[]) => (outOfBounds(v) ? Infinity : -logLikelihood(fromLog(v), d) / total);
  };
  const rows = spreadSample(s.x.length, SAMPLE_ROWS);
  const pick = (col: ArrayLike<number>) => Float64Array.from(rows!, (i) => col[i]!);
  const sampled = rows ? objective(prepare({ x: pick(s.x), tx: pick(s.tx), T: pick(s.T), weight: pick(s.weight ?? new Float64Array(s.x.length).fill(1)) })) : null;
  const m = fitInRounds(objective(prepare(s)), sampled, [0, 0, 0, 0]);
  if (!Number.isFinite(m.value)) return err({ code: 'clv.notConverged', customers });
  return ok({ params: fromLog(m.x), logLikelihood: -m.value * customers, iterations: m.iterations, converged: m.converged, atLimit: nearLimit(m.x), customers });
}

/** Probability the customer is still active at T. */
export function probabilityAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logDiv = (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx)) + Math.log(p.a / (p.b + x - 1));
  return 1 / (1 + Math.exp(logDiv));
}

/** Expected purchases in the next `t` time units, given x, tx and T. */
export function expectedPurchases(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const lnHyp = lnHyp2f1(r + x, b + x, a + b + x - 1, z);
  const first = (a + b + x - 1) / (a - 1);
  const second = 1 - Math.exp(lnHyp + (r + x) * Math.log((alpha + T) / (alpha + t + T)));
  const denominator = x > 0 ? 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 1;
  return (first * second) / denominator;
}
