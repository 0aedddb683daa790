import { liveQuery } from 'dexie';

/**
 * A Dexie live query as rune state: re-runs when its inputs or the tables it read change.
 * Call during component init (it owns an $effect).
 */
export function live<I, T>(inputs: () => I, query: (input: I) => Promise<T>) {
  let current = $state.raw<T | undefined>(undefined);
  let error = $state.raw<unknown>(null);
  $effect(() => {
    // Read inputs here: Dexie runs the querier later, where reads are not tracked.
    const input = inputs();
    const sub = liveQuery(() => query(input)).subscribe({
      next: (value) => {
        current = value;
        error = null;
      },
      error: (e: unknown) => {
        error = e;
      },
    });
    return () => sub.unsubscribe();
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
