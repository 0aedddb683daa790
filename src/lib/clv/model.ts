/**
 * Fits BG/NBD and Gamma-Gamma to a transaction summary and scores every customer: probability
 * still active, expected purchases and expected value over a horizon. Pure; runs in the clv worker.
 */
import { expectedPurchases, fitBgnbd, probabilityAlive, type BgnbdFit, type FitError } from './bgnbd';
import { expectedSpend, fitGammaGamma, type GammaGammaFit } from './gammagamma';
import { timeUnits, type TransactionSummary } from './summary';
import { err, ok, type Result } from '../result';

export interface ClvScores {
  ids: Int32Array;
  x: Float64Array;
  /** Probability still active at the end of observation. */
  pAlive: Float64Array;
  /** Expected purchase days in the horizon. */
  purchases: Float64Array;
  /** Expected spend per purchase day, fen (Gamma-Gamma; the observed mean when it could not be fitted). */
  spend: Float64Array;
  /** purchases × spend, fen. */
  value: Float64Array;
  /** Spend to date, fen (all purchase days). */
  total: Float64Array;
}

export interface ClvOutcome {
  unit: TransactionSummary['unit'];
  endDay: number;
  horizonDays: number;
  bgnbd: BgnbdFit;
  /** null when too few repeat customers to fit spend. */
  gammaGamma: GammaGammaFit | null;
  scores: ClvScores;
  fitMs: number;
}

/**
 * Identical (x, tx, T) rows merged with a weight: in days, many one-time buyers share a first
 * day, so the likelihood is evaluated on far fewer rows.
 */
export function compress(s: Pick<TransactionSummary, 'x' | 'tx' | 'T'>) {
  const map = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < s.x.length; i++) {
    const key = `${s.x[i]}|${s.tx[i]}|${s.T[i]}`;
    const k = map.get(key);
    if (k !== undefined) {
      weight[k]!++;
      continue;
    }
    map.set(key, x.length);
    x.push(s.x[i]!);
    tx.push(s.tx[i]!);
    T.push(s.T[i]!);
    weight.push(1);
  }
  return { x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), weight: Float64Array.from(weight) };
}

export function fitClv(s: TransactionSummary, horizonDays: number, now: () => number = () => performance.now()): Result<ClvOutcome, FitError> {
  const started = now();
  const bg = fitBgnbd(compress(s));
  if (!bg.ok) return err(bg.error);
  // Gamma-Gamma reads spend in yuan: its scale parameter then stays in a range the optimiser's start suits.
  const yuan = Float64Array.from(s.monetary, (m) => m / 100);
  const gg = fitGammaGamma({ x: s.x, monetary: yuan });
  const fitMs = now() - started;
  const n = s.ids.length;
  const t = horizonDays / timeUnits[s.unit];
  const scores: ClvScores = {
    ids: s.ids.slice(),
    x: s.x.slice(),
    pAlive: new Float64Array(n),
    purchases: new Float64Array(n),
    spend: new Float64Array(n),
    value: new Float64Array(n),
    total: s.total.slice(),
  };
  for (let i = 0; i < n; i++) {
    const x = s.x[i]!;
    scores.pAlive[i] = probabilityAlive(bg.value.params, x, s.tx[i]!, s.T[i]!);
    scores.purchases[i] = expectedPurchases(bg.value.params, t, x, s.tx[i]!, s.T[i]!);
    // Without a spend model: the customer's own mean purchase day (first day included).
    const own = s.total[i]! / (x + 1);
    scores.spend[i] = gg.ok ? Math.round(expectedSpend(gg.value.params, x, yuan[i]!) * 100) : Math.round(own);
    scores.value[i] = Math.round(scores.purchases[i]! * scores.spend[i]!);
  }
  return ok({ unit: s.unit, endDay: s.endDay, horizonDays, bgnbd: bg.value, gammaGamma: gg.ok ? gg.value : null, scores, fitMs });
}

export interface ClvListOptions {
  /** "Active": probability alive at least this. */
  activeAt: number;
  /** "Likely lost": probability alive below this. */
  lostBelow: number;
  /** How many customers each list shows at most. */
  size: number;
}
export const defaultListOptions: ClvListOptions = { activeAt: 0.7, lostBelow: 0.3, size: 100 };

/**
 * "Active and valuable": likely active, highest expected value first. "Likely lost, worth a call":
 * repeat buyers probably gone, highest past spend first (what a call could win back).
 */
export function clvLists(scores: ClvScores, o: ClvListOptions): { valuable: number[]; lost: number[] } {
  const all = Array.from(scores.ids, (_, i) => i);
  const valuable = all
    .filter((i) => scores.pAlive[i]! >= o.activeAt && scores.value[i]! > 0)
    .sort((a, b) => scores.value[b]! - scores.value[a]!)
    .slice(0, o.size);
  const lost = all
    .filter((i) => scores.x[i]! > 0 && scores.pAlive[i]! < o.lostBelow)
    .sort((a, b) => scores.total[b]! - scores.total[a]!)
    .slice(0, o.size);
  return { valuable, lost };
}
