/**
 * The Overview's 沉睡 / 流失 counts by the day rules (lib/dormancy), counted in the analysis engine
 * from the stats it holds: the page got the whole stats (100,000 customers' columns) to count four figures.
 */
import type { KeqingDb } from '../data/db';
import { getDormancyParams } from '../data/dormancy';
import { lastPurchaseDays, type CustomerStats } from '../lib/customers/stats';
import { countDormancy, type DormancyCounts } from '../lib/dormancy';

export async function dormancyCounts(db: KeqingDb, stats: () => Promise<CustomerStats>, today: number): Promise<{ buyers: number; counts: DormancyCounts }> {
  const [s, params] = await Promise.all([stats(), getDormancyParams(db)]);
  return { buyers: s.ids.length, counts: countDormancy(lastPurchaseDays(s), today, params) };
}
