/**
 * Prospects and opportunities (domain.md §5, seeds 000 and 002): who came in, through which
 * source, what they intend to buy, and every dated step they took through the sales process.
 */

/** The course's selling steps (seed 000), in order; step 8 "prospect follow-up" is the open list itself. */
export const salesStages = ['greet', 'needs', 'demo', 'trial', 'close', 'deliver', 'followUp'] as const;
export type SalesStage = (typeof salesStages)[number];
/** Beyond the sale: the customer bought again and is now a loyal customer (seed 002). */
export const stages = [...salesStages, 'loyal'] as const;
export type Stage = (typeof stages)[number];

/** Where the prospect came from: the self-check's three kinds of prospect (seed 000: 主动开发, 熟客推荐, 回头客). */
export const prospectSources = ['new', 'referral', 'repeat'] as const;
export type ProspectSource = (typeof prospectSources)[number];

/** Relationship stage (seed 002): prospect → new customer → loyal customer. */
export type Relationship = 'prospect' | 'newCustomer' | 'loyal';

export interface Opportunity {
  id: string;
  name: string;
  phone?: string;
  /** The customer file this prospect became (or already was). */
  customerId?: number;
  source: ProspectSource;
  /** The sales group that looks after the prospect (seed 004: quotas are per group). */
  group?: string;
  model?: string;
  colour?: string;
  options?: string;
  /** 'YYYY-MM': when the prospect expects to buy. */
  expectedMonth?: string;
  /** Test drive / visit appointment, day number. */
  appointmentDay?: number;
  /** Promised delivery day; `late` marks a delivery that missed it. */
  promisedDay?: number;
  late?: boolean;
  /** The day the customer was told of the delay (seed 002: a late delivery must be announced). */
  toldDay?: number;
  /** The prospect dropped out; kept for the conversion figures. */
  lost?: boolean;
  note?: string;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}

export interface StageEvent {
  id: string;
  opportunityId: string;
  stage: Stage;
  day: number;
}

/** The explanation a manager writes for a month's conversion (seed 000). */
export interface MonthNote {
  /** 'YYYY-MM' */
  month: string;
  text: string;
  updatedAt: string;
}

export const stageIndex = (stage: Stage) => stages.indexOf(stage);

/**
 * The day each stage was reached. Steps may be skipped (no test drive): reaching a later stage
 * counts as passing the earlier ones on that day, so stage s is reached on the earliest day of
 * any event at stage s or later.
 */
export function reachedDays(events: readonly StageEvent[]): (number | null)[] {
  const earliestAt: (number | null)[] = stages.map(() => null);
  for (const e of events) {
    const i = stageIndex(e.stage);
    if (i < 0) continue;
    const seen = earliestAt[i];
    if (seen === null || seen === undefined || e.day < seen) earliestAt[i] = e.day;
  }
  const reached: (number | null)[] = stages.map(() => null);
  let min: number | null = null;
  for (let i = stages.length - 1; i >= 0; i--) {
    const d = earliestAt[i] ?? null;
    if (d !== null && (min === null || d < min)) min = d;
    reached[i] = min;
  }
  return reached;
}

/** The furthest stage reached, or null with no events. */
export function currentStage(events: readonly StageEvent[]): Stage | null {
  let best = -1;
  for (const e of events) best = Math.max(best, stageIndex(e.stage));
  return best < 0 ? null : stages[best]!;
}

export function relationship(events: readonly StageEvent[]): Relationship {
  const reached = reachedDays(events);
  if (reached[stageIndex('loyal')] !== null) return 'loyal';
  if (reached[stageIndex('close')] !== null) return 'newCustomer';
  return 'prospect';
}

/** Events grouped by opportunity id. */
export function eventsByOpportunity(events: readonly StageEvent[]): Map<string, StageEvent[]> {
  const map = new Map<string, StageEvent[]>();
  for (const e of events) {
    const list = map.get(e.opportunityId);
    if (list) list.push(e);
    else map.set(e.opportunityId, [e]);
  }
  return map;
}
