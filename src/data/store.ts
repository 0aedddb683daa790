/** Whole-store operations: what is stored, loading the demo store, clearing everything. */
import { isoFromDay } from '../lib/dates';
import { courseExampleCampaign, type Campaign } from '../lib/needs/campaign';
import { classroomDemo } from '../lib/demo/classroom';
import { demoDefaults, type DemoStore } from '../lib/demo/generate';
import { demoFunnel } from '../lib/funnel/demo';
import { summariseColumns, type ColumnsSummary } from '../lib/purchases/columns';
import { packBatch } from '../lib/purchases/line-key';
import { clearAllData } from './clear';
import type { KeqingDb } from './db';
import { addPurchaseBatch, purchaseTotals } from './purchases';
import { saveAutoTags, saveTagGroups } from './tags';
import { putTimeEntries, saveTimeSetup } from './timeuse';
import type { Complaint } from '../lib/complaints/complaint';
import { addCustomers, customerCounts, hasCustomers } from './customer-store';

export interface StoreCounts {
  customers: number;
  customersWithoutPhone: number;
  products: number;
  /** Lines the analyses count: stored and not excluded at import. */
  lines: number;
  orders: number;
  /** fen */
  revenue: number;
  firstDay: number | null;
  lastDay: number | null;
  /** Lines not excluded at import whose customer is not on file. */
  linesWithoutCustomer: number;
  /** Lines excluded at import (stored, counted in none of the figures above), per mark they carry. */
  linesExcluded: number;
  excludedByMark: ColumnsSummary['excludedByMark'];
}

export async function storeCounts(db: KeqingDb): Promise<StoreCounts> {
  return db.transaction('r', db.customerPacks, db.products, db.purchaseBatches, db.purchaseChunks, async () => {
    const [{ count: customers, withPhone }, products, totals] = await Promise.all([customerCounts(db), db.products.count(), purchaseTotals(db)]);
    return {
      customers,
      customersWithoutPhone: customers - withPhone,
      products,
      lines: totals.lines - totals.excluded,
      orders: totals.orders,
      revenue: totals.amount,
      firstDay: totals.firstDay,
      lastDay: totals.lastDay,
      linesWithoutCustomer: totals.linesWithoutCustomer,
      linesExcluded: totals.excluded,
      excludedByMark: totals.excludedByMark,
    };
  });
}

export const hasData = async (db: KeqingDb) => (await hasCustomers(db)) || (await db.purchaseBatches.count()) > 0;

/** Replaces all store data with the demo store, in one transaction: it lands whole or not at all. */
export async function replaceWithDemoStore(db: KeqingDb, demo: DemoStore): Promise<void> {
  await db.transaction('rw', db.allTables(), async () => {
    await clearAllData(db, { keepSettings: true });
    await db.settings.put({ key: 'profile', value: demo.profile });
    await db.products.bulkAdd(demo.products);
    // The classroom's data (lib/demo/classroom): reps and their time log, scorecards, complaints, tags.
    const lastDay = summariseColumns(demo.purchases).lastDay;
    const classroom = lastDay === null ? null : classroomDemo(demoDefaults.seed, lastDay, demo.customers);
    const tagged = (id: number) => classroom?.customerTags.get(id);
    await addCustomers(db, demo.customers.map((c) => (tagged(c.id) ? { ...c, tags: tagged(c.id) } : c)));
    await addPurchaseBatch(db, 'demo', 'demo', packBatch(demo.purchases));
    if (classroom) {
      await saveTimeSetup(db, classroom.timeSetup);
      await putTimeEntries(db, classroom.timeEntries);
      await db.timePlans.bulkPut(classroom.timePlans);
      await db.assessments.bulkAdd(classroom.assessments);
      await db.trainerClasses.add(classroom.trainerClass);
      await db.complaints.bulkAdd(classroom.complaints as Complaint[]);
      await saveTagGroups(db, classroom.tagGroups);
      await saveAutoTags(db, classroom.autoTags);
      // The last evaluation named the replaced store's customers.
      await db.settings.delete('autoTagMembers');
    }
    // A small sales funnel beside it (lib/funnel/demo), ending on the demo's last trading day.
    if (lastDay !== null) {
      const funnel = demoFunnel(demoDefaults.seed, lastDay);
      await db.opportunities.bulkAdd(funnel.opportunities);
      await db.stageEvents.bulkAdd(funnel.events);
      // The course's Children's Day family event (seed 000), for the campaign evaluation.
      const year = Number(isoFromDay(lastDay).slice(0, 4));
      const at = new Date().toISOString();
      await db.campaigns.add({ ...courseExampleCampaign(year, null, '六一家庭活动（课程示例）'), createdAt: at, updatedAt: at } as Campaign);
    }
  });
}

export { clearAllData } from './clear';
