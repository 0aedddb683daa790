/**
 * The export worker's handlers (workers/export.handlers), run here on a test database: the page
 * sends ids, packed figures and words; the worker reads the customers itself and writes the file.
 */
import { putTierStates } from '../../src/data/tiers';
import { describe, expect, it } from 'vitest';
import type { KeqingDb } from '../../src/data/db';
import type { Customer } from '../../src/lib/customers/customer';
import { customerStats } from '../../src/lib/customers/stats';
import { dayFromYmd } from '../../src/lib/dates';
import { emptyColumns } from '../../src/lib/purchases/columns';
import { packClasses, packScores } from '../../src/lib/rfm/packed';
import { exportHandlers } from '../../src/workers/export.handlers';
import type { CallContext } from '../../src/workers/rpc';
import { freshDb, customers as customerTable } from './helpers';

const ctx: CallContext<never> = { signal: new AbortController().signal, checkpoint: async () => {}, progress: () => {} };
const at = '2026-01-01T00:00:00.000Z';
/** Column headers a…: Papa writes as many cells per row as there are headers. */
const heads = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i));
const lines = async (blob: Blob) => (await blob.text()).replace(/^\uFEFF/, '').split('\r\n');

async function store(): Promise<KeqingDb> {
  const db = freshDb();
  await customerTable(db).bulkAdd([
    { id: 1, name: '王芳', phone: '13800138000', cardNo: 'VIP001', createdAt: at, updatedAt: at },
    { id: 2, name: '张伟', createdAt: at, updatedAt: at },
    { id: 3, name: '李娜', phone: '13900139000', externalId: 'C003', createdAt: at, updatedAt: at },
  ] as Customer[]);
  return db;
}

/** Customer 1 bought twice (¥10.00 on 2026-03-01, ¥5.50 on 2026-03-05, two orders); 3 once (¥20.00 on 2026-02-01). */
function stats() {
  const c = emptyColumns(3);
  c.customerId.set([1, 1, 3]);
  c.day.set([dayFromYmd(2026, 3, 1), dayFromYmd(2026, 3, 5), dayFromYmd(2026, 2, 1)]);
  c.amount.set([1_000, 550, 2_000]);
  c.quantity.fill(1);
  c.points.fill(Number.NaN);
  c.customerRef.fill(-1);
  c.orderNo.set([0, 1, 2]);
  c.orderDict.push('S1', 'S2', 'S3');
  return customerStats([c]);
}

describe('export worker handlers', () => {
  it('writes the customer list in the order shown, with keys read in the worker and figures from the stats', async () => {
    const db = await store();
    const file = await exportHandlers(() => db).customerList({ ids: Int32Array.from([3, 1, 2]), stats: stats(), headers: heads(11), fullPhones: false }, ctx);
    expect(file.type).toBe('text/csv;charset=utf-8');
    expect(await lines(file)).toEqual([
      'a,b,c,d,e,f,g,h,i,j,k',
      // keys (shop id, card, masked phone, name, Keqing no.), level, birthday, address, last purchase, orders, yuan
      'C003,,139****9000,李娜,3,,,,2026-02-01,1,20',
      ',VIP001,138****8000,王芳,1,,,,2026-03-05,2,15.5', // 1,000 + 550 fen = ¥15.50
      ',,,张伟,2,,,,,0,0', // never bought
    ]);
  });

  it('says so on the first line when phones are written in full', async () => {
    const db = await store();
    const file = await exportHandlers(() => db).customerList({ ids: Int32Array.from([1]), stats: stats(), headers: heads(11), fullPhones: true, notice: '含完整手机号' }, ctx);
    expect(await lines(file)).toEqual(['含完整手机号', 'a,b,c,d,e,f,g,h,i,j,k', ',VIP001,13800138000,王芳,1,,,,2026-03-05,2,15.5']);
  });

  it('writes every filed customer with scores, segment names, ABC class and tier', async () => {
    const db = await store();
    await putTierStates(db, [
      { id: 1, tier: 'A', churned: false },
      { id: 3, tier: 'B', churned: true },
    ]);
    const scores = packScores([
      { id: 1, r: 5, f: 4, m: 3, score: 543, segment: 'champions', recencyDays: 3, frequency: 2, monetary: 15.5 },
      { id: 3, r: 1, f: 1, m: 1, score: 111, segment: 'lost', recencyDays: 400, frequency: 1, monetary: 20 },
    ]);
    const file = await exportHandlers(() => db).customerScores(
      { scores, classes: packClasses({ 1: 'A', 3: 'C' }), segmentNames: { champions: '重要价值', lost: '流失' }, churned: { A: 'A（流失）', B: 'B（流失）', C: 'C（流失）' }, headers: heads(15), fullPhones: false },
      ctx,
    );
    expect(await lines(file)).toEqual([
      'a,b,c,d,e,f,g,h,i,j,k,l,m,n,o',
      ',VIP001,138****8000,王芳,1,3,2,15.5,5,4,3,543,重要价值,A,A',
      ',,,张伟,2,,,,,,,,,,', // filed, never bought: keys only
      'C003,,139****9000,李娜,3,400,1,20,1,1,1,111,流失,C,B（流失）',
    ]);
  });

  it('writes a list of customers as keys plus columns: numbers, words per row, one word for all', async () => {
    const db = await store();
    const file = await exportHandlers(() => db).keyedFile(
      { ids: Int32Array.from([3, 9, 1]), columns: [['2026-02-01', '', '2026-03-05'], Float64Array.from([1, 0, 2.5]), { same: '回访' }], headers: heads(8), fullPhones: false },
      ctx,
    );
    expect(await lines(file)).toEqual([
      'a,b,c,d,e,f,g,h',
      'C003,,139****9000,李娜,3,2026-02-01,1,回访',
      ',,,,9,,0,回访', // no longer on file: only Keqing's number
      ',VIP001,138****8000,王芳,1,2026-03-05,2.5,回访',
    ]);
  });
});
