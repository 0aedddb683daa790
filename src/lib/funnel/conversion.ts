/**
 * Conversion by stage per month (销售阶段的成功转化率, domain.md §5, seed 000): managers compare each
 * month's conversion with the previous months and with the same month in earlier years.
 *
 * Definitions (hand-checked in tests/unit/funnel.test.ts):
 * - an opportunity enters stage s in the month of the day it reached s (see reachedDays);
 * - of those, it advanced if it ever reached stage s + 1 (so the latest month still fills in);
 * - rate = advanced ÷ entered; null when nobody entered;
 * - the close rate (成交率) is greeted-in-the-month → reached 'close', the self-check's conversion.
 * Comparisons pool counts (Σ advanced ÷ Σ entered) rather than averaging rates, so a month with
 * two prospects does not weigh as much as one with two hundred.
 */
import { monthOfDay, type MonthIndex } from './months';
import { eventsByOpportunity, reachedDays, stageIndex, stages, type Stage, type StageEvent } from './records';

export interface StageCount {
  stage: Stage;
  /** The stage advanced to. */
  next: Stage;
  entered: number;
  advanced: number;
}

export interface MonthConversion {
  month: MonthIndex;
  steps: StageCount[];
  /** Greeted in the month, and of them closed (at any time). */
  greeted: number;
  closed: number;
}

export const rate = (advanced: number, entered: number): number | null => (entered === 0 ? null : advanced / entered);

function emptyMonth(month: MonthIndex): MonthConversion {
  return { month, steps: stages.slice(0, -1).map((stage, i) => ({ stage, next: stages[i + 1]!, entered: 0, advanced: 0 })), greeted: 0, closed: 0 };
}

/** Every month in which some opportunity entered some stage, ascending. */
export function conversionByMonth(events: readonly StageEvent[]): MonthConversion[] {
  const months = new Map<MonthIndex, MonthConversion>();
  const row = (m: MonthIndex) => months.get(m) ?? months.set(m, emptyMonth(m)).get(m)!;
  const closeAt = stageIndex('close');
  for (const list of eventsByOpportunity(events).values()) {
    const reached = reachedDays(list);
    for (let s = 0; s < stages.length - 1; s++) {
      const day = reached[s];
      if (day === null || day === undefined) continue;
      const step = row(monthOfDay(day)).steps[s]!;
      step.entered++;
      if (reached[s + 1] !== null) step.advanced++;
    }
    const greetDay = reached[0];
    if (greetDay !== null && greetDay !== undefined) {
      const r = row(monthOfDay(greetDay));
      r.greeted++;
      if (reached[closeAt] !== null) r.closed++;
    }
  }
  return [...months.values()].sort((a, b) => a.month - b.month);
}

export interface StageComparison {
  stage: Stage;
  next: Stage;
  entered: number;
  advanced: number;
  rate: number | null;
  /** The month before. */
  previous: number | null;
  /** The three months before, pooled. */
  previous3: number | null;
  /** The same calendar month in every earlier year on record, pooled. */
  sameMonthBefore: number | null;
}

export interface MonthComparison {
  month: MonthIndex;
  steps: StageComparison[];
  close: { greeted: number; closed: number; rate: number | null; previous: number | null; previous3: number | null; sameMonthBefore: number | null };
}

export function compareMonth(rows: readonly MonthConversion[], month: MonthIndex): MonthComparison {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const at = (m: MonthIndex) => byMonth.get(m) ?? emptyMonth(m);
  const earlierSame = rows.filter((r) => r.month < month && (month - r.month) % 12 === 0).map((r) => r.month);
  const pooled = (ms: MonthIndex[], pick: (r: MonthConversion) => [number, number]) => {
    let a = 0;
    let e = 0;
    for (const m of ms) {
      const [adv, ent] = pick(at(m));
      a += adv;
      e += ent;
    }
    return rate(a, e);
  };
  const this_ = at(month);
  const steps = this_.steps.map((step, s): StageComparison => {
    const pick = (r: MonthConversion): [number, number] => [r.steps[s]!.advanced, r.steps[s]!.entered];
    return {
      ...step,
      rate: rate(step.advanced, step.entered),
      previous: pooled([month - 1], pick),
      previous3: pooled([month - 3, month - 2, month - 1], pick),
      sameMonthBefore: pooled(earlierSame, pick),
    };
  });
  const closePick = (r: MonthConversion): [number, number] => [r.closed, r.greeted];
  return {
    month,
    steps,
    close: {
      greeted: this_.greeted,
      closed: this_.closed,
      rate: rate(this_.closed, this_.greeted),
      previous: pooled([month - 1], closePick),
      previous3: pooled([month - 3, month - 2, month - 1], closePick),
      sameMonthBefore: pooled(earlierSame, closePick),
    },
  };
}
