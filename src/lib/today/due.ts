/**
 * What is due today (issue 18, the Overview's 今日待办): one list from the care calendar, the
 * tier review, the scorecard's action plans, complaints and the last backup. Pure: the screen
 * reads the stores, this decides. Days are day numbers (lib/dates).
 */
import type { CareReason, CareTask } from '../care/tasks';
import type { Occasion } from '../care/occasions';
import { isoFromDay } from '../dates';
import { isOverdue, type ActionItem } from '../scorecard/actions';
import { reviewDue } from '../tiers/summary';

/** A backup older than this many days, or any import since it, is a nudge (issue 18). */
export const BACKUP_NUDGE_DAYS = 7;

export type TodayItem =
  /** A care-calendar call on or before today this week, not marked done: occasions and win-back (dormantSoon / lostSoon). */
  | { kind: 'call'; customerId: number; day: number; reason: CareReason; occasion: Occasion | null; taskKey: string }
  /** A-tier weekly personal contact. */
  | { kind: 'weekly'; customerId: number; day: number; taskKey: string }
  | { kind: 'birthday'; customerId: number; day: number; lunar: boolean }
  | { kind: 'tierReview'; lastReview: number | null }
  | { kind: 'action'; assessmentId: string; store: string; actionId: string; text: string; due: string }
  | { kind: 'complaints'; open: number; oldestDays: number | null }
  | { kind: 'backup'; daysSince: number | null; importsSince: number };

export interface TodayInput {
  today: number;
  /** This week's care tasks (lib/care weekTasks). */
  tasks: readonly CareTask[];
  /** This week's birthdays, solar and 农历 (lib/care birthdaysBetween). */
  birthdays: readonly Occasion[];
  /** Keys of care tasks marked done. */
  done: ReadonlySet<string>;
  /** Whether the store holds any customer: an empty store has nothing due. */
  hasCustomers: boolean;
  lastTierReview: number | null;
  assessments: readonly { id: string; store: string; actions: readonly ActionItem[] }[];
  complaints: { open: number; oldestDays: number | null };
  /** Day of the last backup, null when never backed up. */
  lastBackupDay: number | null;
  /** Import batches stored after the last backup (all of them when never backed up). */
  importsSinceBackup: number;
}

/** A list item about one customer: what the Overview names and links. */
export type CustomerItem = Extract<TodayItem, { kind: 'call' | 'weekly' | 'birthday' }>;

/** The whole list: the customers' items first, then the store's. */
export function todayItems(input: TodayInput): TodayItem[] {
  return [...customerItems(input), ...storeItems(input)];
}

/** The items about customers (calls, weekly contacts, birthdays), in the list's order; computed where the customer file is (the analysis engine). */
export function customerItems(input: Pick<TodayInput, 'today' | 'tasks' | 'birthdays' | 'done'>): CustomerItem[] {
  const { today, done } = input;
  const items: CustomerItem[] = [];
  const open = (t: CareTask) => t.customerId !== null && t.day <= today && !done.has(t.key);
  // Calls: missed days of this week stay on the list until marked done in the calendar.
  for (const t of input.tasks) {
    if (t.channel === 'call' && open(t)) items.push({ kind: 'call', customerId: t.customerId!, day: t.day, reason: t.reason, occasion: t.occasion, taskKey: t.key });
  }
  for (const t of input.tasks) {
    if (t.channel === 'visit' && t.reason === 'weekly' && open(t)) items.push({ kind: 'weekly', customerId: t.customerId!, day: t.day, taskKey: t.key });
  }
  // Birthdays: the whole week, whatever tier (the tier only decides how the contact is made).
  for (const o of input.birthdays) {
    if (o.kind === 'birthday' && o.customerId !== undefined) items.push({ kind: 'birthday', customerId: o.customerId, day: o.day, lunar: o.lunar === true });
  }
  return items;
}

/** The store's items: the tier review, overdue actions, open complaints, the backup nudge. */
export function storeItems(input: Omit<TodayInput, 'tasks' | 'birthdays' | 'done'>): TodayItem[] {
  const { today } = input;
  const items: TodayItem[] = [];
  if (input.hasCustomers && reviewDue(input.lastTierReview, today)) items.push({ kind: 'tierReview', lastReview: input.lastTierReview });
  const todayIso = isoFromDay(today);
  for (const a of input.assessments) {
    for (const action of a.actions) {
      if (isOverdue(action, todayIso)) items.push({ kind: 'action', assessmentId: a.id, store: a.store, actionId: action.id, text: action.text, due: action.due });
    }
  }
  if (input.complaints.open > 0) items.push({ kind: 'complaints', ...input.complaints });
  const daysSince = input.lastBackupDay === null ? null : today - input.lastBackupDay;
  if (input.hasCustomers && (daysSince === null || daysSince >= BACKUP_NUDGE_DAYS || input.importsSinceBackup > 0)) {
    items.push({ kind: 'backup', daysSince, importsSince: input.importsSinceBackup });
  }
  return items;
}

/** What the Overview shows of the customers' items: the first `shown` of each group, and how many each has. */
export interface CustomerGroups {
  /** Calls and weekly contacts, in the list's order. */
  calls: Extract<CustomerItem, { kind: 'call' | 'weekly' }>[];
  callCount: number;
  birthdays: Extract<CustomerItem, { kind: 'birthday' }>[];
  birthdayCount: number;
}

export function customerGroups(items: readonly CustomerItem[], shown: number): CustomerGroups {
  const groups: CustomerGroups = { calls: [], callCount: 0, birthdays: [], birthdayCount: 0 };
  for (const item of items) {
    if (item.kind === 'birthday') {
      if (groups.birthdayCount++ < shown) groups.birthdays.push(item);
    } else if (groups.callCount++ < shown) groups.calls.push(item);
  }
  return groups;
}
