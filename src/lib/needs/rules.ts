/**
 * A small rule language for assigning customers to needs segments: a list of conditions
 * "field operator value", all of which (or any one of which) must hold. Fields are customer-file
 * fields and purchase behaviour; values are typed by the field (text or number).
 */
import { err, ok, type Result } from '../result';

export const textFields = ['type', 'channel', 'customerClass', 'gender', 'level', 'region', 'size', 'favouriteColour', 'favouriteStyle', 'favouriteLook', 'grade'] as const;
/** age in whole years; amount in yuan; daysSinceLast since the last purchase; premiumShare in %. */
export const numberFields = ['age', 'amount', 'orders', 'daysSinceLast', 'premiumShare'] as const;
export type RuleField = (typeof textFields)[number] | (typeof numberFields)[number];
export const ruleFields: readonly RuleField[] = [...numberFields, ...textFields];

export const operators = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'empty', 'notEmpty'] as const;
export type Operator = (typeof operators)[number];
const numberOps: readonly Operator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'];
const textOps: readonly Operator[] = ['eq', 'ne', 'contains', 'empty', 'notEmpty'];

export interface Condition {
  field: RuleField;
  op: Operator;
  /** As typed; numbers are parsed when checked. Ignored by empty / notEmpty. */
  value: string;
}

export interface SegmentRule {
  match: 'all' | 'any';
  conditions: Condition[];
}

export const isNumberField = (f: RuleField) => (numberFields as readonly string[]).includes(f);
export const operatorsFor = (f: RuleField): readonly Operator[] => (isNumberField(f) ? numberOps : textOps);

export type RuleError = { code: 'needs.unknownField' | 'needs.badOperator' | 'needs.notANumber' | 'needs.valueRequired'; index: number };

export function validateRule(rule: SegmentRule): Result<SegmentRule, RuleError> {
  for (const [index, c] of rule.conditions.entries()) {
    if (!ruleFields.includes(c.field)) return err({ code: 'needs.unknownField', index });
    if (!operatorsFor(c.field).includes(c.op)) return err({ code: 'needs.badOperator', index });
    if (c.op === 'empty' || c.op === 'notEmpty') continue;
    if (c.value.trim() === '') return err({ code: 'needs.valueRequired', index });
    if (isNumberField(c.field) && !Number.isFinite(Number(c.value.trim()))) return err({ code: 'needs.notANumber', index });
  }
  return ok(rule);
}

/** One customer as rules see it; absent = unknown (a customer who never bought has no amount). */
export type Facts = Partial<Record<RuleField, string | number>>;

/** Grades are stored as high / medium / low; the zh UI names them 高 / 中 / 低 (value grades, lib/grades). */
const gradeWords: Readonly<Record<string, string>> = { 高: 'high', 中: 'medium', 低: 'low' };

export function conditionHolds(c: Condition, facts: Facts): boolean {
  const v = facts[c.field];
  const known = v !== undefined && v !== '';
  if (c.op === 'empty') return !known;
  if (c.op === 'notEmpty') return known;
  if (!known) return c.op === 'ne';
  if (isNumberField(c.field)) {
    const x = Number(v);
    const y = Number(c.value.trim());
    switch (c.op) {
      case 'eq': return x === y;
      case 'ne': return x !== y;
      case 'gt': return x > y;
      case 'gte': return x >= y;
      case 'lt': return x < y;
      case 'lte': return x <= y;
      default: return false;
    }
  }
  // Text compares whole values, case-insensitively; `contains` looks inside.
  const x = String(v).trim().toLowerCase();
  const typed = c.value.trim().toLowerCase();
  const y = c.field === 'grade' ? (gradeWords[typed] ?? typed) : typed;
  switch (c.op) {
    case 'eq': return x === y;
    case 'ne': return x !== y;
    case 'contains': return x.includes(y);
    default: return false;
  }
}

/** An empty rule matches nobody: a segment with no conditions is filled by hand only. */
export function ruleMatches(rule: SegmentRule, facts: Facts): boolean {
  if (rule.conditions.length === 0) return false;
  return rule.match === 'all' ? rule.conditions.every((c) => conditionHolds(c, facts)) : rule.conditions.some((c) => conditionHolds(c, facts));
}

/** Whole years between a YYYY-MM-DD birthday and a YYYY-MM-DD day; null when unreadable. */
export function ageOn(birthday: string | undefined, today: string): number | null {
  if (!birthday) return null;
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday ?? '');
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!b || !d) return null;
  const age = Number(d[1]) - Number(b[1]) - (`${d[2]}-${d[3]}` < `${b[2]}-${b[3]}` ? 1 : 0);
  return age >= 0 ? age : null;
}
