/**
 * The recorded time, analysed in the time worker for what a screen asks (setup and filter), kept
 * current as entries are saved: a LiveAnalysis (latest question wins; re-asked when the data
 * changes). Call during component set-up.
 */
import { LiveAnalysis } from '../../data/live-analysis.svelte';
import { timeuse } from '../../workers/timeuse-client';
import type { TimeQuestion } from '../../workers/timeuse.worker';

export type { TimeQuestion };

/** `question` returns null while the screen has nothing to ask (no rep chosen yet). */
export function liveTimeAnalysis(question: () => TimeQuestion | null) {
  // Snapshot: setup comes from rune state (proxies cannot be cloned); read here, it is tracked deeply.
  return new LiveAnalysis(question, (q, signal) => timeuse.call('analyse', $state.snapshot(q) as TimeQuestion, { signal }));
}
