/**
 * A week's care tasks (domain.md §6, seed 004): who to contact, how, why, with which gift.
 * Per occasion and customer: the card is mailed `cardDaysBefore` days before; on the day a phone
 * call (in the call window) or, for tiers not phoned, an SMS greeting; the tier's gift goes with
 * the day's contact (or the card, when that is the only one). A customers also get a personal
 * contact every week; everyone with a phone gets the store's SMS every `smsEveryDays` days.
 */
import { dayFromIso, isoFromDay } from '../dates';
import { birthdaysBetween, holidaysBetween, type BirthdayOf, type LunarCalendar, type Occasion, type StoreOccasion } from './occasions';
import type { BenefitText, CareRules, CareTier, GiftRule, TierCare } from './rules';
import { cycleDays } from './week';

export type CareChannel = 'card' | 'call' | 'sms' | 'visit';
export type CareReason = 'occasion' | 'weekly' | 'smsCycle' | 'dormantSoon' | 'lostSoon';

export interface CareCustomer extends BirthdayOf {
  phone?: string;
}

export interface CareTask {
  /** `${iso day}|${channel}|${customer id or 'all'}|${occasion key or reason}`: done-state is kept by it. */
  key: string;
  day: number;
  channel: CareChannel;
  reason: CareReason;
  /** null: a message to a group (holiday SMS, the SMS cycle); `count` says how many. */
  customerId: number | null;
  tier: CareTier | null;
  occasion: Occasion | null;
  gift: GiftRule | null;
  /** Birthday contacts: the tier's birthday-month benefit to tell the customer about. */
  benefit?: BenefitText;
  count?: number;
}

export interface WeekInput {
  /** The Monday (any first day works: the week is 7 days from it). */
  weekStart: number;
  customers: readonly CareCustomer[];
  /** The customer's tier; `none` before any review; null leaves them out (churned: seed 004 keeps the churned list outside care). */
  tierOf: (customerId: number) => CareTier | null;
  rules: CareRules;
  storeOccasions: readonly StoreOccasion[];
  /** Spring Festival, Mid-Autumn and lunar birthdays (lunar.ts lunarCalendar). */
  lunar: LunarCalendar;
  /**
   * Customers about to go 沉睡 or 流失 (lib/dormancy dormancyWarnings for this week): a call on
   * the warning day, to bring them back before the rule takes them. Churned ones are left out.
   */
  dormancy?: readonly { customerId: number; day: number; becomes: 'dormant' | 'lost' }[];
}

const channelOrder: Record<CareChannel, number> = { card: 0, call: 1, visit: 2, sms: 3 };

export function weekTasks(input: WeekInput): CareTask[] {
  const { weekStart, rules } = input;
  const weekEnd = weekStart + 6;
  const inWeek = (d: number) => d >= weekStart && d <= weekEnd;
  // An occasion up to `cardDaysBefore` days after the week still has its card due this week.
  const lastOccasion = weekEnd + rules.cardDaysBefore;
  const tiered = input.customers.flatMap((c) => {
    const tier = input.tierOf(c.id);
    return tier === null ? [] : [{ customer: c, tier, care: rules.tiers[tier] }];
  });
  const tasks: CareTask[] = [];
  const task = (t: Omit<CareTask, 'key'>) => {
    const who = t.customerId ?? 'all';
    const why = t.occasion?.key ?? t.reason;
    const benefit = t.occasion?.kind === 'birthday' && t.tier ? rules.tiers[t.tier].birthdayBenefit : null;
    tasks.push({ ...t, ...(benefit ? { benefit } : {}), key: `${isoFromDay(t.day)}|${t.channel}|${who}|${why}` });
  };

  const personal = (occasion: Occasion, customerId: number, tier: CareTier, care: TierCare, gift: GiftRule | null, holidaySms: Map<string, number>) => {
    const giftOnCard = !care.call && !care.sms;
    const cardDay = occasion.day - rules.cardDaysBefore;
    if (care.card && inWeek(cardDay)) task({ day: cardDay, channel: 'card', reason: 'occasion', customerId, tier, occasion, gift: giftOnCard ? gift : null });
    if (!inWeek(occasion.day)) return;
    if (care.call) task({ day: occasion.day, channel: 'call', reason: 'occasion', customerId, tier, occasion, gift });
    else if (care.sms && occasion.kind === 'birthday') task({ day: occasion.day, channel: 'sms', reason: 'occasion', customerId, tier, occasion, gift });
    // Holiday greetings by SMS go out as one message to the group.
    else if (care.sms) holidaySms.set(occasion.key, (holidaySms.get(occasion.key) ?? 0) + 1);
  };

  const holidaySms = new Map<string, number>();
  const holidays = holidaysBetween(weekStart, lastOccasion, input.lunar, input.storeOccasions);
  for (const holiday of holidays) {
    for (const { customer, tier, care } of tiered) personal(holiday, customer.id, tier, care, care.holidayGift, holidaySms);
  }
  const byId = new Map(tiered.map((t) => [t.customer.id, t]));
  for (const birthday of birthdaysBetween(input.customers, weekStart, lastOccasion, input.lunar)) {
    const who = byId.get(birthday.customerId!);
    if (who) personal(birthday, who.customer.id, who.tier, who.care, who.care.birthdayGift, holidaySms);
  }
  for (const holiday of holidays) {
    const count = holidaySms.get(holiday.key);
    if (count) task({ day: holiday.day, channel: 'sms', reason: 'occasion', customerId: null, tier: null, occasion: holiday, gift: null, count });
  }

  // Weekly contacts spread over Monday–Friday so no one day carries them all.
  for (const { customer, tier, care } of tiered) {
    if (care.weekly) task({ day: weekStart + (customer.id % 5), channel: 'visit', reason: 'weekly', customerId: customer.id, tier, occasion: null, gift: null });
  }

  for (const w of input.dormancy ?? []) {
    const tier = input.tierOf(w.customerId);
    if (tier === null || !inWeek(w.day)) continue;
    task({ day: w.day, channel: 'call', reason: w.becomes === 'dormant' ? 'dormantSoon' : 'lostSoon', customerId: w.customerId, tier, occasion: null, gift: null });
  }

  const anchor = dayFromIso(rules.smsFrom);
  const reachable = tiered.filter((t) => t.customer.phone).length;
  // Like the holiday SMS: a message to nobody is no task.
  if (anchor !== null && reachable > 0) {
    for (const day of cycleDays(anchor, rules.smsEveryDays, weekStart, weekEnd)) {
      task({ day, channel: 'sms', reason: 'smsCycle', customerId: null, tier: null, occasion: null, gift: null, count: reachable });
    }
  }

  return tasks.sort((a, b) => a.day - b.day || channelOrder[a.channel] - channelOrder[b.channel] || (a.customerId ?? 0) - (b.customerId ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The week's gifts: what the execution sheet lists and the budget adds up. */
export function giftTasks(tasks: readonly CareTask[]): CareTask[] {
  return tasks.filter((t) => t.gift !== null && t.customerId !== null);
}

export const giftBudget = (tasks: readonly CareTask[]) => giftTasks(tasks).reduce((sum, t) => sum + t.gift!.budgetFen, 0);
