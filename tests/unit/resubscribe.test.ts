import { describe, expect, it } from 'vitest';
import { resubscribing, type Subscribable } from '../../src/data/resubscribe';

/** A source whose n-th subscription emits the n-th entry of `script` (values, ending at an Error to fail with). */
function scripted(script: (number | Error | (number | Error)[])[]) {
  let runs = 0;
  let live = 0;
  const source = (): Subscribable<number> => ({
    subscribe(observer) {
      const entry = script[runs++];
      const steps = entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
      live++;
      let open = true;
      void (async () => {
        for (const step of steps) {
          await Promise.resolve();
          if (!open) return;
          if (step instanceof Error) {
            // An Observable is closed once it has failed.
            open = false;
            live--;
            observer.error(step);
          } else observer.next(step);
        }
      })();
      return {
        unsubscribe: () => {
          if (open) live--;
          open = false;
        },
      };
    },
  });
  return { source, runs: () => runs, live: () => live };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('resubscribing (a live query that failed runs again)', () => {
  it('subscribes again at once after one failure, and the answer clears the error', async () => {
    const s = scripted([new Error('PrematureCommitError'), 7]);
    const seen: string[] = [];
    resubscribing(s.source, { next: (v) => seen.push(`v${v}`), error: (e) => seen.push(String(e)) }, () => () => {});
    await settle();
    expect(seen).toEqual(['Error: PrematureCommitError', 'v7']);
    expect(s.runs()).toBe(2);
  });

  it('after a second failure in a row waits for the next data change, then runs again', async () => {
    const s = scripted([new Error('a'), new Error('b'), 3]);
    let change: (() => void) | null = null;
    let waiting = 0;
    const seen: string[] = [];
    resubscribing(s.source, { next: (v) => seen.push(`v${v}`), error: (e) => seen.push(String(e)) }, (then) => {
      waiting++;
      change = then;
      return () => waiting--;
    });
    await settle();
    expect(seen).toEqual(['Error: a', 'Error: b']);
    expect(s.runs()).toBe(2); // no busy loop: nothing runs until the data changes
    expect(waiting).toBe(1);
    change!();
    await settle();
    expect(seen).toEqual(['Error: a', 'Error: b', 'v3']);
    expect(waiting).toBe(0);
  });

  it('an answer between failures allows the quick retry again', async () => {
    // Run 1 fails; run 2 answers 1, then fails (a later re-run of the live query); run 3 answers 2.
    const s = scripted([new Error('a'), [1, new Error('c')], 2]);
    const seen: string[] = [];
    let waited = false;
    resubscribing(s.source, { next: (v) => seen.push(`v${v}`), error: (e) => seen.push(String(e)) }, () => ((waited = true), () => {}));
    await settle();
    expect(seen).toEqual(['Error: a', 'v1', 'Error: c', 'v2']);
    expect(waited).toBe(false);
  });

  it('stops: no run after the stop, the waiting ends, the live subscription is closed', async () => {
    const s = scripted([new Error('a'), new Error('b'), 5]);
    let released = 0;
    const stop = resubscribing(s.source, { next: () => {}, error: () => {} }, () => () => released++);
    await settle();
    stop();
    expect(released).toBe(1);
    expect(s.live()).toBe(0);
    expect(s.runs()).toBe(2);
  });

  it('stopped before the first answer: the quick retry does not start', async () => {
    const s = scripted([new Error('a'), 9]);
    const seen: number[] = [];
    const stop = resubscribing(s.source, { next: (v) => seen.push(v), error: () => stop() }, () => () => {});
    await settle();
    expect(s.runs()).toBe(1);
    expect(seen).toEqual([]);
  });
});
