/** All customers as rune state, loaded in pages and reloaded whenever the customers table changes. */
import type { Customer } from '../lib/customers/customer';
import { readCustomersPaged } from './customers';
import { db } from './db';
import { live } from './live.svelte';

export function liveCustomers() {
  let current = $state.raw<Customer[] | null>(null);
  let complete = $state(false);
  let tick = 0;
  // Primary keys only (cheap), but Dexie re-runs this for any write to the table, edits included.
  const changed = live(
    () => null,
    async () => {
      await db.customers.toCollection().primaryKeys();
      return ++tick;
    },
  );
  $effect(() => {
    if (changed.current === undefined) return;
    const stale = new AbortController();
    complete = false;
    void readCustomersPaged(
      db,
      (first) => {
        if (!stale.signal.aborted && current === null) current = first;
      },
      undefined,
      stale.signal,
    ).then((all) => {
      if (stale.signal.aborted) return;
      current = all;
      complete = true;
    });
    return () => stale.abort();
  });
  return {
    get current() {
      return current;
    },
    /** False while later pages are still being read. */
    get complete() {
      return complete;
    },
  };
}
