/**
 * Keeps an Observable-like source subscribed through failures. An Observable ends at its first
 * error, so a Dexie live query that failed once would never re-run and a screen would keep its
 * last figures for good. After a failure the source is subscribed again at once (most failures
 * pass: a transaction aborted by another tab's upgrade, a busy database); failing again, it waits
 * for `nextChange` (the next write to the database) and tries again then. The retry after an
 * answer is allowed again.
 */
export interface Subscribable<T> {
  subscribe(observer: { next: (value: T) => void; error: (e: unknown) => void }): { unsubscribe(): void };
}

export function resubscribing<T>(source: () => Subscribable<T>, on: { next: (value: T) => void; error: (e: unknown) => void }, nextChange: (then: () => void) => () => void): () => void {
  let stopped = false;
  let sub: { unsubscribe(): void } | null = null;
  let stopWaiting: (() => void) | null = null;
  let retried = false;
  const subscribe = () => {
    if (stopped) return;
    sub = source().subscribe({
      next: (value) => {
        retried = false;
        on.next(value);
      },
      error: (e) => {
        on.error(e);
        if (stopped) return;
        if (!retried) {
          retried = true;
          // Not from inside the failed subscription's own call.
          queueMicrotask(subscribe);
          return;
        }
        stopWaiting = nextChange(() => {
          stopWaiting?.();
          stopWaiting = null;
          subscribe();
        });
      },
    });
  };
  subscribe();
  return () => {
    stopped = true;
    sub?.unsubscribe();
    stopWaiting?.();
  };
}
