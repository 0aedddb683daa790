/**
 * The Overview's 今日待办, the part about customers (issue 18), worked out in the analysis engine:
 * the week's birthdays and calls need every customer's birthday, tier and last purchase, which the
 * engine holds (the customer file, the stats); the page gets only the few customers it names.
 * Reading the file on the page took 4–5 s of paged reads at 100,000 customers.
 */
import { carePerson, readCareDone, readCareSettings } from '../data/care';
import type { KeqingDb } from '../data/db';
import { getDormancyParams } from '../data/dormancy';
import { birthdaysBetween, weekStartOf, weekTasks } from '../lib/care';
import type { CustomerStats } from '../lib/customers/stats';
import { dormancyWarnings } from '../lib/dormancy';
import { customerGroups, customerItems, type CustomerGroups } from '../lib/today/due';
import type { CustomerFile } from './customer-file';
import type { CallContext } from './rpc';

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

export async function todayCustomers(db: KeqingDb, file: CustomerFile, stats: () => Promise<CustomerStats>, ask: TodayAsk, ctx: CallContext): Promise<TodayCustomers> {
  const weekStart = weekStartOf(ask.today);
  const weekEnd = weekStart + 6;
  // The lunar calendar (Spring Festival, 农历 birthdays) loads with the first question that needs it, as on the page.
  const [byId, settings, done, dormancyParams, { lunarCalendar: lunar }, { ids, lastDay }] = await Promise.all([
    file.byId(ask.customers),
    readCareSettings(db),
    readCareDone(db, weekStart, weekEnd),
    getDormancyParams(db),
    import('../lib/care/lunar'),
    stats(),
  ]);
  await ctx.checkpoint();
  const people = Array.from(byId.values(), carePerson);
  const dormancy = dormancyWarnings(
    Array.from(ids, (id, i): [number, number] => [id, lastDay[i]!]),
    weekStart,
    weekEnd,
    dormancyParams,
  );
  await ctx.checkpoint();
  const tasks = weekTasks({ weekStart, customers: people, tierOf: settings.tierOf, rules: settings.rules, storeOccasions: settings.occasions, lunar, dormancy });
  await ctx.checkpoint();
  const birthdays = birthdaysBetween(people, weekStart, weekEnd, lunar);
  const groups = customerGroups(customerItems({ today: ask.today, tasks, birthdays, done: new Set(done.keys()) }), ask.shown);
  const named = new Set([...groups.calls, ...groups.birthdays].map((item) => item.customerId));
  return {
    ...groups,
    people: [...named].map((id) => {
      const c = byId.get(id);
      return { id, name: c?.name ?? '', externalId: c?.externalId, phone: c?.phone };
    }),
  };
}
