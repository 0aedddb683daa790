/**
 * The tier review run and stored by the analysis engine (workers/tier-review.ts) instead of the page
 * posting every state to the worker and storing the answer: the same states and log are stored, and
 * the page gets the same summary it counted from the whole log.
 */
import { describe, expect, it } from 'vitest';
import { getTierParams } from '../../src/data/settings';
import { readTierLog, readTierStates, saveTierReview, tierReviewBase } from '../../src/data/tiers';
import { replaceWithDemoStore } from '../../src/data/store';
import { customerStats } from '../../src/lib/customers/stats';
import { summariseColumns } from '../../src/lib/purchases/columns';
import { reviewFromLines, summariseReview } from '../../src/lib/tiers';
import { LinesStore } from '../../src/workers/lines-store';
import { runTierReview } from '../../src/workers/tier-review';
import { freshDb, smallDemo } from './helpers';

describe('the tier review in the analysis engine', () => {
  it('stores what the page stored and answers its summary; a day before the last review stores nothing', { timeout: 120_000 }, async () => {
    const demo = smallDemo();
    const [inEngine, onPage] = [freshDb(), freshDb()];
    await replaceWithDemoStore(inEngine, demo);
    await replaceWithDemoStore(onPage, demo);
    const last = summariseColumns(demo.purchases).lastDay!;
    const lines = new LinesStore(inEngine);

    for (const day of [last - 200, last + 1]) {
      const run = await runTierReview(inEngine, () => lines.current(), day);
      // The page's way: the base read, the review over the lines, the result stored.
      const base = await tierReviewBase(onPage);
      const result = reviewFromLines([demo.purchases], base.states, day, await getTierParams(onPage), undefined, customerStats([demo.purchases]));
      expect((await saveTierReview(onPage, result, base)).ok).toBe(true);
      expect(run).toEqual({ ok: true, value: { day, summary: summariseReview(result.log) } });
      expect(result.log.length).toBeGreaterThan(0);
      expect(await readTierStates(inEngine)).toEqual(await readTierStates(onPage));
      expect((await readTierLog(inEngine)).map(({ id: _, ...e }) => e)).toEqual((await readTierLog(onPage)).map(({ id: _, ...e }) => e));
    }
    const states = await readTierStates(inEngine);
    expect(await runTierReview(inEngine, () => lines.current(), last - 5)).toMatchObject({ ok: false, error: { code: 'tiers.reviewBeforeLast' } });
    expect(await runTierReview(inEngine, () => lines.current(), null)).toEqual({ ok: false, error: { code: 'tiers.noReviewDate' } });
    expect(await readTierStates(inEngine)).toEqual(states);
  });
});
