/**
 * The backup phases bench page: seeds a store of generated lines and customers (kept between runs
 * in the same browser profile), then times each phase of a backup and a restore in a worker.
 */
import { addCustomers, countCustomers } from '../../src/data/customer-store';
import { db } from '../../src/data/db';
import { addPurchaseBatch } from '../../src/data/purchases';
import { clearAllData } from '../../src/data/store';
import { appendTierLog, putTierStates } from '../../src/data/tiers';
import { rowsMeta } from '../../src/data/row-packs';
import { packBatch } from '../../src/lib/purchases/line-key';
import { benchLines } from '../analysis/lines';
import { benchSize, runBench } from '../page-kit';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const given = ['芳', '娜', '敏', '静', '伟', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '晓燕', '建国'];

runBench(async (step) => {
  const { lines, customers } = benchSize();
  const stored = await db.purchaseChunks.toCollection().primaryKeys();
  if ((await countCustomers(db)) !== customers || stored.length !== Math.ceil(lines / 10_000)) {
    step('seeding');
    await clearAllData(db, { keepSettings: false });
    await addPurchaseBatch(db, 'import', 'bench', packBatch(benchLines(lines, customers)));
    const at = '2026-11-23T08:00:00.000Z';
    for (let from = 0; from < customers; from += 10_000) {
      const rows = Array.from({ length: Math.min(10_000, customers - from) }, (_, k) => {
        const c = from + k;
        return { id: c + 1, externalId: `M${c}`, name: `${surnames[c % surnames.length]}${given[c % given.length]}`, phone: `13${String(100_000_000 + c).slice(0, 9)}`, region: '广州', createdAt: at, updatedAt: at };
      });
      await addCustomers(db, rows);
    }
  }
  // A first tier review's worth of tier rows: a state per customer and two log entries each.
  if ((await rowsMeta(db.tierStatePacks)).count !== customers) {
    step('seeding tiers');
    await putTierStates(db, Array.from({ length: customers }, (_, c) => ({ id: c + 1, tier: (['A', 'B', 'C'] as const)[c % 3]!, churned: c % 17 === 0, reviewedAt: 20_400 })));
    await appendTierLog(db, Array.from({ length: customers * 2 }, (_, k) => ({ customerId: (k % customers) + 1, from: k < customers ? null : ('C' as const), to: 'B' as const, rule: 'boughtMoreThanOnce' as const, day: 20_400, by: 'rule' as const })));
  }
  step('measuring');
  const worker = new Worker(new URL('./phases.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Record<string, number>>((resolve, reject) => {
    worker.onmessage = ({ data }) => (data.error ? reject(new Error(data.error)) : resolve(data));
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(null);
  });
});
