/**
 * Needs-based segments (domain.md §3, seed 000): 4–7 groups, each described by its
 * characteristics, needs and profitability, with a need type, a priority, and what the store
 * spends on it. Customers join by rule (lib/needs/rules) or by hand.
 */
import { err, ok, type Result } from '../result';
import { validateRule, type SegmentRule } from './rules';

export const needTypes = ['heavyUser', 'lightUser', 'brandLoyal', 'serviceSeeker', 'qualitySeeker', 'priceSensitive', 'convenience'] as const;
export type NeedType = (typeof needTypes)[number];
export const profitabilities = ['high', 'medium', 'low'] as const;
export type Profitability = (typeof profitabilities)[number];

/** The course's advice: 4 to 7 segments. More is refused; fewer is shown as a hint. */
export const MIN_SEGMENTS = 4;
export const MAX_SEGMENTS = 7;

export interface NeedsSegmentDraft {
  name: string;
  needType: NeedType;
  characteristics: string;
  needs: string;
  profitability: Profitability;
  /** 1 = first. Also decides which segment a customer matching several rules joins. */
  priority: number;
  rule: SegmentRule;
  /** Customers put in by hand: they join whatever the rules say. */
  manualIds: number[];
  /** Resources the store spends on the segment (entered; per year or any period, the same for all). */
  staffHours: number;
  /** fen */
  gifts: number;
  /** fen */
  discounts: number;
  /** Market potential: the segment's yearly spend on the category in the area, fen; null = unknown. */
  marketPotential: number | null;
  /** Our share and the main competitor's share of the segment, %; null = unknown. */
  ourShare: number | null;
  competitorShare: number | null;
  competitor: string;
}

export interface NeedsSegment extends NeedsSegmentDraft {
  id: number;
  createdAt: string;
  updatedAt: string;
}

export type SegmentError =
  | { code: 'needs.nameRequired' | 'needs.badPriority' | 'needs.badResource' | 'needs.badShare' | 'needs.tooMany' | 'needs.badNeedType'; field: string }
  | { code: 'needs.unknownField' | 'needs.badOperator' | 'needs.notANumber' | 'needs.valueRequired'; field: 'rule'; index: number };

const isAmount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isShare = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100);

/** `others`: how many other segments exist (a new one beyond seven is refused). */
export function validateSegment(d: NeedsSegmentDraft, others: number): Result<NeedsSegmentDraft, SegmentError> {
  if (others >= MAX_SEGMENTS) return err({ code: 'needs.tooMany', field: 'name' });
  if (typeof d.name !== 'string' || d.name.trim() === '') return err({ code: 'needs.nameRequired', field: 'name' });
  if (!needTypes.includes(d.needType)) return err({ code: 'needs.badNeedType', field: 'needType' });
  if (!Number.isSafeInteger(d.priority) || d.priority < 1 || d.priority > 99) return err({ code: 'needs.badPriority', field: 'priority' });
  for (const f of ['staffHours', 'gifts', 'discounts'] as const) if (!isAmount(d[f])) return err({ code: 'needs.badResource', field: f });
  if (d.marketPotential !== null && !isAmount(d.marketPotential)) return err({ code: 'needs.badResource', field: 'marketPotential' });
  for (const f of ['ourShare', 'competitorShare'] as const) if (!isShare(d[f])) return err({ code: 'needs.badShare', field: f });
  const rule = validateRule(d.rule);
  if (!rule.ok) return err({ ...rule.error, field: 'rule' });
  return ok({ ...d, name: d.name.trim() });
}

export function emptySegment(priority: number): NeedsSegmentDraft {
  return {
    name: '',
    needType: 'heavyUser',
    characteristics: '',
    needs: '',
    profitability: 'medium',
    priority,
    rule: { match: 'all', conditions: [] },
    manualIds: [],
    staffHours: 0,
    gifts: 0,
    discounts: 0,
    marketPotential: null,
    ourShare: null,
    competitorShare: null,
    competitor: '',
  };
}

/** Checks a stored segment (backup restore): the name of the first bad field, or null. */
export function segmentProblem(row: Record<string, unknown>): string | null {
  for (const f of ['characteristics', 'needs', 'competitor', 'createdAt', 'updatedAt'] as const) if (typeof row[f] !== 'string') return f;
  if (!profitabilities.includes(row.profitability as never)) return 'profitability';
  if (!Array.isArray(row.manualIds) || !row.manualIds.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) return 'manualIds';
  const rule = row.rule as Record<string, unknown> | undefined;
  if (typeof rule !== 'object' || rule === null || (rule.match !== 'all' && rule.match !== 'any') || !Array.isArray(rule.conditions)) return 'rule';
  if (!(rule.conditions as unknown[]).every((c) => typeof c === 'object' && c !== null && typeof (c as { value?: unknown }).value === 'string')) return 'rule';
  const r = validateSegment(row as unknown as NeedsSegmentDraft, 0);
  return r.ok ? null : r.error.field;
}
