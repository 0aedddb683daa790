import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../src/lib/clv/nelder-mead';
import { hyp2f1, lnGamma, lnHyp2f1 } from '../../src/lib/clv/special';

describe('lnGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [10.5, 13.940625219403763], // ln(9.5!·…) from tables
  ])('ln Γ(%d)', (x, expected) => expect(lnGamma(x)).toBeCloseTo(expected, 10));
});

describe('hyp2f1', () => {
  it('is 1 at z = 0', () => expect(hyp2f1(1.3, 2.1, 3.2, 0)).toBe(1));
  it('matches −ln(1 − z)/z = ₂F₁(1, 1; 2; z)', () => expect(hyp2f1(1, 1, 2, 0.9)).toBeCloseTo(-Math.log(0.1) / 0.9, 10));
  it('matches (1 − z)^(−a) = ₂F₁(a, b; b; z)', () => expect(hyp2f1(2.5, 3, 3, 0.5)).toBeCloseTo(0.5 ** -2.5, 10));
});

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum at (1, 1)', () => {
    const m = nelderMead((v) => 100 * (v[1]! - v[0]! ** 2) ** 2 + (1 - v[0]!) ** 2, [-1.2, 1], { tolerance: 1e-14, maxIterations: 5000 });
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(1, 4);
    expect(m.x[1]).toBeCloseTo(1, 4);
  });
  it('treats a non-finite value as worse than any other', () => {
    const m = nelderMead((v) => (v[0]! <= 0 ? NaN : (Math.log(v[0]!) - 1) ** 2), [1], { tolerance: 1e-14 });
    expect(m.x[0]).toBeCloseTo(Math.E, 5);
  });
  it('stops at maxIterations and says it did not converge', () => {
    const m = nelderMead((v) => v[0]! ** 2 + v[1]! ** 2, [5, 5], { maxIterations: 3 });
    expect(m.converged).toBe(false);
    expect(m.iterations).toBe(3);
  });
});

describe('lnHyp2f1', () => {
  it('agrees with the direct series either way round', () => {
    // Euler's form chosen (small c − a, c − b) and the direct one give the same number.
    expect(lnHyp2f1(2.24, 4.43, 6.2, 0.3)).toBeCloseTo(Math.log(hyp2f1(2.24, 4.43, 6.2, 0.3)), 10);
    expect(lnHyp2f1(0.5, 0.7, 40, 0.6)).toBeCloseTo(Math.log(hyp2f1(0.5, 0.7, 40, 0.6)), 10);
  });
  it('stays finite for a customer with 500 purchases', () => {
    // r + x, b + x, a + b + x − 1 with CDNOW's parameters and x = 500
    const v = lnHyp2f1(500.24, 502.43, 502.22, 0.5);
    expect(Number.isFinite(v)).toBe(true);
    // Euler: (1 − z)^(c − a − b) ₂F₁(c − a, c − b; c; z), c − a − b = −500.45
    expect(v).toBeCloseTo(500.45 * Math.log(2) + Math.log(hyp2f1(1.98, -0.21, 502.22, 0.5)), 8);
  });
});
