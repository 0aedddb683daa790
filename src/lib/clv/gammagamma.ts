/**
 * Gamma–Gamma spend model (Fader, Hardie & Lee 2005): each customer's mean spend per repeat
 * purchase, shrunk towards the population's. Fitted on repeat customers only (x > 0, mean > 0);
 * formulas as in `lifetimes`, whose CDNOW fit is the reference check.
 */
import { lnGamma } from './special';
import { fitInRounds, spreadSample } from './nelder-mead';
import { err, ok, type Result } from '../result';
import { nearLimit, outOfBounds, SAMPLE_ROWS, type FitError } from './bgnbd';

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface SpendSummary {
  /** Repeat purchases. */
  x: ArrayLike<number>;
  /** Mean spend of the repeat purchases. */
  monetary: ArrayLike<number>;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  converged: boolean;
  /** A parameter ended at the search limit (see BgnbdFit). */
  atLimit: boolean;
  customers: number;
}

/** Repeat customers only, with what does not depend on the parameters computed once. */
interface Prepared {
  xs: number[];
  xi: Int32Array;
  x: Float64Array;
  m: Float64Array;
  lnM: Float64Array;
}

function prepare(s: SpendSummary): Prepared {
  const xs: number[] = [];
  const at = new Map<number, number>();
  const xi: number[] = [];
  const x: number[] = [];
  const m: number[] = [];
  for (let i = 0; i < s.x.length; i++) {
    const xv = s.x[i]!;
    const mv = s.monetary[i]!;
    if (!(xv > 0 && mv > 0)) continue;
    let k = at.get(xv);
    if (k === undefined) {
      k = xs.length;
      at.set(xv, k);
      xs.push(xv);
    }
    xi.push(k);
    x.push(xv);
    m.push(mv);
  }
  return { xs, xi: Int32Array.from(xi), x: Float64Array.from(x), m: Float64Array.from(m), lnM: Float64Array.from(m, Math.log) };
}

function logLikelihood(g: GammaGammaParams, d: Prepared): number {
  const { p, q, v } = g;
  const base = -lnGamma(q) + q * Math.log(v);
  // Per distinct x: ln Γ(px + q) − ln Γ(px) + px ln x.
  const byX = d.xs.map((x) => base + lnGamma(p * x + q) - lnGamma(p * x) + p * x * Math.log(x));
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const px = p * d.x[i]!;
    total += byX[d.xi[i]!]! + (px - 1) * d.lnM[i]! - (px + q) * Math.log(d.x[i]! * d.m[i]! + v);
  }
  return total;
}

export function gammaGammaLogLikelihood(g: GammaGammaParams, s: SpendSummary): number {
  return logLikelihood(g, prepare(s));
}

export function fitGammaGamma(s: SpendSummary): Result<GammaGammaFit, FitError> {
  const prepared = prepare(s);
  const customers = prepared.x.length;
  if (customers < 10) return err({ code: 'clv.tooFewCustomers', customers });
  const at = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0]!), q: Math.exp(v[1]!), v: Math.exp(v[2]!) });
  const objective = (d: Prepared) => (v: number[]) => (outOfBounds(v) ? Infinity : -logLikelihood(at(v), d) / d.x.length);
  const rows = spreadSample(customers, SAMPLE_ROWS);
  const pick = (col: ArrayLike<number>) => Float64Array.from(rows!, (i) => col[i]!);
  const sampled = rows ? objective(prepare({ x: pick(prepared.x), monetary: pick(prepared.m) })) : null;
  const m = fitInRounds(objective(prepared), sampled, [0, 0, 0]);
  if (!Number.isFinite(m.value)) return err({ code: 'clv.notConverged', customers });
  return ok({ params: at(m.x), logLikelihood: -m.value * customers, converged: m.converged, atLimit: nearLimit(m.x), customers });
}

/** Expected mean spend per purchase; a customer without repeat purchases gets the population mean. */
export function expectedSpend(g: GammaGammaParams, x: number, monetary: number): number {
  if (x > 0 && monetary > 0) return (g.p * (g.v + x * monetary)) / (g.p * x + g.q - 1);
  return (g.p * g.v) / (g.q - 1);
}
