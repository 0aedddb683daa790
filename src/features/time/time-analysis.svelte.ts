/**
 * The recorded time, analysed in the time worker for what a screen asks (setup and filter), kept
 * current as entries are saved: each stored version of the chunks goes to the worker once, and
 * an answer that arrives after the question changed is dropped. Call during component set-up.
 */
import { db } from '../../data/db';
import { live } from '../../data/live.svelte';
import { readTimeChunks } from '../../data/timeuse';
import type { AnalysisFilter, TimeAnalysis } from '../../lib/timeuse/aggregate';
import type { TimeSetup } from '../../lib/timeuse/setup';
import { describeError } from '../../ui/errors';
import { TimeAnalysisClient } from '../../workers/timeuse-client';

export interface TimeQuestion {
  setup: Pick<TimeSetup, 'categories' | 'reps'>;
  filter: AnalysisFilter;
}

export class LiveTimeAnalysis {
  analysis = $state.raw<TimeAnalysis | null>(null);
  /** The worker's time for the last answer. */
  ms = $state(0);
  /** What went wrong with the last question ('' when it was answered). */
  error = $state('');
}

/** `question` returns null while the screen has nothing to ask (no rep chosen yet). */
export function liveTimeAnalysis(question: () => TimeQuestion | null): LiveTimeAnalysis {
  const result = new LiveTimeAnalysis();
  const chunks = live(() => 0, () => readTimeChunks(db));
  const client = new TimeAnalysisClient();
  let loaded: Promise<unknown> = Promise.resolve();
  let sent: unknown = null;
  $effect(() => () => client.terminate());
  $effect(() => {
    const current = chunks.current;
    const wanted = question();
    if (!current || !wanted) return;
    if (current !== sent) {
      sent = current;
      loaded = client.load(current);
    }
    let stale = false;
    void loaded
      .then(() => client.analyse(wanted.setup, wanted.filter))
      .then((r) => {
        if (stale) return;
        result.analysis = r.analysis;
        result.ms = r.ms;
        result.error = '';
      })
      .catch((e: unknown) => (result.error = describeError(e)));
    return () => {
      stale = true;
    };
  });
  return result;
}
