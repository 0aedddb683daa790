/**
 * Per-customer results packed as columns for the trip from the worker to the page: 100,000
 * customer objects cost the page a long structured-clone task on every re-score, where typed
 * arrays move for free (transferred) and objects are made only when a screen reads them.
 */
import type { RfmOutcome } from './from-stats';

type Scored = RfmOutcome['customers'][number];

export interface PackedScores {
  ids: Int32Array;
  /** Levels 1…5 and the score 100r + 10f + m (at most 555): small whole numbers, small arrays. */
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  score: Uint16Array;
  /** Index into `segments`. */
  segment: Uint16Array;
  segments: string[];
  recencyDays: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
}

export function packScores(customers: readonly Scored[]): PackedScores {
  const n = customers.length;
  const p: PackedScores = {
    ids: new Int32Array(n),
    r: new Uint8Array(n),
    f: new Uint8Array(n),
    m: new Uint8Array(n),
    score: new Uint16Array(n),
    segment: new Uint16Array(n),
    segments: [],
    recencyDays: new Float64Array(n),
    frequency: new Float64Array(n),
    monetary: new Float64Array(n),
  };
  const index = new Map<string, number>();
  customers.forEach((c, i) => {
    let s = index.get(c.segment);
    if (s === undefined) {
      s = p.segments.length;
      index.set(c.segment, s);
      p.segments.push(c.segment);
    }
    p.ids[i] = c.id;
    p.r[i] = c.r;
    p.f[i] = c.f;
    p.m[i] = c.m;
    p.score[i] = c.score;
    p.segment[i] = s;
    p.recencyDays[i] = c.recencyDays;
    p.frequency[i] = c.frequency;
    p.monetary[i] = c.monetary;
  });
  return p;
}

export function unpackScores(p: PackedScores): Scored[] {
  return Array.from(p.ids, (id, i) => ({
    id,
    r: p.r[i]!,
    f: p.f[i]!,
    m: p.m[i]!,
    score: p.score[i]!,
    segment: p.segments[p.segment[i]!]!,
    recencyDays: p.recencyDays[i]!,
    frequency: p.frequency[i]!,
    monetary: p.monetary[i]!,
  }));
}

export const packedBuffers = (p: PackedScores): ArrayBuffer[] =>
  [p.ids, p.r, p.f, p.m, p.score, p.segment, p.recencyDays, p.frequency, p.monetary].map((a) => a.buffer as ArrayBuffer);

/** ABC classes per customer as two columns (class 0 = A, 1 = B, 2 = C). */
export interface PackedClasses {
  ids: Int32Array;
  classes: Uint8Array;
}
const CLASS_NAMES = ['A', 'B', 'C'] as const;

export function packClasses(classOf: Readonly<Record<number, 'A' | 'B' | 'C'>>): PackedClasses {
  const entries = Object.entries(classOf);
  const p = { ids: new Int32Array(entries.length), classes: new Uint8Array(entries.length) };
  entries.forEach(([id, cls], i) => {
    p.ids[i] = Number(id);
    p.classes[i] = CLASS_NAMES.indexOf(cls);
  });
  return p;
}

export function unpackClasses(p: PackedClasses): Record<number, 'A' | 'B' | 'C'> {
  const out: Record<number, 'A' | 'B' | 'C'> = {};
  for (let i = 0; i < p.ids.length; i++) out[p.ids[i]!] = CLASS_NAMES[p.classes[i]!]!;
  return out;
}

/** Replaces `key` on `target` with a getter that builds the value once, on first read. */
export function lazily<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): T {
  let value: T[K] | undefined;
  Object.defineProperty(target, key, { enumerable: true, configurable: true, get: () => (value ??= build()) });
  return target;
}
