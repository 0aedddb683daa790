/**
 * The one way a screen loads an analysis: `current` (the latest answer), `pending`, `error`. It asks
 * again when its inputs change or when the stored data changes (the data layer's version, not a
 * list of tables kept by hand); the previous question is aborted (its worker call is cancelled) and
 * only the latest answer is shown. While a new answer is on its way the previous one stays shown.
 * Create it during component set-up (it owns an $effect).
 */
import type { Result } from '../lib/result';
import type { WorkerError } from '../workers/rpc';
import { db } from './db';
import { derivedTables } from './engine-cache';
import { dataVersion, onDataChange, watchDatabase } from './versions';

/** Writes come in bursts (an import commits many transactions): re-ask once they pause. */
const SETTLE_MS = 60;

class DataVersion {
  current = $state(dataVersion());
}
let shared: DataVersion | null = null;
/** The data version as rune state (one subscription for the page). */
function reactiveVersion(): DataVersion {
  if (shared) return shared;
  watchDatabase(db.name);
  const state = new DataVersion();
  let timer: ReturnType<typeof setTimeout> | undefined;
  onDataChange((tables) => {
    // The engine storing a figure it computed changes nothing a screen shows (and would ask again forever).
    if ([...tables].every((table) => derivedTables.has(table))) return;
    clearTimeout(timer);
    timer = setTimeout(() => (state.current = dataVersion()), SETTLE_MS);
  });
  return (shared = state);
}

/** Something went wrong outside the worker (a read on the page that threw). */
export type LiveError = WorkerError | { code: 'load.failed'; message: string };

export class LiveAnalysis<I, T> {
  current = $state.raw<T | undefined>(undefined);
  pending = $state(true);
  error = $state.raw<LiveError | undefined>(undefined);
  /** Bumped by `refresh()` to ask again without a data change (e.g. after a retry button). */
  #again = $state(0);

  /**
   * `inputs` is read reactively (return `null` while there is nothing to ask); `ask` gets plain
   * inputs and an AbortSignal to hand to the worker call.
   */
  constructor(inputs: () => I | null, ask: (input: I, signal: AbortSignal) => Promise<Result<T, WorkerError>>) {
    const version = reactiveVersion();
    $effect(() => {
      const input = inputs();
      void version.current;
      void this.#again;
      if (input === null) {
        this.pending = false;
        return;
      }
      const controller = new AbortController();
      this.pending = true;
      ask(input, controller.signal).then(
        (r) => {
          if (controller.signal.aborted) return;
          this.pending = false;
          if (r.ok) {
            this.current = r.value;
            this.error = undefined;
          } else if (r.error.code !== 'worker.cancelled') {
            this.error = r.error;
          }
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          this.pending = false;
          this.error = { code: 'load.failed', message: e instanceof Error ? e.message : String(e) };
        },
      );
      return () => controller.abort();
    });
  }

  refresh() {
    this.#again++;
  }
}
