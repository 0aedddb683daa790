/**
 * Reference check against the `lifetimes` library's published fits on the CDNOW calibration
 * summary (tests/fixtures/clv/, from /work/shared/fixtures; weeks, 39-week calibration).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { bgnbdLogLikelihood, expectedPurchases, fitBgnbd, probabilityAlive } from '../../src/lib/clv/bgnbd';
import { expectedSpend, fitGammaGamma } from '../../src/lib/clv/gammagamma';

const rows = Papa.parse<Record<string, string>>(readFileSync(new URL('../fixtures/clv/cdnow_customers_summary.csv', import.meta.url), 'utf8'), {
  header: true,
  skipEmptyLines: true,
}).data;
const summary = {
  x: rows.map((r) => Number(r.frequency)),
  tx: rows.map((r) => Number(r.recency)),
  T: rows.map((r) => Number(r.T)),
};

const within1Percent = (actual: number, expected: number) => expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(0.01);

describe('BG/NBD on CDNOW', () => {
  it('reads 2,357 customers', () => expect(rows).toHaveLength(2357));

  const fit = fitBgnbd(summary);
  if (!fit.ok) throw new Error(fit.error.code);
  const { params, logLikelihood } = fit.value;

  it('fits r, α, a, b within 1 % of the published values', () => {
    within1Percent(params.r, 0.2426);
    within1Percent(params.alpha, 4.4135);
    within1Percent(params.a, 0.7929);
    within1Percent(params.b, 2.4258);
  });

  it('reaches the published log-likelihood', () => {
    within1Percent(logLikelihood, -9582.43);
    // At the published parameters the likelihood is the same to 0.01 (same formula).
    expect(bgnbdLogLikelihood({ r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }, summary)).toBeCloseTo(-9582.43, 0);
  });

  it('expects ≈ 1.226 purchases in 39 weeks for x = 2, tₓ = 30.43, T = 38.86', () => {
    within1Percent(expectedPurchases(params, 39, 2, 30.43, 38.86), 1.226);
  });

  it('forecasts a heavy buyer (100 repeat weeks, still buying) finitely', () => {
    const e = expectedPurchases(params, 39, 100, 38.5, 38.86);
    expect(Number.isFinite(e)).toBe(true);
    // About his own rate: 100 repeat purchases in 38.5 weeks → ≈ 100 in the next 39 weeks at most.
    expect(e).toBeGreaterThan(50);
    expect(e).toBeLessThan(110);
  });

  it('gives a one-time buyer probability 1 of being alive and a lapsed repeat buyer less', () => {
    expect(probabilityAlive(params, 0, 0, 38.86)).toBe(1);
    expect(probabilityAlive(params, 2, 1, 38.86)).toBeLessThan(probabilityAlive(params, 2, 38, 38.86));
  });
});

describe('Gamma-Gamma on the 946 CDNOW repeat customers', () => {
  const spend = Papa.parse<Record<string, string>>(readFileSync(new URL('../fixtures/clv/cdnow_repeat_spend.csv', import.meta.url), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  const fit = fitGammaGamma({ x: spend.map((r) => Number(r.frequency)), monetary: spend.map((r) => Number(r.monetary_value)) });
  if (!fit.ok) throw new Error(fit.error.code);
  const { p, q, v } = fit.value.params;

  it('fits 946 customers', () => expect(fit.value.customers).toBe(946));

  it('fits p, q, v within 1 % of the published values', () => {
    within1Percent(p, 6.249);
    within1Percent(q, 3.745);
    within1Percent(v, 15.448);
  });

  it('shrinks a customer’s mean spend towards the population mean', () => {
    const population = (p * v) / (q - 1);
    expect(expectedSpend(fit.value.params, 0, 0)).toBeCloseTo(population, 10);
    const one = expectedSpend(fit.value.params, 1, 100);
    expect(one).toBeLessThan(100);
    expect(one).toBeGreaterThan(population);
    // More purchases: closer to the customer's own mean.
    expect(Math.abs(expectedSpend(fit.value.params, 20, 100) - 100)).toBeLessThan(Math.abs(one - 100));
  });
});
