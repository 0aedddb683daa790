/**
 * Every schema version must open with the current code and keep every row. Add a sample for each
 * new version (as that version's app wrote it) and, where an upgrade changes rows, what it becomes.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { addCustomers, customerCounts, getCustomer, lastCustomerId, scanCustomers } from '../../src/data/customer-store';
import { declaredVersions, KeqingDb, schemaHistory, SCHEMA_VERSION } from '../../src/data/db';
import { packLines, summariseColumns } from '../../src/lib/purchases/columns';
import { lineKeys } from '../../src/lib/purchases/line-key';
import { packEntries } from '../../src/lib/timeuse/entries';
import { freshDb } from './helpers';
import { appendTierLog, readTierLog, readTierStates } from '../../src/data/tiers';
import { readAllRows, rowsMeta } from '../../src/data/row-packs';
import { defaultCareRules } from '../../src/lib/care/rules';

const v1Columns = packLines([{ day: 19_800, customerId: 1, amount: 59_900, quantity: 1, orderNo: 'S1', itemNo: 'A1001' }]);
const samples: Record<number, Record<string, unknown[]>> = {
  1: {
    settings: [{ key: 'profile', value: { name: '老店', type: 'apparel', currency: 'CNY' } }],
    products: [{ code: 'A1001', name: '连衣裙', category: '连衣裙', price: 89_900 }],
    customers: [{ id: 1, name: '王芳', phone: '13800138000', cardNo: 'VIP1', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' }],
    purchaseBatches: [{ id: 1, kind: 'import', label: 'old.csv', at: '2024-01-02T00:00:00.000Z', summary: summariseColumns(v1Columns) }],
    purchaseChunks: [{ id: 1, batchId: 1, columns: v1Columns }],
  },
};
samples[2] = {
  ...samples[1]!,
  customers: [{ ...samples[1]!.customers![0] as object, externalId: 'C-001' }],
  purchaseKeys: [{ id: 1, batchId: 1, keys: lineKeys(v1Columns) }],
  importUndo: [{ batchId: 1, addedCustomerIds: [1], previousCustomers: [] }],
};
samples[3] = {
  ...samples[2],
  tierStates: [
    { id: 1, tier: 'B', churned: false, reviewedAt: 19_900, downgradedAt: 19_900, override: { tier: 'B', reason: '店长指定' } },
    { id: 2, tier: 'A', churned: true, reviewedAt: 19_900 },
  ],
  tierLog: [
    { id: 1, customerId: 1, from: null, to: 'A', rule: 'points', day: 19_800, by: 'rule' },
    { id: 2, customerId: 1, from: 'A', to: 'B', rule: 'manual', day: 19_900, by: 'hand', reason: '店长指定' },
  ],
};
const v4SetBare = { id: 'course', version: 1, name: { zh: '课程', en: 'Course' }, dimensions: [{ id: 'training', name: { zh: '培训', en: 'Training' }, description: { zh: '', en: '' }, hint: { zh: '', en: '' }, areas: ['trainingCadence'] }] };
const v4Set = { key: 'course@1', ...v4SetBare };
const v4Assessment = {
  id: 'a1',
  setId: 'course',
  setVersion: 1,
  store: '老店',
  assessor: '王芳',
  role: 'manager',
  date: '2026-09-30',
  entries: { training: { score: 2, target: 4, weight: 1, note: '只有晚例会' } },
  actions: [{ id: 'x1', dimensionId: 'training', text: '每周周会', owner: '王芳', due: '2026-10-31', status: 'doing' }],
  createdAt: '2026-09-30T08:00:00.000Z',
  updatedAt: '2026-09-30T09:00:00.000Z',
};
samples[4] = {
  ...samples[3],
  scorecardSets: [v4Set],
  assessments: [v4Assessment],
  trainerClasses: [{ id: 'c1', name: '训练营', anonymous: false, members: [{ set: v4SetBare, assessment: v4Assessment }], createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-01T00:00:00.000Z' }],
};
// v4 added the scorecard tables, empty.
samples[5] = {
  ...samples[4],
  // Time allocation: one rep's November, packed (lib/timeuse/entries).
  timeChunks: [{ key: 'r1|24322', repId: 'r1', month: 24_322, columns: packEntries([{ rep: 'r1', day: 20_759, category: 'selling', minutes: 90, start: 540, end: 630 }, { rep: 'r1', day: 20_759, category: 'reports', minutes: 30 }]) }],
  // In key order, as the table reads back.
  timePlans: [
    { key: 'month|r1|24322', kind: 'month', repId: 'r1', period: 24_322, targets: [{ text: '成交 30 台', target: 30, actual: 27 }], declaredAt: '2026-11-01T01:00:00.000Z' },
    { key: 'week|r1|20759', kind: 'week', repId: 'r1', period: 20_759, minutes: { selling: 900, reports: 120 }, targets: [{ text: '回访 20 位老客户', target: 20, actual: null }] },
  ],
};
// v5 added the time table, empty.
samples[6] = {
  ...samples[5],
  // Store operations: care rules, a store occasion, a done care task, a complaint half handled.
  careRules: [{ id: 'store', ...defaultCareRules }],
  careOccasions: [{ id: 1, name: '店庆', date: '09-28' }],
  careDone: [{ key: '2026-11-27|card|1|birthday-2026', day: 20_419, by: '李店长', at: '2026-11-27T07:00:00.000Z' }],
  complaints: [
    {
      id: 1,
      customerId: 1,
      customerName: '王芳',
      date: '2026-11-02',
      type: 'quality',
      description: '裙子开线',
      steps: { received: { date: '2026-11-02', owner: '李店长' }, facts: { date: '2026-11-03', owner: '李店长', note: '缝线问题' } },
      responsibility: 'manufacturer',
      createdAt: '2026-11-02T03:00:00.000Z',
      updatedAt: '2026-11-03T03:00:00.000Z',
    },
  ],
};
// v6 added the operations tables, empty.
samples[7] = {
  ...samples[6],
  // Funnel and KPI board: a prospect at the test drive, two stage changes, a month's note, a target.
  opportunities: [{ id: 'o1', name: '陈先生', phone: '13900139000', customerId: 1, source: 'referral', group: 'A组', model: 'X1', colour: '白', options: '天窗', expectedMonth: '2026-12', appointmentDay: 20_420, createdAt: '2026-11-20T02:00:00.000Z', updatedAt: '2026-11-21T02:00:00.000Z' }],
  stageEvents: [
    { id: 'e1', opportunityId: 'o1', stage: 'greet', day: 20_412 },
    { id: 'e2', opportunityId: 'o1', stage: 'trial', day: 20_420 },
  ],
  monthNotes: [{ month: '2026-11', text: '本地广告投入减少', updatedAt: '2026-11-30T09:00:00.000Z' }],
  kpiSettings: [{ id: 'registrationRate', target: 1, alert: 0.9, front: true }],
};
// v7 added the funnel and KPI tables, empty.
samples[8] = {
  ...samples[7],
  // Member ledgers and levels: a customer with an owner, a top-up with a bonus and a spend, a level, a handover.
  customers: [{ ...(samples[7]!.customers![0] as object), ownerId: 'r2' }],
  ledgerEntries: [
    { id: 1, customerId: 1, ledger: 'stored', type: 'earn', amount: 120_000, principal: 100_000, bonus: 20_000, balance: 120_000, principalAfter: 100_000, bonusAfter: 20_000, orderRef: 'T1', by: '李店长', day: 20_410, at: '2026-11-18T02:00:00.000Z' },
    { id: 2, customerId: 1, ledger: 'stored', type: 'redeem', amount: -30_000, principal: -30_000, bonus: 0, balance: 90_000, principalAfter: 70_000, bonusAfter: 20_000, orderRef: 'S9', by: '小王', day: 20_412, at: '2026-11-20T02:00:00.000Z' },
    { id: 3, customerId: 1, ledger: 'points', type: 'earn', amount: 599, principal: 599, bonus: 0, balance: 599, principalAfter: 599, bonusAfter: 0, orderRef: 'S1', by: '小王', day: 20_412, at: '2026-11-20T02:00:00.000Z' },
  ],
  growthStates: [{ id: 1, level: 2, since: 20_300, validUntil: 20_665, locked: true, reason: '老顾客' }],
  handovers: [{ id: 1, fromRepId: 'r1', toRepId: 'r2', fromName: '小李', toName: '小王', customerIds: [1], by: '李店长', day: 20_413, at: '2026-11-21T02:00:00.000Z' }],
};
// v8 added the member tables, empty, and the owner index on customers.
samples[9] = {
  ...samples[8],
  // Customer value: a grade and its change, a needs segment by rule and by hand, its campaign.
  gradeStates: [{ id: 1, grade: 'medium', points: 3, since: '2026-11-22T02:00:00.000Z' }],
  gradeLog: [
    { id: 1, customerId: 1, from: null, to: 'high', points: 4, at: '2026-10-01T02:00:00.000Z', by: '李店长' },
    { id: 2, customerId: 1, from: 'high', to: 'medium', points: 3, at: '2026-11-22T02:00:00.000Z', by: '李店长' },
  ],
  needsSegments: [
    {
      id: 1,
      name: 'A组',
      needType: 'brandLoyal',
      characteristics: '35–45岁已婚男性，企业经理人',
      needs: '为家人购买',
      profitability: 'high',
      priority: 1,
      rule: { match: 'all', conditions: [{ field: 'gender', op: 'eq', value: 'M' }, { field: 'age', op: 'gte', value: '35' }] },
      manualIds: [1],
      staffHours: 40,
      gifts: 200_000,
      discounts: 50_000,
      marketPotential: 50_000_000,
      ourShare: 20,
      competitorShare: 35,
      competitor: '对面店',
      createdAt: '2026-11-01T02:00:00.000Z',
      updatedAt: '2026-11-01T02:00:00.000Z',
    },
  ],
  campaigns: [{ id: 1, name: '六一家庭活动', segmentId: 1, date: '2026-06-01', cost: null, invited: null, came: 30, bought: 2, intendPercent: 65, realisationPercent: 100, createdAt: '2026-06-02T02:00:00.000Z', updatedAt: '2026-06-02T02:00:00.000Z' }],
};
// v9 added the customer-value tables, empty.
samples[10] = {
  ...samples[9],
  // The contact log (联系记录), and a customer's hand tags (a field, no table).
  contacts: [{ id: 1, customerId: 1, day: 20_400, channel: 'call', note: '沉睡客户' }],
  customers: [{ ...(samples[9]!.customers![0] as object), tags: ['t1'] }],
};
// v10 added the contact log, empty.
samples[11] = {
  ...samples[10],
  // The analysis engine's cached figures (data/engine-cache), keyed by the data version.
  engineCache: [{ key: 'kpiPurchases', version: '1.0@2024-01-02T00:00:00.000Z|{"months":[]}', value: { registration: { linked: 1, lines: 1 }, months: [], quarters: [], years: [] } }],
};
// v11 added the engine's cache, empty.
const { customers: v11Customers, ...v11Rest } = samples[11]!;
samples[12] = {
  ...v11Rest,
  // Customers packed (data/customer-store): the next id to give, and each pack of PACK_SIZE ids.
  customerPacks: [
    { id: -1, customers: [], next: 3, stamp: 'k1' },
    { id: 0, customers: v11Customers },
  ],
};
// v12 moved the customers into packs.
const { tierStates: v12States, tierLog: v12Log, ...v12Rest } = samples[12]!;
samples[13] = {
  ...v12Rest,
  // Tier states and log packed (data/row-packs): the META record (next log id, row count), then each pack.
  tierStatePacks: [
    { id: -1, rows: [], next: 3, count: 2 },
    { id: 0, rows: v12States },
  ],
  tierLogPacks: [
    { id: -1, rows: [], next: 3, count: 2 },
    { id: 0, rows: v12Log },
  ],
};
// v13 moved the tier states and the tier log into packs.
samples[14] = {
  ...samples[13],
  // The customer file's META record counts the customers and those with a phone.
  customerPacks: [{ ...(samples[13]!.customerPacks![0] as object), count: 1, withPhone: 1 }, samples[13]!.customerPacks![1]!],
};
// v14 counted the customer file in its META record.

/** What each sample looks like once upgraded to the current version. */
function upgraded(version: number, rows: Record<string, unknown[]>): Record<string, unknown[]> {
  // v2 computed the line keys of purchases stored before it.
  if (version < 2) return { ...rows, purchaseKeys: [{ id: 1, batchId: 1, keys: lineKeys(v1Columns) }], importUndo: [], tierStates: [], tierLog: [] };
  // v3 added the tier tables, empty: the store's tiers come from its first review.
  if (version < 3) return { ...rows, tierStates: [], tierLog: [] };
  // v14 counted the customer file (one customer, with a phone) in its META record, stamp kept.
  if (version < 14 && rows.customerPacks) return { ...rows, customerPacks: samples[14]!.customerPacks! };
  return rows;
}

