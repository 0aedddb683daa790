/** Special functions the lifetime-value models need (double precision, no dependencies). */

// Lanczos approximation (g = 7, n = 9): about 15 significant digits for x > 0.
const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let a = lanczos[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += lanczos[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln B(a, b). */
export const lnBeta = (a: number, b: number) => lnGamma(a) + lnGamma(b) - lnGamma(a + b);

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series; the terms shrink like
 * zⁿ once n passes the parameters, so z near 1 needs many (capped at 20,000 terms).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 20_000; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * ln ₂F₁(a, b; c; z), by the direct series or by Euler's transformation
 * ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c−a, c−b; c; z), whichever starts with smaller terms:
 * for BG/NBD the direct terms first grow like x·z for a customer with x purchases, Euler's like
 * the model's a (huge when a store shows no drop-out).
 */
export function lnHyp2f1(a: number, b: number, c: number, z: number): number {
  if (Math.abs((c - a) * (c - b)) < Math.abs(a * b)) {
    const h = hyp2f1(c - a, c - b, c, z);
    if (h > 0) return (c - a - b) * Math.log1p(-z) + Math.log(h);
  }
  return Math.log(hyp2f1(a, b, c, z));
}
