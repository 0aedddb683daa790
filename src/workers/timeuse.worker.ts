/**
 * Time-allocation analysis off the page, on the one RPC: the worker reads the stored time chunks
 * itself, so the page never reads or posts them.
 */
import { KeqingDb } from '../data/db';
import { readTimeChunks } from '../data/timeuse';
import { analyseTime, type AnalysisFilter } from '../lib/timeuse/aggregate';
import type { TimeSetup } from '../lib/timeuse/setup';
import { serve, type CallContext } from './rpc';

const db = new KeqingDb();

export interface TimeQuestion {
  setup: Pick<TimeSetup, 'categories' | 'reps'>;
  filter: AnalysisFilter;
}

const handlers = {
  /**
   * Read on every question: the chunks are small (~2 MB for 200,000 entries, read in tens of ms off
   * the page), and a cache keyed on this context's write counter could miss a write the page made a
   * moment before asking (the broadcast and the question travel on different channels).
   */
  async analyse(question: TimeQuestion, ctx: CallContext) {
    const chunks = await readTimeChunks(db);
    await ctx.checkpoint();
    const t0 = performance.now();
    const analysis = analyseTime(chunks, question.setup, question.filter);
    // ms: the analysis's own time inside the worker (the screen and the bench print it).
    return { analysis, ms: performance.now() - t0 };
  },
};

export type TimeHandlers = typeof handlers;
serve(handlers);
