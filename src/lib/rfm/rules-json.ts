/** Segment rule sets to and from a JSON file (shared between trainees, kept with a backup). */
import { err, ok, type Result } from '../result';
import { isRfmLevels } from './score';
import { OTHERS, type LevelRange, type SegmentName, type SegmentRule, type SegmentRuleSet } from './segments';
import { NONE } from './migration';

export const RULE_SET_FORMAT = 'keqing.rfmSegments';
export const RULE_SET_VERSION = 1;

export type RuleField = 'id' | 'name.zh' | 'name.en' | 'r' | 'f' | 'm';

export type RuleSetError =
  | { code: 'rules.badJson' }
  | { code: 'rules.notObject' }
  | { code: 'rules.badFormat'; format: unknown; version: unknown }
  | { code: 'rules.badLevels'; levels: unknown }
  | { code: 'rules.notList' }
  | { code: 'rules.ruleNotObject'; index: number }
  | { code: 'rules.badField'; index: number; field: RuleField }
  | { code: 'rules.reservedId'; index: number; id: string }
  | { code: 'rules.duplicateId'; index: number; id: string }
  | { code: 'rules.badRange'; index: number; field: 'r' | 'f' | 'm'; levels: number }
  | { code: 'rules.badName' };

export const RESERVED_IDS: readonly string[] = [OTHERS, NONE];

export function ruleSetToJson(set: SegmentRuleSet): string {
  const rules = set.rules.map(({ id, name, r, f, m }) => ({ id, name: { zh: name.zh, en: name.en }, r: [...r], f: [...f], m: [...m] }));
  const name = set.name ? { name: { zh: set.name.zh, en: set.name.en } } : {};
  return JSON.stringify({ format: RULE_SET_FORMAT, version: RULE_SET_VERSION, ...name, levels: set.levels, rules }, null, 2);
}

export function ruleSetFromJson(text: string): Result<SegmentRuleSet, RuleSetError[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err([{ code: 'rules.badJson' }]);
  }
  if (!isObject(value)) return err([{ code: 'rules.notObject' }]);
  if (value.format !== RULE_SET_FORMAT || value.version !== RULE_SET_VERSION) {
    return err([{ code: 'rules.badFormat', format: value.format, version: value.version }]);
  }
  return validateRuleSet({ name: value.name, levels: value.levels, rules: value.rules });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Checks a rule set from anywhere (a file, an editor) and returns a clean copy: names trimmed,
 * unknown properties dropped. Ranges are whole levels with 1 ≤ min ≤ max ≤ levels. Every
 * problem is reported, each with the rule's 0-based index.
 */
export function validateRuleSet(value: { name?: unknown; levels: unknown; rules: unknown }): Result<SegmentRuleSet, RuleSetError[]> {
  const { levels, rules } = value;
  if (!isRfmLevels(levels)) return err([{ code: 'rules.badLevels', levels }]);
  if (!Array.isArray(rules)) return err([{ code: 'rules.notList' }]);
  const errors: RuleSetError[] = [];
  // The set's name is optional (files from before it existed have none), but if given, both languages.
  let setName: SegmentName | undefined;
  if (value.name !== undefined) {
    const n = isObject(value.name) ? value.name : {};
    if (isName(n.zh) && isName(n.en)) setName = { zh: n.zh.trim(), en: n.en.trim() };
    else errors.push({ code: 'rules.badName' });
  }
  const seen = new Set<string>();
  const clean: SegmentRule[] = [];
  rules.forEach((raw: unknown, index) => {
    if (!isObject(raw)) {
      errors.push({ code: 'rules.ruleNotObject', index });
      return;
    }
    const before = errors.length;
    const { id, name } = raw;
    if (!isName(id)) errors.push({ code: 'rules.badField', index, field: 'id' });
    else if (RESERVED_IDS.includes(id.trim())) errors.push({ code: 'rules.reservedId', index, id: id.trim() });
    else if (seen.has(id.trim())) errors.push({ code: 'rules.duplicateId', index, id: id.trim() });
    else seen.add(id.trim());
    const names = isObject(name) ? name : {};
    if (!isName(names.zh)) errors.push({ code: 'rules.badField', index, field: 'name.zh' });
    if (!isName(names.en)) errors.push({ code: 'rules.badField', index, field: 'name.en' });
    const ranges = {} as Record<'r' | 'f' | 'm', LevelRange>;
    for (const field of ['r', 'f', 'm'] as const) {
      const range = levelRange(raw[field], levels);
      if (range) ranges[field] = range;
      else errors.push({ code: 'rules.badRange', index, field, levels });
    }
    if (errors.length === before) {
      clean.push({ id: (id as string).trim(), name: { zh: (names.zh as string).trim(), en: (names.en as string).trim() }, ...ranges });
    }
  });
  if (errors.length > 0) return err(errors);
  return ok(setName ? { name: setName, levels, rules: clean } : { levels, rules: clean });
}

function levelRange(v: unknown, levels: number): LevelRange | null {
  if (!Array.isArray(v) || v.length !== 2) return null;
  const [lo, hi] = v as unknown[];
  if (!Number.isInteger(lo) || !Number.isInteger(hi)) return null;
  const [a, b] = [lo as number, hi as number];
  return a >= 1 && a <= b && b <= levels ? [a, b] : null;
}
