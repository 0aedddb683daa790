/**
 * Pure steps of the rule editor and the manual cut-point form: the screen only keeps a draft
 * and calls these, so every rule (move, add, parse) is unit-tested here.
 */
import { err, ok, type Result } from '../result';
import type { RfmLevels } from './score';
import { type SegmentName, type SegmentRule, type SegmentRuleSet } from './segments';
import { RESERVED_IDS } from './rules-json';

/** A copy of `rules` with the rule at `index` moved one place up (−1) or down (+1); unchanged at the ends. */
export function moveRule<T>(rules: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  const copy = [...rules];
  if (index < 0 || index >= rules.length || to < 0 || to >= rules.length) return copy;
  [copy[index], copy[to]] = [copy[to] as T, copy[index] as T];
  return copy;
}

/** An id no rule uses yet (and not a reserved one): `rule-1`, `rule-2`, … */
export function freshRuleId(rules: readonly { id: string }[]): string {
  const used = new Set([...rules.map((r) => r.id), ...RESERVED_IDS]);
  let k = rules.length + 1;
  while (used.has(`rule-${k}`)) k++;
  return `rule-${k}`;
}

/** A rule matching every cell, to be narrowed by the user. */
export function blankRule(rules: readonly { id: string }[], levels: RfmLevels, name: SegmentName): SegmentRule {
  return { id: freshRuleId(rules), name, r: [1, levels], f: [1, levels], m: [1, levels] };
}

/**
 * A rule set written for other levels, for `levels` levels: every bound clamped to 1…levels
 * (a 5-level preset as a start for 3 levels; the cell map then shows what the user must fix).
 */
export function withLevels(set: SegmentRuleSet, levels: RfmLevels): SegmentRuleSet {
  const clamp = (v: number) => Math.min(Math.max(v, 1), levels);
  const range = ([lo, hi]: readonly [number, number]) => [clamp(lo), clamp(hi)] as const;
  return { ...set, levels, rules: set.rules.map((r) => ({ ...r, r: range(r.r), f: range(r.f), m: range(r.m) })) };
}

export type CutFieldError = { code: 'cut.empty' } | { code: 'cut.notANumber' } | { code: 'cut.negative' } | { code: 'cut.notAbove'; previous: number };

/**
 * One metric's cut points as typed in the form, one text per field ("1,000" and "¥" allowed).
 * Every field gets its own verdict, so each input can show its message; the list is ok only
 * when all are numbers ≥ 0 rising strictly (an equal cut would leave a level with no range).
 */
export function parseCutFields(texts: readonly string[]): Result<number[], (CutFieldError | null)[]> {
  const values: (number | null)[] = [];
  const errors: (CutFieldError | null)[] = texts.map((raw) => {
    const text = raw.trim().replace(/^[¥￥]\s*/, '').replace(/[,，]/g, '');
    if (text === '') return (values.push(null), { code: 'cut.empty' });
    if (!/^-?\d+(\.\d+)?$/.test(text)) return (values.push(null), { code: 'cut.notANumber' });
    const v = Number(text);
    values.push(v);
    return v < 0 ? { code: 'cut.negative' } : null;
  });
  for (let i = 1; i < values.length; i++) {
    const prev = values[i - 1];
    const v = values[i];
    if (errors[i] === null && prev !== null && prev !== undefined && v !== null && v !== undefined && v <= prev) errors[i] = { code: 'cut.notAbove', previous: prev };
  }
  return errors.some((e) => e !== null) ? err(errors) : ok(values as number[]);
}
