import { liveQuery } from 'dexie';
import { db } from './db';
import { resubscribing } from './resubscribe';
import { onDataChange, watchDatabase } from './versions';

/**
 * A Dexie live query as rune state: re-runs when its inputs or the tables it read change, and
 * after a failed run (resubscribe.ts); `error` holds a failure until the next answer.
 * Call during component init (it owns an $effect).
 */
export function live<I, T>(inputs: () => I, query: (input: I) => Promise<T>) {
  let current = $state.raw<T | undefined>(undefined);
  let error = $state.raw<unknown>(null);
  $effect(() => {
    // Read inputs here: Dexie runs the querier later, where reads are not tracked.
    const input = inputs();
    return resubscribing<T>(
      () => liveQuery(() => query(input)),
      {
        next: (value) => {
          current = value;
          error = null;
        },
        error: (e) => (error = e),
      },
      (then) => {
        watchDatabase(db.name);
        return onDataChange(then);
      },
    );
  });
  return {
    get current() {
      return current;
    },
    get error() {
      return error;
    },
  };
}
