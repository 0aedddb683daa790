/** The page's handle on the time-allocation worker: load the stored chunks, then ask for analyses. */
import type { AnalysisFilter, TimeAnalysis } from '../lib/timeuse/aggregate';
import type { TimeChunk } from '../lib/timeuse/entries';
import type { TimeSetup } from '../lib/timeuse/setup';
import type { FromTimeWorker, ToTimeWorker } from './protocol';

type Answer = Exclude<FromTimeWorker, { type: 'crashed' }>;

export class TimeAnalysisClient {
  private worker = new Worker(new URL('./timeuse.worker.ts', import.meta.url), { type: 'module' });
  private nextId = 1;
  private pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();

  constructor() {
    this.worker.onmessage = ({ data }: MessageEvent<FromTimeWorker>) => {
      const p = this.pending.get(data.requestId);
      if (!p) return;
      this.pending.delete(data.requestId);
      if (data.type === 'crashed') p.reject(new Error(data.message));
      else p.resolve(data);
    };
    this.worker.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Error(event.message || 'time worker failed'));
      this.pending.clear();
    };
  }

  private ask(message: ToTimeWorker, transfer: Transferable[] = []): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.pending.set(message.requestId, { resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  /**
   * Copies the chunks to the worker. Not transferred: Dexie's live-query cache may hand the same
   * arrays to another screen, and ~2 MB for 200,000 entries copies in a few milliseconds.
   */
  async load(chunks: TimeChunk[]): Promise<number> {
    const a = await this.ask({ type: 'load', requestId: this.nextId++, chunks });
    return a.type === 'loaded' ? a.entries : 0;
  }

  async analyse(setup: Pick<TimeSetup, 'categories' | 'reps'>, filter: AnalysisFilter): Promise<{ analysis: TimeAnalysis; ms: number }> {
    // Plain copies: setup may come from rune state (proxies cannot be cloned).
    const plain = JSON.parse(JSON.stringify({ categories: setup.categories, reps: setup.reps, filter })) as { categories: TimeSetup['categories']; reps: TimeSetup['reps']; filter: AnalysisFilter };
    const a = await this.ask({ type: 'analyse', requestId: this.nextId++, setup: { categories: plain.categories, reps: plain.reps }, filter: plain.filter });
    if (a.type !== 'analysis') throw new Error('unexpected answer');
    return { analysis: a.analysis, ms: a.ms };
  }

  terminate() {
    this.worker.terminate();
  }
}
