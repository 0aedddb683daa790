/**
 * Targeted campaigns for a needs segment and their evaluation (domain.md §3, seed 000: "a
 * Children's Day family event drew 30 families, 2 bought phones for family, 65 % said they might
 * buy within 3 months"). Counts are families/customers; money is fen.
 */
import { dayFromIso } from '../dates';
import { err, ok, type Result } from '../result';

export interface CampaignDraft {
  name: string;
  /** Needs segment it targeted; null = none chosen. */
  segmentId: number | null;
  /** YYYY-MM-DD */
  date: string;
  /** fen; null = not recorded. */
  cost: number | null;
  /** null = not recorded (walk-ins, posters). */
  invited: number | null;
  came: number;
  bought: number;
  /** Share of those who came (0–100 %) who said they intend to buy; null = not asked. */
  intendPercent: number | null;
  /** Share of stated intentions expected to turn into purchases (0–100 %): the store's assumption. */
  realisationPercent: number;
  notes?: string;
}

export interface Campaign extends CampaignDraft {
  id: number;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}

export type CampaignError = {
  code: 'campaigns.nameRequired' | 'campaigns.badDate' | 'campaigns.notCount' | 'campaigns.cameOverInvited' | 'campaigns.boughtOverCame' | 'campaigns.percentRange' | 'campaigns.badCost';
  field: keyof CampaignDraft;
};

const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isPercent = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;

export function validateCampaign(d: CampaignDraft): Result<CampaignDraft, CampaignError> {
  if (typeof d.name !== 'string' || d.name.trim() === '') return err({ code: 'campaigns.nameRequired', field: 'name' });
  if (typeof d.date !== 'string' || dayFromIso(d.date) === null) return err({ code: 'campaigns.badDate', field: 'date' });
  if (d.cost !== null && !isCount(d.cost)) return err({ code: 'campaigns.badCost', field: 'cost' });
  if (d.invited !== null && !isCount(d.invited)) return err({ code: 'campaigns.notCount', field: 'invited' });
  if (!isCount(d.came)) return err({ code: 'campaigns.notCount', field: 'came' });
  if (!isCount(d.bought)) return err({ code: 'campaigns.notCount', field: 'bought' });
  if (d.invited !== null && d.came > d.invited) return err({ code: 'campaigns.cameOverInvited', field: 'came' });
  if (d.bought > d.came) return err({ code: 'campaigns.boughtOverCame', field: 'bought' });
  if (d.intendPercent !== null && !isPercent(d.intendPercent)) return err({ code: 'campaigns.percentRange', field: 'intendPercent' });
  if (!isPercent(d.realisationPercent)) return err({ code: 'campaigns.percentRange', field: 'realisationPercent' });
  if (d.segmentId !== null && !(Number.isSafeInteger(d.segmentId) && d.segmentId > 0)) return err({ code: 'campaigns.notCount', field: 'segmentId' });
  return ok({ ...d, name: d.name.trim() });
}

export interface CampaignEvaluation {
  /** came ÷ invited; null when invitations were not recorded (or none sent). */
  responseRate: number | null;
  /** bought ÷ came; null when nobody came. */
  conversionRate: number | null;
  /** fen; null when the cost or the divisor is missing. */
  costPerAttendee: number | null;
  costPerBuyer: number | null;
  /** came × intend % (may be fractional: 65 % of 30 is 19.5). */
  intenders: number | null;
  /** intenders × realisation %: buyers still to come. */
  expectedLaterBuyers: number | null;
  /** bought + expectedLaterBuyers. */
  expectedBuyers: number;
  /** cost ÷ expectedBuyers. */
  costPerExpectedBuyer: number | null;
}

const ratio = (a: number, b: number | null) => (b === null || b === 0 ? null : a / b);

export function evaluateCampaign(c: CampaignDraft): CampaignEvaluation {
  const intenders = c.intendPercent === null ? null : (c.came * c.intendPercent) / 100;
  const expectedLaterBuyers = intenders === null ? null : (intenders * c.realisationPercent) / 100;
  const expectedBuyers = c.bought + (expectedLaterBuyers ?? 0);
  const money = (n: number | null) => (c.cost === null || n === null ? null : ratio(c.cost, n));
  return {
    responseRate: ratio(c.came, c.invited),
    conversionRate: ratio(c.bought, c.came),
    costPerAttendee: money(c.came),
    costPerBuyer: money(c.bought),
    intenders,
    expectedLaterBuyers,
    expectedBuyers,
    costPerExpectedBuyer: money(expectedBuyers),
  };
}

/** The course's example, ready to record (seed 000): no cost or invitations were given. */
export function courseExampleCampaign(year: number, segmentId: number | null, name: string): CampaignDraft {
  return { name, segmentId, date: `${year}-06-01`, cost: null, invited: null, came: 30, bought: 2, intendPercent: 65, realisationPercent: 100 };
}

/** Checks a stored campaign (backup restore): the name of the first bad field, or null. */
export function campaignProblem(row: Record<string, unknown>): string | null {
  for (const f of ['createdAt', 'updatedAt'] as const) if (typeof row[f] !== 'string') return f;
  if (row.notes !== undefined && typeof row.notes !== 'string') return 'notes';
  const r = validateCampaign(row as unknown as CampaignDraft);
  return r.ok ? null : r.error.field;
}
