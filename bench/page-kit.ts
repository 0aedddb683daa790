/**
 * What the bench pages (bench/<name>/page.ts) share: the store seeded with the analysis bench's
 * generated lines, a timer, the longest main-thread task, and the hand-over of the figures to the
 * driving script (bench/<name>.mjs reads `window.__result` or `window.__error`).
 */
import { db } from '../src/data/db';
import { addPurchaseBatch } from '../src/data/purchases';
import { clearAllData } from '../src/data/store';
import { packBatch } from '../src/lib/purchases/line-key';
import { benchLines } from './analysis/lines';

declare global {
  interface Window {
    __result?: Record<string, number>;
    __error?: string;
    __longest: number;
  }
}

/** Watches long tasks from the page's start; `reset()` starts a new window, `longest()` reads it. */
window.__longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
}).observe({ type: 'longtask', buffered: true });

export const longTasks = {
  reset: () => void (window.__longest = 0),
  /** Long-task entries arrive after the task: wait for the last one before reading. */
  longest: async (settle = 0) => {
    if (settle > 0) await new Promise((resolve) => setTimeout(resolve, settle));
    return window.__longest;
  },
};

/** Milliseconds `work` takes. */
export async function ms(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/** The page's ?lines= and ?customers= (1 M / 100 k by default). */
export function benchSize(): { lines: number; customers: number } {
  const params = new URLSearchParams(location.search);
  return { lines: Number(params.get('lines') ?? 1_000_000), customers: Number(params.get('customers') ?? 100_000) };
}

/** An empty store with the generated lines stored as one import. */
export async function seedStore(lines: number, customers: number): Promise<void> {
  await clearAllData(db, { keepSettings: false });
  await addPurchaseBatch(db, 'demo', 'bench', packBatch(benchLines(lines, customers)));
}

/** Runs the page's measurement and hands its figures (or its error) to the driving script; `#state` shows the step. */
export function runBench(main: (step: (name: string) => void) => Promise<Record<string, number>>): void {
  const state = document.getElementById('state')!;
  main((name) => (state.textContent = name)).then(
    (result) => {
      window.__result = result;
      state.textContent = 'done';
    },
    (e: unknown) => {
      window.__error = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
    },
  );
}
