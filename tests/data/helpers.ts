import { KeqingDb } from '../../src/data/db';
import { dayFromYmd } from '../../src/lib/dates';
import { generateDemoStore } from '../../src/lib/demo/generate';

let n = 0;
/** A fresh database per test: fake-indexeddb keeps them in memory. */
export const freshDb = () => new KeqingDb(`test-${process.pid}-${n++}-${Date.now()}`);

/** A small demo store (fast), deterministic like the real one. */
export const smallDemo = (seed = 5) => generateDemoStore({ seed, customers: 150, endDay: dayFromYmd(2026, 11, 23) });
