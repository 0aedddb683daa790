/**
 * Orders per customer in the stats pass (lib/customers/stats): each customer counts every distinct
 * order no. they have a line in (订单数) and every one they have a purchase line in, however many
 * customers an order names and however its lines fall across chunks. Checked against a plain count
 * of distinct (order, customer) pairs.
 */
import { describe, expect, it } from 'vitest';
import { customerStats } from '../../src/lib/customers/stats';
import { isPurchase, packLines, splitColumns, LineFlag, type PurchaseLine } from '../../src/lib/purchases/columns';

function lines(n: number, seed: number, customersPerOrder: number): PurchaseLine[] {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648);
  return Array.from({ length: n }, (_, i) => {
    const order = next() % Math.ceil(n / 3);
    // Customers of an order: drawn from a few per order, so orders name one to `customersPerOrder`.
    const customerId = 1 + ((order * 7 + (next() % customersPerOrder)) % 500);
    const returned = next() % 10 === 0;
    return {
      day: 19_000 + (next() % 400),
      customerId: next() % 40 === 0 ? 0 : customerId,
      amount: returned ? -1_000 : next() % 20 === 0 ? 0 : 1_000 + (next() % 9_000),
      quantity: 1,
      ...(returned ? { flags: LineFlag.returned } : {}),
      ...(i % 17 === 0 ? {} : { orderNo: `D${order}` }),
    };
  });
}

/** Distinct orders per customer, counted pair by pair (a line without an order no. is an order of its own). */
function plainCount(all: PurchaseLine[]) {
  const orders = new Map<number, Set<string>>();
  const purchases = new Map<number, Set<string>>();
  all.forEach((l, i) => {
    if (l.customerId === 0) return;
    const key = l.orderNo ?? `line ${i}`;
    if (!orders.has(l.customerId)) orders.set(l.customerId, new Set());
    orders.get(l.customerId)!.add(key);
    if (isPurchase(l.flags ?? 0, l.amount)) {
      if (!purchases.has(l.customerId)) purchases.set(l.customerId, new Set());
      purchases.get(l.customerId)!.add(key);
    }
  });
  return { orders, purchases };
}

describe('orders per customer', () => {
  for (const perOrder of [1, 2, 3, 6]) {
    it(`equal a pair-by-pair count when orders name up to ${perOrder} customer(s), across chunks`, () => {
      const all = lines(30_000, 7 + perOrder, perOrder);
      const stats = customerStats(splitColumns(packLines(all), 1_000));
      const plain = plainCount(all);
      expect(Array.from(stats.ids)).toEqual([...plain.orders.keys()].sort((a, b) => a - b));
      stats.ids.forEach((id, k) => {
        expect(stats.orders[k], `customer ${id}`).toBe(plain.orders.get(id)!.size);
        expect(stats.purchaseOrders[k], `customer ${id}`).toBe(plain.purchases.get(id)?.size ?? 0);
      });
    });
  }

  it('counts an order once per customer whatever the order of its lines (hand-checked)', () => {
    // Order A names customers 1, 2, 3, then 2, 1 and 3 again; order B only customer 2, twice.
    const hand = [1, 2, 3, 2, 1, 3].map((customerId) => ({ day: 19_000, customerId, amount: 100, quantity: 1, orderNo: 'A' }));
    hand.push({ day: 19_001, customerId: 2, amount: 100, quantity: 1, orderNo: 'B' }, { day: 19_001, customerId: 2, amount: 100, quantity: 1, orderNo: 'B' });
    const stats = customerStats(splitColumns(packLines(hand), 2));
    expect(Array.from(stats.orders)).toEqual([1, 2, 1]);
  });
});
