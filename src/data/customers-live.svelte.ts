/** All customers as rune state, loaded in pages and reloaded whenever the customers table changes. */
import type { Customer } from '../lib/customers/customer';
import { customersStamp } from './customer-store';
import { readCustomersPaged } from './customers';
import { db } from './db';
import { live } from './live.svelte';

export function liveCustomers() {
  let current = $state.raw<Customer[] | null>(null);
  let complete = $state(false);
  let read = $state(0);
  let tick = 0;
  // The customers' stamp (one small record), rewritten by every write to them, edits included.
  const changed = live(
    () => null,
    async () => {
      await customersStamp(db);
      return ++tick;
    },
  );
  $effect(() => {
    if (changed.current === undefined) return;
    const stale = new AbortController();
    complete = false;
    read = 0;
    void readCustomersPaged(
      db,
      (first) => {
        if (!stale.signal.aborted && current === null) current = first;
      },
      undefined,
      stale.signal,
      (n) => {
        if (!stale.signal.aborted) read = n;
      },
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
    /** How many customers the read under way has read so far. */
    get read() {
      return read;
    },
  };
}
