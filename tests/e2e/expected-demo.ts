/** What the demo store holds today: the browser builds it from the same pure generator. */
import { dayFromLocalDate } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { summariseColumns } from '../../src/lib/purchases/columns';

export function expectedDemo() {
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const s = summariseColumns(demo.purchases);
  const fmt = (n: number) => n.toLocaleString('en-US');
  return {
    customers: fmt(demo.customers.length),
    lines: fmt(demo.purchases.length),
    orders: fmt(s.orders),
    withoutPhone: fmt(demo.planted.customersWithoutPhone),
    withoutCustomer: fmt(s.linesWithoutCustomer),
  };
}
