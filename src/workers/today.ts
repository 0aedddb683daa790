/**
 * The Overview's 今日待办, the part about customers (issue 18), worked out in the analysis engine:
 * the week's birthdays and calls need every customer's birthday, tier and last purchase, which the
 * engine holds (the customer file, the stats); the page gets only the few customers it names.
 * Reading the file on the page took 4–5 s of paged reads at 100,000 customers.
 */
import { carePerson, readCareDone, readCareRules, readCareSettings, readStoreOccasions, type CarePerson } from '../data/care';
import { customersStamp } from '../data/customer-store';
import { purchasesVersion } from '../data/purchases';
import { tierStatesStamp } from '../data/tiers';
import type { KeqingDb } from '../data/db';
import { getDormancyParams } from '../data/dormancy';
import { birthdaysBetween, weekStartOf, weekTasks, type CareTask } from '../lib/care';
import type { CareRules } from '../lib/care/rules';
import { lastPurchasePairs, type CustomerStats } from '../lib/customers/stats';
import { dormancyWarnings } from '../lib/dormancy';
import { customerGroups, customerItems, type CustomerGroups } from '../lib/today/due';
import type { CustomerFile } from './customer-file';
import type { CallContext } from './rpc';
import { keptAnswer } from './kept';

export interface TodayAsk {
  today: number;
  /** How many of each group the list shows. */
  shown: number;
  /** The page's write count of the customer file (see CustomerFile). */
  customers: number;
}

/** A named customer: what the list shows (the page masks the phone, and the name in class mode). */
export interface TodayPerson {
  id: number;
  name: string;
  externalId?: string | undefined;
  phone?: string | undefined;
}

export interface TodayCustomers extends CustomerGroups {
  people: TodayPerson[];
}

/** What a week's care work is computed from, and its tasks: the care calendar's and the Today list's one source. */
async function weekOfCare(db: KeqingDb, file: CustomerFile, stats: () => Promise<CustomerStats>, weekStart: number, customers: number, ctx: CallContext) {
  const weekEnd = weekStart + 6;
  // The lunar calendar (Spring Festival, 农历 birthdays) loads with the first question that needs it.
  const [byId, settings, dormancyParams, { lunarCalendar: lunar }, counted] = await Promise.all([
    file.byId(customers),
    readCareSettings(db),
    getDormancyParams(db),
    import('../lib/care/lunar'),
    stats(),
  ]);
  await ctx.checkpoint();
  const people = Array.from(byId.values(), carePerson);
  // The last purchase (最近购买), as every dormancy figure counts it: not the last line of any kind.
  const dormancy = dormancyWarnings(lastPurchasePairs(counted), weekStart, weekEnd, dormancyParams);
  await ctx.checkpoint();
  const tasks = weekTasks({ weekStart, customers: people, tierOf: settings.tierOf, rules: settings.rules, storeOccasions: settings.occasions, lunar, dormancy });
  await ctx.checkpoint();
  return { byId, people, settings, lunar, tasks };
}

export interface CareWeekAsk {
  /** The Monday (a day number). */
  weekStart: number;
  /** The page's write count of the customer file (see CustomerFile). */
  customers: number;
}

export interface CareWeek {
  tasks: CareTask[];
  /** The customers the tasks name, as the calendar, its files and the gift sheet show them. */
  people: CarePerson[];
  /** Whether any tier review is stored (otherwise everyone is untiered). */
  tiered: boolean;
  rules: CareRules;
}

/**
 * The care calendar's week (issue 17): worked out where the customer file, tiers and last purchases
 * are held; the page gets the tasks and the customers they name, not 100,000 customers and states
 * (reading them and computing the week on the page held it for up to 200 ms a task).
 */
export async function careWeek(db: KeqingDb, file: CustomerFile, stats: () => Promise<CustomerStats>, ask: CareWeekAsk, ctx: CallContext): Promise<CareWeek> {
  const { byId, settings, tasks } = await weekOfCare(db, file, stats, ask.weekStart, ask.customers, ctx);
  const named = new Set<number>();
  for (const task of tasks) if (task.customerId !== null) named.add(task.customerId);
  return { tasks, people: [...named].map((id) => carePerson(byId.get(id)!)), tiered: settings.tiered, rules: settings.rules };
}

/** Engine-cache key of the last Today list worked out, kept with everything it was worked out from. */
export const KEPT_TODAY = 'today.customers';

/**
 * Everything the list is worked out from, as one string (a few small reads): the day and length,
 * the write stamps of the customer file (`customers`: the stored one, or the one the engine's held
 * file was read under) and the tier states, the lines' version, the care rules, store occasions,
 * dormancy settings and this week's done marks.
 */
async function todayInputs(db: KeqingDb, ask: TodayAsk, weekStart: number, customers: Promise<string | null>): Promise<string> {
  const rest = await Promise.all([
    customers,
    tierStatesStamp(db),
    purchasesVersion(db),
    readCareRules(db),
    readStoreOccasions(db),
    getDormancyParams(db),
    readCareDone(db, weekStart, weekStart + 6).then((done) => [...done.keys()].sort()),
  ]);
  return JSON.stringify([ask.today, ask.shown, ...rest]);
}

/**
 * The week's calls and birthdays due, and the customers they name. Kept with its inputs (workers/kept):
 * a reopened Overview over an unchanged store shows the list at once (working it out reads the whole
 * customer file: about a second at 100,000 customers); any change of input works it out again. The
 * other inputs are read afresh while it is worked out; the customer file is the engine's held one.
 */
export function todayCustomers(db: KeqingDb, file: CustomerFile, stats: () => Promise<CustomerStats>, ask: TodayAsk, ctx: CallContext): Promise<TodayCustomers> {
  const weekStart = weekStartOf(ask.today);
  return keptAnswer(
    db,
    KEPT_TODAY,
    () => todayInputs(db, ask, weekStart, customersStamp(db)),
    () => workOutToday(db, file, stats, ask, ctx, weekStart),
    () => todayInputs(db, ask, weekStart, file.storedStamp(ask.customers)),
  );
}

async function workOutToday(db: KeqingDb, file: CustomerFile, stats: () => Promise<CustomerStats>, ask: TodayAsk, ctx: CallContext, weekStart: number): Promise<TodayCustomers> {
  const weekEnd = weekStart + 6;
  const [{ byId, people, lunar, tasks }, done] = await Promise.all([weekOfCare(db, file, stats, weekStart, ask.customers, ctx), readCareDone(db, weekStart, weekEnd)]);
  const birthdays = birthdaysBetween(people, weekStart, weekEnd, lunar);
  const groups = customerGroups(customerItems({ today: ask.today, tasks, birthdays, done: new Set(done.keys()) }), ask.shown);
  const named = new Set([...groups.calls, ...groups.birthdays].map((item) => item.customerId));
  return {
    ...groups,
    people: [...named].map((id) => {
      const c = byId.get(id);
      // Fields left out rather than undefined: the answer is kept as JSON-like data and compared.
      return { id, name: c?.name ?? '', ...(c?.externalId ? { externalId: c.externalId } : {}), ...(c?.phone ? { phone: c.phone } : {}) };
    }),
  };
}
