/**
 * Nelder–Mead simplex minimiser (Lagarias et al. 1998 coefficients), small enough to read and test.
 * npm's `fmin` has one, but it is an untyped CommonJS build last changed years ago; this is 70 lines.
 */
export interface MinimiseOptions {
  /** Stop when the simplex's values differ by less than this (absolute). */
  tolerance?: number;
  maxIterations?: number;
  /** Initial step for each coordinate (default 10 % of it, or 0.05 at 0). */
  step?: number;
}

export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

export function nelderMead(f: (x: number[]) => number, start: readonly number[], options: MinimiseOptions = {}): Minimum {
  const n = start.length;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 2000 * n;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity; // outside the domain: worst possible
  };
  const simplex: { x: number[]; v: number }[] = [{ x: [...start], v: value([...start]) }];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i] = x[i]! !== 0 ? x[i]! + (options.step ?? 0.1 * Math.abs(x[i]!)) : options.step ?? 0.05;
    simplex.push({ x, v: value(x) });
  }
  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i]! - ai));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((p, q) => p.v - q.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.v - best.v) <= tolerance && iterations > 0) return { x: best.x, value: best.v, iterations, converged: true };
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i]! += simplex[k]!.x[i]! / n;
    const reflected = combine(centroid, worst.x, -1);
    const vr = value(reflected);
    if (vr < best.v) {
      const expanded = combine(centroid, worst.x, -2);
      const ve = value(expanded);
      simplex[n] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
      continue;
    }
    if (vr < simplex[n - 1]!.v) {
      simplex[n] = { x: reflected, v: vr };
      continue;
    }
    // Contract towards the better of the worst point and its reflection.
    const outside = vr < worst.v;
    const contracted = combine(centroid, outside ? reflected : worst.x, 0.5);
    const vc = value(contracted);
    if (vc < (outside ? vr : worst.v)) {
      simplex[n] = { x: contracted, v: vc };
      continue;
    }
    // Shrink everything towards the best point.
    for (let k = 1; k <= n; k++) {
      const x = combine(best.x, simplex[k]!.x, 0.5);
      simplex[k] = { x, v: value(x) };
    }
  }
  simplex.sort((p, q) => p.v - q.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v, iterations, converged: false };
}

/** Rows of a large data set, evenly spread, at most `max` (all of them when fewer). */
export function spreadSample(length: number, max: number): Int32Array | null {
  if (length <= max) return null;
  const step = length / max;
  return Int32Array.from({ length: max }, (_, i) => Math.floor(i * step));
}

/**
 * A likelihood fit in two rounds: a restart from the first minimum escapes a simplex that
 * collapsed early. With `sampled` (the same objective on an evenly spread sample of a large data
 * set) the first, long round runs on the sample and only a short polish on every row, which
 * keeps 100,000 customers within seconds.
 */
export function fitInRounds(objective: (x: number[]) => number, sampled: ((x: number[]) => number) | null, start: readonly number[]): Minimum {
  const first = nelderMead(sampled ?? objective, start, { step: 0.5, tolerance: 1e-10, maxIterations: 1500 });
  return nelderMead(objective, first.x, sampled ? { step: 0.05, tolerance: 1e-10, maxIterations: 400 } : { step: 0.1, tolerance: 1e-11, maxIterations: 1500 });
}
