/**
 * The needs segments screen's figures worked out in the analysis engine (issue 17): the customer
 * file, the stats, the premium spend and the grades are all here, so the page gets a few totals per
 * segment, not 100,000 customers' facts (278 ms tasks on the page at 100,000 customers).
 */
import type { KeqingDb } from '../data/db';
import { getGradeCuts, gradeMap } from '../data/grades';
import { readSegments } from '../data/needs';
import type { CustomerStats } from '../lib/customers/stats';
import type { GradeFacts } from '../lib/grades/facts';
import { needsBreakdown, type NeedsBreakdown } from '../lib/needs/breakdown';
import type { NeedsSegment } from '../lib/needs/segment';
import type { CustomerFile } from './customer-file';
import type { CallContext } from './rpc';

export interface NeedsAsk {
  today: number;
  /** The page's write count of the customer file (see CustomerFile). */
  customers: number;
}

/** The segments as they were counted, with their totals. */
export interface NeedsAnswer extends NeedsBreakdown {
  segments: NeedsSegment[];
}

export async function needsFigures(db: KeqingDb, file: CustomerFile, stats: () => Promise<CustomerStats>, premium: (premiumUnitPrice: number) => Promise<GradeFacts>, ask: NeedsAsk, ctx: CallContext): Promise<NeedsAnswer> {
  const [byId, segments, grades, cuts, s] = await Promise.all([file.byId(ask.customers), readSegments(db), gradeMap(db), getGradeCuts(db), stats()]);
  const p = await premium(cuts.premiumUnitPrice);
  const customers = [...byId.values()];
  // Ages from 农历 birthdays need the lunar calendar (≈70 KB): loaded only when a customer has one.
  const toSolar = customers.some((c) => c.birthdayLunar) ? (await import('../lib/care/lunar')).lunarDayIn : undefined;
  await ctx.checkpoint();
  return { segments, ...needsBreakdown(customers, s, p, grades, segments, ask.today, toSolar) };
}
