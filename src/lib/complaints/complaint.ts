/**
 * Customer complaints (客户投诉, domain.md §9, seed 001): four types, five handling steps taken in
 * order, each with its date and owner, and who was responsible. A complaint is open until its
 * last step (recorded) is done.
 */
import { dayFromIso } from '../dates';
import { err, ok, type Result } from '../result';

export const complaintTypes = ['quality', 'contract', 'delivery', 'service'] as const;
export type ComplaintType = (typeof complaintTypes)[number];

/** Encouraged and received, facts established, remedy offered, settled, recorded. */
export const complaintSteps = ['received', 'facts', 'remedy', 'settled', 'recorded'] as const;
export type ComplaintStep = (typeof complaintSteps)[number];

export const responsibilities = ['undetermined', 'store', 'manufacturer', 'carrier', 'customer', 'shared'] as const;
export type Responsibility = (typeof responsibilities)[number];

export interface StepRecord {
  /** YYYY-MM-DD */
  date: string;
  owner: string;
  note?: string;
}

export interface Complaint {
  id: number;
  /** The customer's file, when they have one. */
  customerId: number | null;
  /** As the complainant gave it (kept even when the file is merged or deleted). */
  customerName: string;
  /** YYYY-MM-DD the complaint came in. */
  date: string;
  type: ComplaintType;
  description: string;
  steps: Partial<Record<ComplaintStep, StepRecord>>;
  responsibility: Responsibility;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}

export type ComplaintDraft = Omit<Complaint, 'id' | 'createdAt' | 'updatedAt'>;

export type ComplaintError =
  | { code: 'complaints.nameRequired' }
  | { code: 'complaints.badDate'; field: 'date' | ComplaintStep }
  | { code: 'complaints.ownerRequired'; step: ComplaintStep }
  | { code: 'complaints.stepOutOfOrder'; step: ComplaintStep }
  | { code: 'complaints.stepBeforeComplaint'; step: ComplaintStep }
  | { code: 'complaints.descriptionRequired' };

/** Checks a complaint before it is stored: steps in order, none before the complaint or an earlier step. */
export function validateComplaint(c: ComplaintDraft): Result<ComplaintDraft, ComplaintError> {
  if (c.customerName.trim() === '') return err({ code: 'complaints.nameRequired' });
  if (c.description.trim() === '') return err({ code: 'complaints.descriptionRequired' });
  const received = dayFromIso(c.date);
  if (received === null) return err({ code: 'complaints.badDate', field: 'date' });
  let previous = received;
  let gap = false;
  for (const step of complaintSteps) {
    const record = c.steps[step];
    if (!record) {
      gap = true;
      continue;
    }
    if (gap) return err({ code: 'complaints.stepOutOfOrder', step });
    const day = dayFromIso(record.date);
    if (day === null) return err({ code: 'complaints.badDate', field: step });
    if (record.owner.trim() === '') return err({ code: 'complaints.ownerRequired', step });
    if (day < received) return err({ code: 'complaints.stepBeforeComplaint', step });
    if (day < previous) return err({ code: 'complaints.stepOutOfOrder', step });
    previous = day;
  }
  return ok(c);
}

/** The next step to take, or null when all five are done. */
export function nextStep(c: Pick<Complaint, 'steps'>): ComplaintStep | null {
  return complaintSteps.find((s) => !c.steps[s]) ?? null;
}

export const isOpen = (c: Pick<Complaint, 'steps'>) => nextStep(c) !== null;

/** Whole days since it came in (0 on the day itself); for closed ones, days it took to close. */
export function ageDays(c: Pick<Complaint, 'date' | 'steps'>, today: number): number {
  const start = dayFromIso(c.date) ?? today;
  const end = c.steps.recorded ? (dayFromIso(c.steps.recorded.date) ?? today) : today;
  return Math.max(0, end - start);
}

export interface OpenSummary {
  open: number;
  /** Age in days of the oldest open complaint; null when none is open. */
  oldestDays: number | null;
}

export function openSummary(complaints: readonly Pick<Complaint, 'date' | 'steps'>[], today: number): OpenSummary {
  let open = 0;
  let oldest: number | null = null;
  for (const c of complaints) {
    if (!isOpen(c)) continue;
    open++;
    const age = ageDays(c, today);
    oldest = oldest === null ? age : Math.max(oldest, age);
  }
  return { open, oldestDays: oldest };
}

export type TypeCounts = Record<ComplaintType, number>;
const zeroCounts = (): TypeCounts => ({ quality: 0, contract: 0, delivery: 0, service: 0 });

export function countsByType(complaints: readonly Pick<Complaint, 'type'>[]): TypeCounts {
  const counts = zeroCounts();
  for (const c of complaints) counts[c.type]++;
  return counts;
}

export interface MonthCounts {
  /** YYYY-MM */
  month: string;
  counts: TypeCounts;
  total: number;
}

/** One row per calendar month from the first complaint's to the last's, empty months included. */
export function countsByMonth(complaints: readonly Pick<Complaint, 'type' | 'date'>[]): MonthCounts[] {
  if (complaints.length === 0) return [];
  const byMonth = new Map<string, TypeCounts>();
  for (const c of complaints) {
    const month = c.date.slice(0, 7);
    const counts = byMonth.get(month) ?? byMonth.set(month, zeroCounts()).get(month)!;
    counts[c.type]++;
  }
  const months = [...byMonth.keys()].sort();
  let [y, m] = months[0]!.split('-').map(Number) as [number, number];
  const last = months.at(-1)!;
  const rows: MonthCounts[] = [];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const counts = byMonth.get(month) ?? zeroCounts();
    rows.push({ month, counts, total: complaintTypes.reduce((n, t) => n + counts[t], 0) });
    if (month >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return rows;
}
