/**
 * A store's purchase lines for the bench, generated (seeded, so every run times the same data):
 * `customers` buyers over three years, about 2.5 lines per order, some returns and walk-ins.
 */
import { emptyColumns, type PurchaseColumns } from '../../src/lib/purchases/columns';
import { LineFlag } from '../../src/lib/purchases/columns';

export function benchLines(lines: number, customers: number, firstDay = 19_000): PurchaseColumns {
  let seed = 42;
  const random = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 4_294_967_296;
  };
  const c = emptyColumns(lines);
  const orders = Math.ceil(lines / 2.5);
  c.orderDict = Array.from({ length: orders }, (_, i) => `XP${String(i).padStart(8, '0')}`);
  c.itemDict = Array.from({ length: 500 }, (_, i) => `A${1000 + i}`);
  let order = -1;
  let customer = 0;
  let day = firstDay;
  for (let i = 0; i < lines; i++) {
    if (order < 0 || random() < 0.4) {
      order = Math.min(orders - 1, order + 1);
      // Some customers buy far more often than others (a long tail, as real stores have).
      customer = random() < 0.03 ? 0 : 1 + Math.floor(customers * random() ** 1.6);
      day = firstDay + Math.floor((1095 * i) / lines);
    }
    c.day[i] = day;
    c.customerId[i] = customer;
    c.orderNo[i] = order;
    c.itemNo[i] = Math.floor(random() * 500);
    c.quantity[i] = random() < 0.02 ? -1 : 1 + Math.floor(random() * 3);
    c.amount[i] = Math.round(c.quantity[i]! * (2_000 + random() * 80_000));
    c.points[i] = Number.NaN;
    c.customerRef[i] = -1;
    c.flags[i] = c.quantity[i]! < 0 ? LineFlag.returned : 0;
  }
  return c;
}