/** The database as an older app made it: every version up to `upTo` declared in turn, as the app did then. */
function oldApp(name: string, upTo: number): Dexie {
  const d = new Dexie(name);
  for (const step of schemaHistory.filter((s) => s.version <= upTo)) {
    const v = d.version(step.version).stores(step.stores);
    if (step.upgrade) v.upgrade(step.upgrade);
  }
  return d;
}

const schemaOf = (d: Dexie) =>
  d.tables
    .map((t) => `${t.name}: ${[t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src).sort()].join(', ')}`)
    .sort();

describe('schema upgrades', () => {
  it('declares only the versions with an upgrade and the latest, each with the whole schema up to it', () => {
    const declared = declaredVersions(schemaHistory);
    expect(declared.map((s) => s.version)).toEqual([2, 12, 13, 14]);
    expect(declared[0]!.stores).toEqual({ ...schemaHistory[0]!.stores, ...schemaHistory[1]!.stores });
    expect(declared[1]!.stores.customers).toBeNull();
    expect(Object.keys(declared[1]!.stores)).toHaveLength(32);
    expect(declared[2]!.stores).toMatchObject({ customers: null, tierStates: null, tierLog: null, tierStatePacks: 'id', tierLogPacks: 'id' });
    expect(Object.keys(declared[2]!.stores)).toHaveLength(34);
    expect(declared[3]!.stores).toEqual(declared[2]!.stores);
    expect(declaredVersions(schemaHistory.slice(0, 5)).map((s) => s.version)).toEqual([2, 5]);
  });

  it('opens every version with the same tables and indexes as declaring each version in turn', async () => {
    for (const step of schemaHistory) {
      const a = oldApp(freshDb().name, step.version);
      const b = new KeqingDb(freshDb().name, schemaHistory.filter((s) => s.version <= step.version));
      await a.open();
      await b.open();
      expect(schemaOf(b), `version ${step.version}`).toEqual(schemaOf(a));
      a.close();
      b.close();
    }
  });

  it('lists versions in increasing order and has a sample for each', () => {
    const versions = schemaHistory.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.at(-1)).toBe(SCHEMA_VERSION);
    for (const v of versions) expect(samples[v], `sample rows for schema version ${v}`).toBeDefined();
  });

  it.each(schemaHistory.map((s) => s.version))('opens a database made at version %i with every row kept', async (version) => {
    const name = freshDb().name;
    const old = oldApp(name, version);
    await old.open();
    for (const [table, rows] of Object.entries(samples[version]!)) await old.table(table).bulkAdd(rows);
    old.close();

    const current = new KeqingDb(name);
    await current.open();
    expect(current.verno).toBe(SCHEMA_VERSION);
    for (const [table, rows] of Object.entries(upgraded(version, samples[version]!))) {
      // Before v12 customers were a table of rows: read them back through the packed store.
      if (table === 'customers') expect(await scanCustomers(current, () => true)).toEqual(rows);
      // Before v13 the tier states and log were tables of rows: read them back through their packs.
      else if (table === 'tierStates') expect(await readTierStates(current)).toEqual(rows);
      else if (table === 'tierLog') expect(await readAllRows(current.tierLogPacks)).toEqual(rows);
      else expect(await current.table(table).toArray()).toEqual(rows);
    }
    // The next id is past every customer the old version held (its auto-increment gave ids before).
    expect(await lastCustomerId(current)).toBe(version < 12 ? 1 : 2);
    // The customer file's counts, whichever way it came to be packed (the one customer has a phone).
    expect(await customerCounts(current)).toEqual({ count: 1, withPhone: 1 });
    current.close();
  });

  it('moves 5,000 customers of a v11 database into packs: every field, every id, and the next id after the highest', async () => {
    const name = freshDb().name;
    const old = oldApp(name, 11);
    await old.open();
    const at = '2026-01-01T00:00:00.000Z';
    // Ids with gaps (deleted and merged customers), over three packs, some fields only on some rows.
    const rows = Array.from({ length: 5_000 }, (_, i) => {
      const id = i < 2_500 ? i + 1 : i + 1_000;
      return {
        id,
        name: `客户${id}`,
        ...(i % 3 === 0 ? { phone: `138${String(id).padStart(8, '0')}` } : {}),
        ...(i % 5 === 0 ? { cardNo: `VIP${id}`, tags: ['t1', 't2'], prospect: { model: 'X1', expectedDate: '2026-12-01' } } : {}),
        ...(i % 7 === 0 ? { ownerId: 'r1', birthday: '1990-04-08', birthdayLunar: true } : {}),
        createdAt: at,
        updatedAt: at,
      };
    });
    await old.table('customers').bulkAdd(rows);
    old.close();

    const current = new KeqingDb(name);
    await current.open();
    expect(await scanCustomers(current, () => true)).toEqual(rows);
    expect(await current.customerPacks.where('id').aboveOrEqual(0).primaryKeys()).toEqual([0, 1, 2]);
    expect((await getCustomer(current, 5_999))?.name).toBe('客户5999');
    expect(await getCustomer(current, 2_501)).toBeUndefined();
    expect(await lastCustomerId(current)).toBe(5_999);
    expect(await customerCounts(current)).toEqual({ count: 5_000, withPhone: rows.filter((r) => r.phone).length });
    expect(await addCustomers(current, [{ name: '新客户', createdAt: at, updatedAt: at }])).toEqual([6_000]);
    current.close();
  }, 60_000);

  it('counts the customers of a v13 database over three packs in its META record, keeping the stamp', async () => {
    const name = freshDb().name;
    const old = oldApp(name, 13);
    await old.open();
    const at = '2026-01-01T00:00:00.000Z';
    const phoneOf = (id: number) => (id % 3 === 0 ? { phone: `138${id}` } : id % 3 === 1 ? { phone: '' } : {});
    const pack = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ id: from + i, name: `客户${from + i}`, ...phoneOf(from + i), createdAt: at, updatedAt: at }));
    // As v13 wrote them: no counts on the META record.
    await old.table('customerPacks').bulkAdd([
      { id: -1, customers: [], next: 6_001, stamp: 'v13' },
      { id: 0, customers: pack(1, 2_048) },
      { id: 1, customers: pack(2_048, 4_096) },
      { id: 2, customers: pack(4_096, 5_001) },
    ]);
    old.close();

    const current = new KeqingDb(name);
    await current.open();
    const all = await scanCustomers(current, () => true);
    expect(all).toHaveLength(5_000);
    expect(await customerCounts(current)).toEqual({ count: 5_000, withPhone: all.filter((c) => c.phone).length });
    expect(await current.customerPacks.get(-1)).toMatchObject({ next: 6_001, stamp: 'v13' });
    current.close();
  }, 60_000);

  it('moves 5,000 tier states and 6,000 log entries of a v12 database into packs: every row, log ids kept, the next log id after the highest', async () => {
    const name = freshDb().name;
    const old = oldApp(name, 12);
    await old.open();
    // States with gaps over three packs; log ids with gaps (as a cleared-then-added log never has, but a restore may).
    const states = Array.from({ length: 5_000 }, (_, i) => {
      const id = i < 2_500 ? i + 1 : i + 1_000;
      return { id, tier: (['A', 'B', 'C'] as const)[i % 3]!, churned: i % 7 === 0, ...(i % 11 === 0 ? { override: { tier: 'A', reason: '店长指定' }, beforeOverride: 'B' } : {}), reviewedAt: 20_000 };
    });
    const log = Array.from({ length: 6_000 }, (_, i) => ({
      id: i < 3_000 ? i + 1 : i + 10,
      customerId: (i % 5_000) + 1,
      from: null,
      to: 'A',
      rule: 'points',
      day: 20_000 + (i % 30),
      by: 'rule',
      // Every tenth a 成长值 change, which shares the log.
      ...(i % 10 === 0 ? { scheme: 'growth', fromRank: null, toRank: 1 } : {}),
    }));
    await old.table('tierStates').bulkAdd(states);
    await old.table('tierLog').bulkAdd(log);
    old.close();

    const current = new KeqingDb(name);
    await current.open();
    expect(await readTierStates(current)).toEqual(states);
    expect(await readAllRows(current.tierLogPacks)).toEqual(log);
    expect(await readTierLog(current)).toHaveLength(5_400);
    expect(await current.tierStatePacks.where('id').aboveOrEqual(0).primaryKeys()).toEqual([0, 1, 2]);
    expect(await rowsMeta(current.tierLogPacks)).toMatchObject({ next: 6_010, count: 6_000 });
    expect(await appendTierLog(current, [{ customerId: 1, from: 'A', to: 'B', rule: 'manual', day: 20_100, by: 'hand' }])).toEqual([6_010]);
    current.close();
  }, 60_000);
});
